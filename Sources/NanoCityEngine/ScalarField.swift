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

    /// Sum of all cells, accumulated in Double (see `sumAndMaximum`).
    public func total() -> Double { Self.sumAndMaximum(values).sum }

    /// Largest cell value.
    public func maximum() -> Float { Self.sumAndMaximum(values).max }

    /// Sum (in Double) and maximum of `values` in one pass. The sum runs in 8 independent
    /// lanes (cell i goes to lane i mod 8), added lane 0 to 7 at the end: a fixed order, so
    /// the result is the same on every run, without one long chain of dependent additions.
    public static func sumAndMaximum(_ values: [Float]) -> (sum: Double, max: Float) {
        values.withUnsafeBufferPointer { buf -> (Double, Float) in
            let n = buf.count
            guard n > 0, let base = buf.baseAddress else { return (0, 0) }
            var acc = SIMD8<Double>(repeating: 0)
            var mx = SIMD8<Float>(repeating: -.infinity)
            var i = 0
            let raw = UnsafeRawPointer(base)
            while i + 8 <= n {
                let v = raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
                acc += SIMD8<Double>(v)
                mx.replace(with: v, where: v .> mx)
                i += 8
            }
            var tail = SIMD8<Double>(repeating: 0)
            var m = mx.max()
            var k = 0
            while i < n {
                tail[k] = Double(buf[i])
                if buf[i] > m { m = buf[i] }
                i += 1; k += 1
            }
            acc += tail
            var s = 0.0
            for lane in 0..<8 { s += acc[lane] }
            return (s, m)
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
