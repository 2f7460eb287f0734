import Foundation

/// A discrete Fourier transform of any length: radix-2 Cooley–Tukey for powers of two,
/// Bluestein's chirp-z algorithm (through a power-of-two transform) otherwise.
struct FourierTransform {
    let n: Int
    private let m: Int
    private let chirpRe: [Double], chirpIm: [Double]
    private let kernelRe: [Double], kernelIm: [Double]

    init(length n: Int) {
        self.n = n
        if n & (n - 1) == 0 {
            m = n
            chirpRe = []; chirpIm = []; kernelRe = []; kernelIm = []
            return
        }
        var m = 1
        while m < 2 * n - 1 { m <<= 1 }
        self.m = m
        var cr = [Double](repeating: 0, count: n), ci = cr
        for k in 0..<n {
            // k² mod 2n keeps the angle exact for large k.
            let angle = Double.pi * Double((k * k) % (2 * n)) / Double(n)
            cr[k] = cos(angle); ci[k] = -sin(angle)
        }
        chirpRe = cr; chirpIm = ci
        var br = [Double](repeating: 0, count: m), bi = br
        br[0] = cr[0]; bi[0] = -ci[0]
        for k in 1..<n {
            br[k] = cr[k]; bi[k] = -ci[k]
            br[m - k] = cr[k]; bi[m - k] = -ci[k]
        }
        Self.radix2(&br, &bi, inverse: false)
        kernelRe = br; kernelIm = bi
    }

    /// In-place forward transform X_k = Σ x_j e^{−2πijk/n}.
    func forward(_ re: inout [Double], _ im: inout [Double]) {
        if m == n { Self.radix2(&re, &im, inverse: false); return }
        var ar = [Double](repeating: 0, count: m), ai = ar
        for k in 0..<n {
            ar[k] = re[k] * chirpRe[k] - im[k] * chirpIm[k]
            ai[k] = re[k] * chirpIm[k] + im[k] * chirpRe[k]
        }
        Self.radix2(&ar, &ai, inverse: false)
        for k in 0..<m {
            let (r, i) = (ar[k] * kernelRe[k] - ai[k] * kernelIm[k], ar[k] * kernelIm[k] + ai[k] * kernelRe[k])
            ar[k] = r; ai[k] = i
        }
        Self.radix2(&ar, &ai, inverse: true)
        for k in 0..<n {
            let (r, i) = (ar[k] / Double(m), ai[k] / Double(m))
            re[k] = r * chirpRe[k] - i * chirpIm[k]
            im[k] = r * chirpIm[k] + i * chirpRe[k]
        }
    }

    static func radix2(_ re: inout [Double], _ im: inout [Double], inverse: Bool) {
        let n = re.count
        var j = 0
        for i in 1..<max(1, n) {
            var bit = n >> 1
            while j & bit != 0 { j ^= bit; bit >>= 1 }
            j |= bit
            if i < j { re.swapAt(i, j); im.swapAt(i, j) }
        }
        var len = 2
        while len <= n {
            let angle = (inverse ? 2 : -2) * Double.pi / Double(len)
            for start in stride(from: 0, to: n, by: len) {
                for k in 0..<(len / 2) {
                    let (wr, wi) = (cos(angle * Double(k)), sin(angle * Double(k)))
                    let (a, b) = (start + k, start + k + len / 2)
                    let tr = re[b] * wr - im[b] * wi, ti = re[b] * wi + im[b] * wr
                    re[b] = re[a] - tr; im[b] = im[a] - ti
                    re[a] += tr; im[a] += ti
                }
            }
            len <<= 1
        }
    }
}
