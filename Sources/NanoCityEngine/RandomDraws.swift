/// The draws the model makes from any of its generators, defined here (not taken from the
/// standard library) so that a documented seed gives the same simulation on every platform
/// and Swift version. Conformers supply `next()`: 64 uniformly distributed bits.
public protocol RandomDraws: RandomNumberGenerator {}

extension RandomDraws {
    /// Uniform double in [0, 1): the top 53 bits of one output times 2⁻⁵³.
    @inlinable public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform integer in `0..<bound` (`bound` ≥ 1) by Lemire's multiply-and-reject method: unbiased.
    @inlinable public mutating func below(_ bound: Int) -> Int {
        let n = UInt64(bound)
        var m = next().multipliedFullWidth(by: n)
        if m.low < n {
            let threshold = (0 &- n) % n
            while m.low < threshold { m = next().multipliedFullWidth(by: n) }
        }
        return Int(m.high)
    }

    /// True with probability `p` (p ≤ 0 never draws false positives, p ≥ 1 always true).
    /// Always consumes exactly one draw, so changing a probability does not shift later draws.
    @inlinable public mutating func chance(_ p: Double) -> Bool {
        uniform() < p
    }
}
