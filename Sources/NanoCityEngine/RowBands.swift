/// Splits a grid's rows into contiguous bands and runs a kernel on each band on its own core.
///
/// For kernels where every output cell (or tile) is computed from inputs no band writes, so
/// the result is bit-identical for any number of bands: each cell's arithmetic is the same
/// whichever core does it. Small grids stay on one core (a band of fewer than
/// `minimumCellsPerBand` cells costs more to hand over than to compute).
public enum RowBands {
    /// Smallest band worth another core, in cells (≈ 60 µs of diffusion: waking a worker
    /// thread costs tens of µs, so smaller grids are faster on one core).
    public static let minimumCellsPerBand = 65_536

    /// How many bands `rows` × `width` cells split into on `threads` cores, each band at least
    /// `minimumCellsPerBand` cells and `align` rows; at least 1.
    public static func count(rows: Int, width: Int, threads: Int, align: Int = 1) -> Int {
        guard threads > 1, rows > 0, width > 0, align > 0 else { return 1 }
        let byCells = rows.multipliedReportingOverflow(by: width).overflow ? Int.max : rows * width / minimumCellsPerBand
        return max(1, min(threads, byCells, rows / align))
    }

    /// Runs `body` over bands that together cover `0..<rows` exactly once, each starting at a
    /// multiple of `align` rows; concurrently when `count(…)` is above 1. `body` must only
    /// write cells (or tiles) of its own band.
    public static func run(rows: Int, width: Int, threads: Int, align: Int = 1, _ body: (Range<Int>) -> Void) {
        let n = count(rows: rows, width: width, threads: threads, align: align)
        guard n > 1 else {
            if rows > 0 { body(0..<rows) }
            return
        }
        ConcurrentTasks.run(count: n, threads: n) { b in
            let band = Self.band(b, of: n, rows: rows, align: align)
            if !band.isEmpty { body(band) }
        }
    }

    /// The rows of band `b` of `n` (what `run` hands to its `b`-th call): aligned blocks of
    /// rows shared out evenly, in order, together covering `0..<rows`.
    public static func band(_ b: Int, of n: Int, rows: Int, align: Int = 1) -> Range<Int> {
        let units = (rows + align - 1) / align
        let start = min(rows, units * b / n * align), end = min(rows, units * (b + 1) / n * align)
        return start..<max(start, end)
    }
}
