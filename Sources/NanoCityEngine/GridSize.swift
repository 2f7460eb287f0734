/// The dimensions of a bounded (non-toroidal) rectangular grid, and its row-major indexing.
///
/// Cell `(x, y)` lives at index `y * width + x`; `x` grows east, `y` grows south, so row 0 is
/// the top row of a frame and of an ASCII map.
public struct GridSize: Hashable, Sendable, Codable {
    /// Cells per row, at least 1.
    public let width: Int
    /// Rows, at least 1.
    public let height: Int

    public init(width: Int, height: Int) {
        precondition(width > 0 && height > 0, "grid dimensions must be positive")
        self.width = width
        self.height = height
    }

    /// Number of cells, `width * height`.
    @inlinable public var count: Int { width * height }

    @inlinable public func index(_ x: Int, _ y: Int) -> Int { y &* width &+ x }
    @inlinable public func x(of index: Int) -> Int { index % width }
    @inlinable public func y(of index: Int) -> Int { index / width }
    @inlinable public func contains(_ x: Int, _ y: Int) -> Bool {
        x >= 0 && y >= 0 && x < width && y < height
    }

    /// Chebyshev (king-move) distance: the number of 8-neighbour steps between two cells.
    @inlinable public static func chebyshev(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int) -> Int {
        max(abs(x0 - x1), abs(y0 - y1))
    }

    /// Chebyshev distance between two cell indices.
    @inlinable public func distance(_ a: Int, _ b: Int) -> Int {
        Self.chebyshev(a % width, a / width, b % width, b / width)
    }

    /// One king step from cell `from` toward cell `to` (each coordinate moves by at most one).
    @inlinable public func step(from: Int, toward to: Int) -> Int {
        let fx = from % width, fy = from / width, tx = to % width, ty = to / width
        let nx = fx + (tx > fx ? 1 : (tx < fx ? -1 : 0))
        let ny = fy + (ty > fy ? 1 : (ty < fy ? -1 : 0))
        return ny * width + nx
    }

    /// Calls `body` for each in-grid cell within Chebyshev `radius` of `c`, row by row.
    @inlinable public func forEachCell(around c: Int, radius r: Int, _ body: (Int) -> Void) {
        let w = width, h = height
        let x = c % w, y = c / w
        for yy in max(0, y - r)...min(h - 1, y + r) {
            for xx in max(0, x - r)...min(w - 1, x + r) { body(yy * w + xx) }
        }
    }

    /// Calls `body` for each in-grid 8-neighbour of `c`, row by row (north-west first).
    @inlinable public func forEachNeighbour(of c: Int, _ body: (Int) -> Void) {
        let w = width, h = height
        let x = c % w, y = c / w
        for dy in -1...1 {
            for dx in -1...1 where dx != 0 || dy != 0 {
                let nx = x + dx, ny = y + dy
                guard nx >= 0, ny >= 0, nx < w, ny < h else { continue }
                body(ny * w + nx)
            }
        }
    }
}
