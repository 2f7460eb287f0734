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
                let full = w / t  // whole tiles per row: one 8-lane load and reduction each
                RowBands.run(rows: h, width: w, threads: threads, align: t) { band in
                    for i in (band.lowerBound / t * tx)..<((band.upperBound + t - 1) / t * tx) { m[i] = -Float.infinity }
                    for y in band {
                        let row = y &* w, tileRow = (y / t) &* tx
                        for k in 0..<full {
                            let lanes = raw.loadUnaligned(fromByteOffset: (row &+ k &* t) &* 4, as: SIMD8<Float>.self)
                            let best = lanes.max()
                            if best > m[tileRow &+ k] { m[tileRow &+ k] = best }
                        }
                        if full * t < w {
                            var best = v[row + full * t]
                            for xx in (full * t + 1)..<max(w, full * t + 1) where xx < w { best = max(best, v[row + xx]) }
                            if best > m[tileRow + full] { m[tileRow + full] = best }
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
