import Foundation
import NanoCityEngine
import Testing
@testable import NanoCityStats

@Suite struct SampleSummaryTests {
    @Test func meanSdAndIntervalByHand() {
        let s = SampleSummary([2, 4, 4, 4, 5, 5, 7, 9])
        #expect(s.n == 8 && s.mean == 5)
        // Σ(x − 5)² = 32, sd = √(32/7).
        #expect(abs(s.sd! - (32.0 / 7).squareRoot()) < 1e-15)
        let h = 2.364624251592784 * (32.0 / 7).squareRoot() / 8.0.squareRoot()  // t₀.₉₇₅(7) from SciPy
        #expect(abs(s.halfWidth95! - h) < 1e-12)
        #expect(abs(s.ci95!.low - (5 - h)) < 1e-12 && abs(s.ci95!.high - (5 + h)) < 1e-12)
    }

    @Test func oneValueHasNoSpread() {
        let s = SampleSummary([3.5])
        #expect(s.mean == 3.5 && s.sd == nil && s.ci95 == nil && s.replicatesNeeded(relative: 0.05) == nil)
    }

    /// On seeded normal samples of 10, the 95% interval must cover the true mean in about 95% of
    /// trials; 2,000 trials put 93–97% at ±3 binomial SDs.
    @Test func intervalCoversTheTrueMeanAtItsNominalRate() {
        var rng = Xoshiro256StarStar(seed: 20_261_125)
        var covered = 0
        for _ in 0..<2000 {
            let xs = (0..<10).map { _ in 3 + 2 * rng.normal() }
            let ci = SampleSummary(xs).ci95!
            if ci.low <= 3 && 3 <= ci.high { covered += 1 }
        }
        let rate = Double(covered) / 2000
        #expect(rate >= 0.93 && rate <= 0.97, "coverage \(rate)")
    }

    /// An interval built from a wrong (normal) critical value on n = 3 must under-cover: the test
    /// above can tell a right interval from a wrong one.
    @Test func theCoverageCheckDetectsAWrongCriticalValue() {
        var rng = Xoshiro256StarStar(seed: 7)
        var covered = 0
        for _ in 0..<2000 {
            let s = SampleSummary((0..<3).map { _ in rng.normal() })
            let h = 1.96 * s.standardError!
            if abs(s.mean) <= h { covered += 1 }
        }
        #expect(Double(covered) / 2000 < 0.9)
    }

    @Test func replicatesNeededReachesTheTarget() {
        let s = SampleSummary([9, 11, 10, 12, 8, 10])  // mean 10, sd √2
        let n = s.replicatesNeeded(relative: 0.05)!
        let t = { (k: Int) in StudentT.critical95(df: k - 1) * 2.0.squareRoot() / Double(k).squareRoot() }
        #expect(t(n) <= 0.5 && t(n - 1) > 0.5, "n = \(n)")
        #expect(SampleSummary([0, 1, -1]).replicatesNeeded(relative: 0.05) == nil)
        #expect(SampleSummary([4, 4, 4]).replicatesNeeded(relative: 0.05) == 2)
    }
}

extension Xoshiro256StarStar {
    /// A standard normal variate by Box–Muller (tests only).
    mutating func normal() -> Double {
        let u1 = 1 - uniform(), u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }
}
