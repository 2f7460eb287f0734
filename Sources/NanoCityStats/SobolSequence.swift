/// The Sobol' low-discrepancy sequence with Joe–Kuo direction numbers, unscrambled, in Gray-code
/// order (as Joe and Kuo's reference program and SciPy's `qmc.Sobol(scramble=False)` give it).
/// Point 0 is the origin.
///
/// Point n in dimension j is `x = ⊕ v_{j,k}` over the bits k set in gray(n) = n ⊕ (n >> 1), read as
/// a 32-bit binary fraction: exact dyadic values for n < 2³².
public struct SobolSequence: Sendable {
    public let dimensions: Int
    /// Direction numbers, `directions[j * 32 + k]` = v_{j, k+1}.
    private let directions: [UInt32]

    /// The most dimensions available (the embedded Joe–Kuo table).
    public static var maxDimensions: Int { JoeKuoDirections.maxDimension }

    /// - Parameter dimensions: 1…`maxDimensions`.
    public init(dimensions: Int) {
        precondition(dimensions >= 1 && dimensions <= Self.maxDimensions, "Sobol' dimensions must be 1…\(Self.maxDimensions)")
        self.dimensions = dimensions
        var v = [UInt32](repeating: 0, count: dimensions * 32)
        for k in 0..<32 { v[k] = 1 << (31 - k) }  // dimension 1: van der Corput
        var rows = JoeKuoDirections.table.split(separator: "\n").makeIterator()
        for j in 1..<dimensions {
            let f = rows.next()!.split(separator: " ").map { UInt32($0)! }
            let s = Int(f[1]), a = f[2]
            let m = Array(f[3...])
            for k in 0..<min(s, 32) { v[j * 32 + k] = m[k] << (31 - k) }
            if s < 32 {
                for k in s..<32 {
                    var x = v[j * 32 + k - s] ^ (v[j * 32 + k - s] >> UInt32(s))
                    for i in 1..<s where (a >> UInt32(s - 1 - i)) & 1 == 1 {
                        x ^= v[j * 32 + k - i]
                    }
                    v[j * 32 + k] = x
                }
            }
        }
        directions = v
    }

    /// Point `index` (0-based), one value in [0, 1) per dimension.
    public func point(_ index: UInt32) -> [Double] {
        let gray = index ^ (index >> 1)
        return (0..<dimensions).map { j in
            var x: UInt32 = 0
            var g = gray, k = 0
            while g != 0 {
                if g & 1 == 1 { x ^= directions[j * 32 + k] }
                g >>= 1
                k += 1
            }
            return Double(x) / 4_294_967_296.0
        }
    }
}
