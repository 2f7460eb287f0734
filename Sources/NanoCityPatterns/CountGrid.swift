/// Incident counts on a grid of cells, row-major, row 0 first — the same layout as the
/// simulation's fields and their `.npy` snapshots (height, width).
public struct CountGrid: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public var counts: [Double]

    public init(width: Int, height: Int, counts: [Double]) {
        precondition(width > 0 && height > 0 && counts.count == width * height)
        self.width = width
        self.height = height
        self.counts = counts
    }

    public init(width: Int, height: Int) {
        self.init(width: width, height: height, counts: [Double](repeating: 0, count: width * height))
    }

    public var cells: Int { width * height }
    public var total: Double { counts.reduce(0, +) }
    public subscript(x: Int, y: Int) -> Double { counts[y * width + x] }
}
