/// SplitMix64 (Steele, Lea & Flood 2014; Vigna's reference `splitmix64.c`).
///
/// Used only to expand one 64-bit seed into the 256-bit state of `Xoshiro256StarStar` and to
/// derive independent seeds (`mix`), as Vigna recommends. Sequence for seed 0 starts
/// `0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4, 0x06C45D188009454F`.
@frozen public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64

    @inlinable public init(seed: UInt64) { state = seed }

    @inlinable public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    /// The SplitMix64 output function (a bijective 64-bit finaliser).
    @inlinable public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Seed of stream `index` derived from `base`: the `index+1`-th SplitMix64 output for seed
    /// `base`, i.e. `mix(base + (index + 1) * 0x9E3779B97F4A7C15)`. Depends on `base` and
    /// `index` alone, so runs get the same seed whatever order or process computes them.
    @inlinable public static func derive(base: UInt64, index: UInt64) -> UInt64 {
        mix(base &+ (index &+ 1) &* 0x9E37_79B9_7F4A_7C15)
    }
}
