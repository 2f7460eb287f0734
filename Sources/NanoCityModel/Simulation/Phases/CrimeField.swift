import NanoCityEngine

// Tick phase 9, crime field (the order: `TickPhase`, Tick.swift).
extension City {
    /// Short et al. (2008) eq. (2-3) on the bounded grid, with reflecting edges (a missing
    /// neighbour counts as the cell itself):
    /// B ← [(1−η)·B + η/4·Σ₄ B_n]·(1 − ω·δt) + θ·E.
    ///
    /// E is zero on all but this tick's crime cells: the stencil adds θ·0 everywhere (as the
    /// formula does, so a −0 becomes +0 exactly as with E stored per cell), then θ·E_c is added
    /// at each crime cell, E_c counted first so each cell gets one addition.
    mutating func updateAttractiveness() {
        let w = map.size.width, h = map.size.height
        let eta = Float(params.crime.eta), keep = Float(1 - params.crime.omega * params.crime.dt)
        let theta = Float(params.crime.theta)
        let none = theta * 0
        if scratch.count != map.size.count { scratch = [Float](repeating: 0, count: map.size.count) }
        let stay = 1 - eta, spread = eta * 0.25
        attractiveness.values.withUnsafeBufferPointer { b in
            scratch.withUnsafeMutableBufferPointer { out in
                func cell(_ c: Int, _ up: Int, _ down: Int, _ l: Int, _ r: Int) {
                    let lap = b[up] + b[down] + b[l] + b[r]
                    out[c] = (stay * b[c] + spread * lap) * keep + none
                }
                let bp = b.baseAddress!, op = out.baseAddress!
                // Each cell reads only the old field: bands of rows on several cores give
                // the same bits as one.
                RowBands.run(rows: h, width: w, threads: threads) { band in
                    for y in band {
                        let row = y * w
                        let up = y > 0 ? row - w : row, down = y < h - 1 ? row + w : row
                        // Edges reflect (a missing neighbour counts as the cell itself).
                        cell(row, up, down, row, w > 1 ? row + 1 : row)
                        if w > 1 { cell(row + w - 1, up + w - 1, down + w - 1, row + w - 2, row + w - 1) }
                        guard w > 2 else { continue }
                        // The interior over raw pointers with wrapping indices, so it vectorises;
                        // each cell's arithmetic is in the same order as above: bit-identical.
                        let bu = bp + up, bd = bp + down, bc = bp + row, oc = op + row
                        for x in 1..<(w &- 1) {
                            let lap = bu[x] + bd[x] + bc[x &- 1] + bc[x &+ 1]
                            oc[x] = (stay * bc[x] + spread * lap) * keep + none
                        }
                    }
                }
            }
        }
        if !crimeCells.isEmpty {
            crimeCounts.removeAll(keepingCapacity: true)
            for c in crimeCells { crimeCounts[c, default: 0] += 1 }
            // Each cell once, so the order of the cells does not matter.
            for (c, e) in crimeCounts { scratch[Int(c)] += theta * e }
        }
        swap(&attractiveness.values, &scratch)
    }
}
