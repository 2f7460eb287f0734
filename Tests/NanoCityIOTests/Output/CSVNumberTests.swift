import NanoCityEngine
import Testing
@testable import NanoCityIO

@Suite struct CSVNumberTests {
    /// The byte writer metrics rows use spells every value as `format` does: files stay
    /// byte-identical.
    @Test func appendSpellsLikeFormat() {
        var rng = Xoshiro256StarStar(seed: 9)
        var values: [Double] = [0, -0.0, 1, -1, 12, 1e14, -1e14, 999_999_999_999_999, 1e15, 1e16, -1e15, .nan, .infinity, -.infinity,
                                0.1, 1e-05, 2.5, -2.5, Double(Int64.max), Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude]
        for _ in 0..<2000 {
            let u = rng.uniform()
            values += [u, (u - 0.5) * 1e6, ((u - 0.5) * 1e6).rounded(), Double(rng.below(1000)), -Double(rng.below(1_000_000_000))]
        }
        for v in values {
            var out: [UInt8] = []
            CSVNumber.append(v, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == CSVNumber.format(v), "\(v)")
        }
        for i: Int64 in [0, 7, -7, 10, 1_000_000, Int64.max, Int64.min + 1] {
            var out: [UInt8] = []
            CSVNumber.append(i, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == String(i))
        }
    }
}
