import NanoCityEngine

/// Whether the places where crime concentrates stay the same from one time window to the
/// next: the overlap of the top cells, and Andresen's (2009) spatial point pattern test.
public struct HotspotPersistence: Sendable, Equatable {
    /// Jaccard overlap |A ∩ B| / |A ∪ B| (0…1) of the top `topShare` of cells in each window;
    /// nil when neither window has an incident.
    public let jaccardTop: Double?
    public let topShare: Double
    /// Andresen's S-index (0…1): share of all cells whose share of the first window's incidents
    /// lies inside the 95% interval of their share in `samples` random 85% subsamples of the
    /// second window's incidents.
    public let sIndex: Double?
    /// The same over the cells with at least one incident in either window (the "robust"
    /// S-index of Andresen's sppt package), which many empty cells cannot inflate.
    public let sIndexRobust: Double?

    /// The top `share` of cells by count (at least one, only cells with incidents): ranked by
    /// count, ties by lower cell index.
    public static func topCells(_ counts: [Double], share: Double) -> Set<Int> {
        let k = max(1, Int((share * Double(counts.count)).rounded()))
        let ranked = counts.indices.filter { counts[$0] > 0 }.sorted { (counts[$0], -$0) > (counts[$1], -$1) }
        return Set(ranked.prefix(k))
    }

    /// Compares window `base` (counts per cell) with window `test` (the cell of each incident).
    /// Subsample k draws with xoshiro256** seeded by `SplitMix64.derive(base: seed, index: k)`.
    public init(base: [Double], test: [Int], cells: Int, topShare: Double = 0.05,
                samples: Int = 200, sampleShare: Double = 0.85, seed: UInt64) {
        var testCounts = [Double](repeating: 0, count: cells)
        for c in test { testCounts[c] += 1 }
        self.topShare = topShare
        let a = Self.topCells(base, share: topShare), b = Self.topCells(testCounts, share: topShare)
        let union = a.union(b).count
        jaccardTop = union > 0 ? Double(a.intersection(b).count) / Double(union) : nil

        let baseTotal = base.reduce(0, +)
        let draw = Int((sampleShare * Double(test.count)).rounded())
        guard baseTotal > 0, draw > 0, samples > 0 else { sIndex = nil; sIndexRobust = nil; return }
        // Only cells the test window touches can have a non-zero interval.
        let touched = Array(Set(test)).sorted()
        var slot = [Int: Int]()
        for (k, c) in touched.enumerated() { slot[c] = k }
        var shares = [[Double]](repeating: [Double](repeating: 0, count: samples), count: touched.count)
        var pool = test
        for s in 0..<samples {
            var rng = Xoshiro256StarStar(seed: SplitMix64.derive(base: seed, index: UInt64(s)))
            for t in 0..<draw {
                let r = t + rng.below(pool.count - t)
                pool.swapAt(t, r)
                shares[slot[pool[t]]!][s] += 100 / Double(draw)
            }
        }
        let drop = Int((0.025 * Double(samples)).rounded(.down))
        var similar = 0, similarTouched = 0, active = 0
        var inTest = [Bool](repeating: false, count: cells)
        for c in touched { inTest[c] = true }
        for c in 0..<cells {
            let p = base[c] / baseTotal * 100
            let same: Bool
            if let k = slot[c] {
                let sorted = shares[k].sorted()
                same = p >= sorted[drop] - 1e-12 && p <= sorted[samples - 1 - drop] + 1e-12
            } else {
                same = p == 0
            }
            if same { similar += 1 }
            if base[c] > 0 || inTest[c] {
                active += 1
                if same { similarTouched += 1 }
            }
        }
        sIndex = Double(similar) / Double(cells)
        sIndexRobust = active > 0 ? Double(similarTouched) / Double(active) : nil
    }
}
