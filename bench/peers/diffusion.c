/* The C reference for diffusion + decay: NetLogo diffuse (rate r, 8 shares, shares that would
 * leave a bounded grid stay) then multiply by `decay`, over a W×H float32 field. Built with
 * `cc -O3 -march=native`; prints ns per cell per step (median of 5 runs of STEPS steps).
 * Usage: diffusion W H STEPS */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static void border(const float *restrict s, float *restrict d, int w, int h, int x, int y, float share, float decay) {
            float sum = 0; int k = 0;
            for (int dy = -1; dy <= 1; dy++) for (int dx = -1; dx <= 1; dx++) {
                if (!dx && !dy) continue;
                int xx = x + dx, yy = y + dy;
                if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
                sum += s[yy * w + xx]; k++;
            }
            d[y * w + x] = decay * (s[y * w + x] * (1 - share * k) + share * sum);
}

static void step(const float *restrict s, float *restrict d, int w, int h, float rate, float decay) {
    float share = rate / 8, keep = 1 - rate;
    for (int x = 0; x < w; x++) { border(s, d, w, h, x, 0, share, decay); border(s, d, w, h, x, h - 1, share, decay); }
    for (int y = 1; y < h - 1; y++) { border(s, d, w, h, 0, y, share, decay); border(s, d, w, h, w - 1, y, share, decay); }
    for (int y = 1; y < h - 1; y++) {
        const float *up = s + (y - 1) * w, *mid = s + y * w, *down = s + (y + 1) * w;
        float *out = d + y * w;
        for (int x = 1; x < w - 1; x++) {
            float n = up[x - 1] + up[x] + up[x + 1] + mid[x - 1] + mid[x + 1] + down[x - 1] + down[x] + down[x + 1];
            out[x] = decay * (mid[x] * keep + share * n);
        }
    }
}

static int cmp(const void *a, const void *b) { double x = *(double *)a, y = *(double *)b; return (x > y) - (x < y); }

int main(int argc, char **argv) {
    int w = argc > 1 ? atoi(argv[1]) : 512, h = argc > 2 ? atoi(argv[2]) : 512, steps = argc > 3 ? atoi(argv[3]) : 200;
    if (w < 3 || h < 3 || steps < 1 || (long)w * h > (1L << 26)) { fprintf(stderr, "usage: diffusion W H STEPS\n"); return 2; }
    float *a = malloc(sizeof(float) * w * h), *b = malloc(sizeof(float) * w * h);
    for (long i = 0; i < (long)w * h; i++) a[i] = (float)((i * 2654435761u) % 1000) / 1000.0f;
    double t[5];
    for (int r = 0; r < 5; r++) {
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        for (int i = 0; i < steps; i++) { step(a, b, w, h, 0.2f, 0.99f); float *tmp = a; a = b; b = tmp; }
        clock_gettime(CLOCK_MONOTONIC, &t1);
        t[r] = ((t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec)) / ((double)w * h * steps);
    }
    qsort(t, 5, sizeof(double), cmp);
    double sum = 0;
    for (long i = 0; i < (long)w * h; i++) sum += a[i];
    printf("c_diffusion_ns_per_cell=%.3f\nchecksum=%.6f\n", t[2], sum);
    return 0;
}
