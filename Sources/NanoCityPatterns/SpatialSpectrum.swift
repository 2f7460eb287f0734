/// The dominant spatial wavelength of a grid (the peak of its radially averaged power
/// spectrum) and its hotspot count — the two figures by which Short et al. (2008) describe a
/// hotspot lattice.
public struct SpatialSpectrum: Sendable, Equatable {
    /// Wavelength at the peak, in cells; nil when the grid does not vary.
    public let peakWavelengthCells: Double?
    /// Mean power in the peak's radial bin over the mean power of all bins r ≥ 1 (1 = no peak).
    public let peakProminence: Double?
    /// Peaks of the counts' 3×3 moving mean above 2× the mean count: cells whose smoothed
    /// count exceeds all 8 neighbours' (a plateau counted once).
    public let hotspots: Int

    /// Radial bin r of wave vector (kx/W, ky/H) (cycles per cell) is round(|k| · L), L = min(W, H),
    /// so bin r is wavelength L/r cells; bins 1 ≤ r ≤ L/2 are searched.
    public init(_ grid: CountGrid) {
        let (w, h) = (grid.width, grid.height)
        let mean = grid.total / Double(grid.cells)
        var re = grid.counts.map { $0 - mean }, im = [Double](repeating: 0, count: grid.cells)
        let rows = FourierTransform(length: w), columns = FourierTransform(length: h)
        for y in 0..<h {
            var r = Array(re[(y * w)..<((y + 1) * w)]), i = Array(im[(y * w)..<((y + 1) * w)])
            rows.forward(&r, &i)
            for x in 0..<w { re[y * w + x] = r[x]; im[y * w + x] = i[x] }
        }
        for x in 0..<w {
            var r = (0..<h).map { re[$0 * w + x] }, i = (0..<h).map { im[$0 * w + x] }
            columns.forward(&r, &i)
            for y in 0..<h { re[y * w + x] = r[y]; im[y * w + x] = i[y] }
        }
        let l = min(w, h), top = l / 2
        var power = [Double](repeating: 0, count: top + 1), count = [Int](repeating: 0, count: top + 1)
        for y in 0..<h {
            let fy = Double(y <= h / 2 ? y : y - h) / Double(h)
            for x in 0..<w {
                let fx = Double(x <= w / 2 ? x : x - w) / Double(w)
                let r = Int(((fx * fx + fy * fy).squareRoot() * Double(l)).rounded())
                guard r >= 1 && r <= top else { continue }
                power[r] += re[y * w + x] * re[y * w + x] + im[y * w + x] * im[y * w + x]
                count[r] += 1
            }
        }
        var best: Int?, all = 0.0, bins = 0
        for r in 1...max(1, top) where r <= top && count[r] > 0 {
            power[r] /= Double(count[r])
            all += power[r]; bins += 1
            if best.map({ power[r] > power[$0] }) ?? true { best = r }
        }
        if let b = best, all > 0 {
            peakWavelengthCells = Double(l) / Double(b)
            peakProminence = power[b] / (all / Double(bins))
        } else {
            peakWavelengthCells = nil
            peakProminence = nil
        }
        // Peaks of the 3×3 mean (over the cells inside the grid), so that the noise of counts
        // within one hotspot does not count as many.
        var smooth = [Double](repeating: 0, count: grid.cells)
        for y in 0..<h {
            for x in 0..<w {
                var sum = 0.0, k = 0
                for ny in max(0, y - 1)...min(h - 1, y + 1) { for nx in max(0, x - 1)...min(w - 1, x + 1) { sum += grid[nx, ny]; k += 1 } }
                smooth[y * w + x] = sum / Double(k)
            }
        }
        var spots = 0
        for y in 0..<h {
            for x in 0..<w where smooth[y * w + x] > 2 * mean && mean > 0 {
                let v = smooth[y * w + x]
                var peak = true
                for dy in -1...1 {
                    for dx in -1...1 where dx != 0 || dy != 0 {
                        let (nx, ny) = (x + dx, y + dy)
                        guard nx >= 0 && nx < w && ny >= 0 && ny < h else { continue }
                        // A plateau counts once: at its first cell in row-major order.
                        let other = smooth[ny * w + nx], earlier = ny * w + nx < y * w + x
                        if other > v || (other == v && earlier) { peak = false }
                    }
                }
                if peak { spots += 1 }
            }
        }
        hotspots = spots
    }
}
