import Testing
@testable import NanoCityStats

/// Fieller's interval for a ratio of paired means and Bowers & Johnson's WDQ, against a hand
/// computation and the analytic special cases. The Fieller numbers are an independent NumPy
/// solve of the same quadratic (`numpy.roots`, SciPy 1.17's t quantile).
@Suite struct DisplacementStatisticsTests {
    @Test func fiellerMatchesAnIndependentSolve() throws {
        let x = [-1.0, 0.5, -2.0, 1.5, -0.5, 0.0, -1.0, 2.0], y = [-3.0, -2.5, -4.0, -1.0, -3.5, -2.0, -2.5, -1.5]
        let f = try #require(FiellerRatio(numerator: x, denominator: y))
        #expect(abs(f.estimate - 0.025) < 1e-12 && f.n == 8)
        let ci = try #require(f.interval)
        #expect(abs(ci.lowerBound - (-0.6127165090358333)) < 1e-9 && abs(ci.upperBound - 0.37222586372472943) < 1e-9)
    }

    /// With a constant numerator the interval is x / (ȳ ∓ t·se(ȳ)), the t interval of ȳ inverted.
    @Test func aConstantNumeratorInvertsTheDenominatorsInterval() throws {
        let y = [-3.0, -2.5, -4.0, -1.0, -3.5, -2.0, -2.5, -1.5]
        let ci = try #require(FiellerRatio(numerator: Array(repeating: 1, count: 8), denominator: y)?.interval)
        #expect(abs(ci.lowerBound - (-0.6009690945029225)) < 1e-9 && abs(ci.upperBound - (-0.2997583119207419)) < 1e-9)
    }

    /// A denominator not significantly away from 0 gives no bounded interval, never a finite one.
    @Test func anInsignificantDenominatorIsUnbounded() throws {
        let f = try #require(FiellerRatio(numerator: [1, 2, 1, 2, 1, 2, 1, 2], denominator: [1, -1, 2, -2, 0.5, -0.5, 0.2, -0.1]))
        #expect(f.interval == nil && f.estimate.isFinite)
        #expect(FiellerRatio(numerator: [0, 0, 0], denominator: [0, 0, 0])?.estimate.isNaN == true)
        #expect(FiellerRatio(numerator: [1], denominator: [2]) == nil)
        #expect(FiellerRatio(numerator: [0, 0, 0], denominator: [-1, -2, -1.5])?.estimate.sign == .plus)  // no −0
    }

    /// Target 100 → 60, buffer 50 → 66, control 1000 → 1100 (by hand):
    /// success = 60/1100 − 100/1000 = −1/22; buffer = 66/1100 − 50/1000 = 0.01;
    /// WDQ = 0.01 ÷ (−1/22) = −0.22 (displacement); TNE = (110 − 60) + (55 − 66) = 39.
    @Test func wdqMatchesAHandComputation() throws {
        let q = DisplacementQuotient(before: .init(target: 100, buffer: 50, control: 1000), after: .init(target: 60, buffer: 66, control: 1100))
        #expect(abs(q.success! - (-1.0 / 22)) < 1e-12 && abs(q.bufferMeasure! - 0.01) < 1e-12)
        #expect(abs(q.wdq! - (-0.22)) < 1e-12 && abs(q.totalNetEffect! - 39) < 1e-9)
        // A diffusion of benefits: the buffer falls too.
        let d = DisplacementQuotient(before: .init(target: 100, buffer: 50, control: 1000), after: .init(target: 60, buffer: 33, control: 1100))
        #expect(d.wdq! > 0)
        // Undefined cases are nil, not 0 or infinity.
        #expect(DisplacementQuotient(before: .init(target: 10, buffer: 5, control: 0), after: .init(target: 5, buffer: 5, control: 10)).wdq == nil)
        #expect(DisplacementQuotient(before: .init(target: 10, buffer: 5, control: 100), after: .init(target: 10, buffer: 9, control: 100)).wdq == nil)
    }
}
