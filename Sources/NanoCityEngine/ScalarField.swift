/// A dense per-cell scalar field (Float32, row-major, one value per cell of a `GridSize`).
///
/// Totals are accumulated in Double so that conservation checks and metrics do not drift with
/// the grid size.
public struct ScalarField: Sendable {
    public let size: GridSize
    public var values: [Float]

    public init(size: GridSize, fill: Float = 0) {
        self.size = size
        self.values = [Float](repeating: fill, count: size.count)
    }

    @inlinable public subscript(x: Int, y: Int) -> Float {
        get { values[size.index(x, y)] }
        set { values[size.index(x, y)] = newValue }
    }

    /// Sum of all cells, accumulated in Double.
    public func total() -> Double {
        values.withUnsafeBufferPointer { buf in
            var s = 0.0
            for v in buf { s += Double(v) }
            return s
        }
    }

    /// Largest cell value (0 for an all-zero field).
    public func maximum() -> Float {
        values.withUnsafeBufferPointer { buf in
            var m = -Float.infinity
            for v in buf where v > m { m = v }
            return m
        }
    }

    /// Mean over all cells.
    public func mean() -> Double { total() / Double(size.count) }

    /// Multiplies every cell by `factor`.
    public mutating func scale(by factor: Float) {
        guard factor != 1 else { return }
        values.withUnsafeMutableBufferPointer { buf in
            for i in buf.indices { buf[i] *= factor }
        }
    }
}
