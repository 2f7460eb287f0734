/// Per-tile maxima of a field (tiles of `tile × tile` cells), so a search for "a cell with at
/// least m within this square" can answer "none" by reading a few tiles instead of every cell.
///
/// Exact as long as the field only decreases after `rebuild` (the maxima stay upper bounds).
public struct TileMaximum: Sendable {
    /// Tile side in cells; 8 so that one row of a tile is one `SIMD8<Float>`.
    public static let tile = 8
    public private(set) var tilesX = 0
    public private(set) var tilesY = 0
    public private(set) var maxima: [Float] = []

    public init() {}

    /// Recomputes every tile's maximum: one pass over the field, in bands of whole tile rows on
    /// up to `threads` cores (a maximum is exact, so any split gives the same maxima).
    public mutating func rebuild(_ field: ScalarField, threads: Int = 1) {
        let t = Self.tile, w = field.size.width, h = field.size.height
        tilesX = (w + t - 1) / t
        tilesY = (h + t - 1) / t
        if maxima.count != tilesX * tilesY { maxima = [Float](repeating: 0, count: tilesX * tilesY) }
        let tx = tilesX
        field.values.withUnsafeBufferPointer { v in
            maxima.withUnsafeMutableBufferPointer { m in
                let raw = UnsafeRawPointer(v.baseAddress!)
                let full = w / t  // whole tiles per row (8 cells wide: one 8-lane load per row)
                RowBands.run(rows: h, width: w, threads: threads, align: t) { band in
                    // A tile row at a time: each whole tile's 8 rows fold into one 8-lane
                    // vector, then one horizontal maximum per 64 cells (not one per 8).
                    for y0 in stride(from: band.lowerBound, to: band.upperBound, by: t) {
                        let y1 = min(y0 &+ t, band.upperBound), tileRow = (y0 / t) &* tx
                        for k in 0..<full {
                            var lanes = SIMD8<Float>(repeating: -Float.infinity)
                            for y in y0..<y1 {
                                let row = raw.loadUnaligned(fromByteOffset: (y &* w &+ k &* t) &* 4, as: SIMD8<Float>.self)
                                // A compare and a select (maxps-like), not IEEE maximum's NaN rules:
                                // fields hold no NaN.
                                lanes.replace(with: row, where: row .> lanes)
                            }
                            m[tileRow &+ k] = lanes.max()
                        }
                        if full * t < w {
                            var best = -Float.infinity
                            for y in y0..<y1 {
                                for xx in (full * t)..<w { best = max(best, v[y * w + xx]) }
                            }
                            m[tileRow + full] = best
                        }
                    }
                }
            }
        }
    }

    /// Whether any cell in the inclusive rectangle may hold at least `minimum`.
    public func mayContain(atLeast minimum: Float, x0: Int, y0: Int, x1: Int, y1: Int) -> Bool {
        let t = Self.tile
        for ty in (y0 / t)...(y1 / t) {
            for tx in (x0 / t)...(x1 / t) where maxima[ty * tilesX + tx] >= minimum { return true }
        }
        return false
    }
}
