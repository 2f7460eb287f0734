/// NetLogo `diffuse` on a bounded grid, followed by a multiplicative decay.
///
/// Semantics (NetLogo 6 `diffuse`, non-wrapping world): every cell gives away the fraction
/// `rate` of its value, split into 8 equal shares, one per neighbour (Moore neighbourhood).
/// A share whose neighbour would lie outside the grid stays in the giving cell. Hence for a
/// cell with `k` in-grid neighbours:
///
///     new[c] = decay * ( v[c] * (1 - rate * k / 8) + rate / 8 * Σ_{n ∈ N(c)} v[n] )
///
/// With `decay == 1` the total is conserved up to Float rounding.
public enum Diffusion {
    /// One diffusion step with decay, reading `field` and writing the result back into it.
    ///
    /// - Parameters:
    ///   - rate: fraction of each cell's value given to its neighbours, in [0, 1].
    ///   - decay: factor applied after diffusion, in [0, 1]; 1 means no decay.
    ///   - scratch: reusable buffer; resized as needed so the step allocates nothing after the first call.
    ///   - threads: cores the interior may use (`RowBands`); the result is bit-identical for any value.
    public static func step(_ field: inout ScalarField, rate: Float, decay: Float, scratch: inout [Float], threads: Int = 1) {
        let w = field.size.width, h = field.size.height
        if scratch.count != field.values.count {
            scratch = [Float](repeating: 0, count: field.values.count)
        }
        let share = rate / 8
        field.values.withUnsafeBufferPointer { src in
            scratch.withUnsafeMutableBufferPointer { dst in
                // Border cells (and grids thinner than 3) take the general path with bounds checks.
                func general(_ x: Int, _ y: Int) {
                    var sum: Float = 0
                    var k = 0
                    for dy in -1...1 {
                        let yy = y + dy
                        if yy < 0 || yy >= h { continue }
                        for dx in -1...1 where dx != 0 || dy != 0 {
                            let xx = x + dx
                            if xx < 0 || xx >= w { continue }
                            sum += src[yy * w + xx]
                            k += 1
                        }
                    }
                    let v = src[y * w + x]
                    dst[y * w + x] = decay * (v * (1 - share * Float(k)) + share * sum)
                }
                if w < 3 || h < 3 {
                    for y in 0..<h { for x in 0..<w { general(x, y) } }
                    return
                }
                for x in 0..<w { general(x, 0); general(x, h - 1) }
                for y in 1..<(h - 1) { general(0, y); general(w - 1, y) }
                let keep = 1 - rate
                // Raw pointers and wrapping index arithmetic: no overflow checks in the loop, so
                // the compiler vectorises it. Each cell's sum keeps the same order of additions,
                // so results are bit-identical to the scalar loop.
                let s = src.baseAddress!, d = dst.baseAddress!
                let inner = w &- 2
                RowBands.run(rows: h - 2, width: w, threads: threads) { band in
                    for y in (band.lowerBound + 1)..<(band.upperBound + 1) {
                        let up = s + ((y &- 1) &* w &+ 1), mid = s + (y &* w &+ 1), down = s + ((y &+ 1) &* w &+ 1)
                        let out = d + (y &* w &+ 1)
                        for x in 0..<inner {
                            let n = up[x &- 1] + up[x] + up[x &+ 1]
                                + mid[x &- 1] + mid[x &+ 1]
                                + down[x &- 1] + down[x] + down[x &+ 1]
                            out[x] = decay * (mid[x] * keep + share * n)
                        }
                    }
                }
            }
        }
        swap(&field.values, &scratch)
    }
}
