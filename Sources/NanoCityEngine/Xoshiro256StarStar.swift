/// xoshiro256** 1.0 (Blackman & Vigna 2018), the model's only source of randomness.
///
/// The 256-bit state is filled from a 64-bit seed with four `SplitMix64` outputs, as in the
/// reference implementation. For seed 0 the first outputs are
/// `0x99EC5F36CB75F2B4, 0xBF6E1F784956452A, 0x1A5F849D4933E6E0`.
///
/// The derived draws (`uniform`, `below`, `chance`) come from `RandomDraws`, not the standard
/// library, so that a documented seed gives the same simulation on every platform and Swift
/// version.
@frozen public struct Xoshiro256StarStar: RandomDraws, Sendable {
    public var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    @inlinable public init(seed: UInt64) {
        var sm = SplitMix64(seed: seed)
        s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
    }

    @inlinable static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 &- k)) }

    @inlinable public mutating func next() -> UInt64 {
        let result = Self.rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = Self.rotl(s3, 45)
        return result
    }

    /// Fisher–Yates shuffle driven by `below`.
    @inlinable public mutating func shuffle<T>(_ buffer: inout [T]) {
        var i = buffer.count - 1
        while i > 0 {
            let j = below(i + 1)
            buffer.swapAt(i, j)
            i -= 1
        }
    }
}
