import NanoCityEngine

/// How waste generation splits over row bands on several cores while every cell still receives
/// its additions in the one-core order (so the result is bit-identical for any thread count).
///
/// On one core, residential cells add their kept waste to themselves and their littered waste
/// (and its toxicity) to their nearest street, in list order; then industrial cells do the
/// same; then industrial cells add components and toxicity to themselves. A producing cell
/// receives from itself only, so any band may serve it. A street fed only by cells of its own
/// band gets its additions from that band's core in list order. A street fed across a band
/// boundary is *shared*: all its litter is added after the bands, on one core, in list order.
struct GenerationBands {
    let bands: Int
    /// Per band: the index range of its cells in `map.residential` and in `map.industrial`
    /// (the lists are in cell order, so a band's cells are contiguous).
    let residential: [Range<Int>]
    let industrial: [Range<Int>]
    /// One bit per cell: a street fed from more than one band.
    let shared: [UInt64]
    /// Indices into `map.residential` / `map.industrial` of cells whose street is shared, in
    /// list order.
    let deferredResidential: [Int32]
    let deferredIndustrial: [Int32]

    /// The plan for `map` in `bands` row bands (`RowBands.band`), or nil when the producing
    /// cells are not in cell order (then generation stays on one core).
    init?(map: CityMap, bands: Int) {
        let w = map.size.width, h = map.size.height
        let lists = [map.residential, map.industrial]
        guard bands > 1, lists.allSatisfy({ zip($0, $0.dropFirst()).allSatisfy { $0 < $1 } }) else { return nil }
        self.bands = bands
        var bandOfRow = [Int32](repeating: 0, count: h)
        for b in 0..<bands { for y in RowBands.band(b, of: bands, rows: h) { bandOfRow[y] = Int32(b) } }
        // Each list's band ranges, by the first cell of each band.
        func ranges(_ cells: [Int32]) -> [Range<Int>] {
            var out: [Range<Int>] = [], start = 0
            for b in 0..<bands {
                let endCell = RowBands.band(b, of: bands, rows: h).upperBound * w
                var end = start
                while end < cells.count && Int(cells[end]) < endCell { end += 1 }
                out.append(start..<end)
                start = end
            }
            return out
        }
        residential = ranges(map.residential)
        industrial = ranges(map.industrial)
        var shared = [UInt64](repeating: 0, count: (map.size.count + 63) / 64)
        for cells in lists {
            for c in cells {
                let s = Int(map.nearestStreet[Int(c)])
                if bandOfRow[Int(c) / w] != bandOfRow[s / w] { shared[s >> 6] |= 1 << UInt64(s & 63) }
            }
        }
        func deferred(_ cells: [Int32]) -> [Int32] {
            cells.indices.filter { i in
                let s = Int(map.nearestStreet[Int(cells[i])])
                return shared[s >> 6] & (1 << UInt64(s & 63)) != 0
            }.map { Int32($0) }
        }
        deferredResidential = deferred(map.residential)
        deferredIndustrial = deferred(map.industrial)
        self.shared = shared
    }
}
