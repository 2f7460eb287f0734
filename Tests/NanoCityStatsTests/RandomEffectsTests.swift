import NanoCityStats
import Testing

/// Random-effects pooling against statsmodels 0.14.4 `combine_effects(y, v, method_re=…,
/// use_t=True)`, row "random effect wls" (the Hartung–Knapp interval), on fixed inputs.
/// `scripts/meta-crosscheck.py` repeats this on random inputs in CI.
@Suite struct RandomEffectsTests {
    let y = [-3.1, -1.2, 0.4, -2.5, -4.0], v = [1.1, 0.8, 1.5, 0.6, 2.0]

    func close(_ a: Double, _ b: Double, _ tol: Double = 1e-9) -> Bool { abs(a - b) <= tol * max(1, abs(b)) }

    @Test func derSimonianLairdMatchesStatsmodels() throws {
        let r = try #require(RandomEffects(effects: y, variances: v, method: .dl))
        #expect(close(r.tau2, 1.085729235660352) && close(r.estimate, -2.0417161249973477))
        #expect(close(r.standardError, 0.7053709813119231) && close(r.low, -4.000139933409401) && close(r.high, -0.0832923165852939))
        #expect(close(r.q, 8.145761254425896) && close(r.i2, 0.5089470615374774) && r.k == 5)
    }

    @Test func pauleMandelMatchesStatsmodels() throws {
        let r = try #require(RandomEffects(effects: y, variances: v, method: .pm))
        #expect(close(r.tau2, 1.4420578931550376, 1e-7) && close(r.estimate, -2.043912933041472, 1e-7))
        #expect(close(r.standardError, 0.7143722866199274, 1e-7) && close(r.low, -4.027328371516325, 1e-7))
        // At the Paule–Mandel τ² the generalised Q is k − 1, so the Hartung–Knapp scale is 1.
        let w = v.map { 1 / ($0 + r.tau2) }
        #expect(close(r.standardError, (1 / w.reduce(0, +)).squareRoot(), 1e-7))
    }

    /// Estimates that agree better than their sampling error: τ² = 0, I² = 0, and the pooled
    /// mean is the inverse-variance mean.
    @Test func homogeneousLevelsHaveNoBetweenVariance() throws {
        for m in RandomEffects.Method.allCases {
            let r = try #require(RandomEffects(effects: [1.0, 1.1, 0.9], variances: [1, 1, 1], method: m))
            #expect(r.tau2 == 0 && r.i2 == 0 && close(r.estimate, 1.0) && close(r.standardError, 0.057735026918962595))
        }
    }

    /// Large between-level spread: the interval widens with it (a fixed-effect interval would not).
    @Test func heterogeneityWidensTheInterval() throws {
        let narrow = try #require(RandomEffects(effects: [-1, -1.1, -0.9, -1.05], variances: [0.01, 0.01, 0.01, 0.01], method: .pm))
        let wide = try #require(RandomEffects(effects: [-3, 0, -1.5, 1], variances: [0.01, 0.01, 0.01, 0.01], method: .pm))
        #expect(wide.tau2 > 1 && wide.i2 > 0.99 && wide.high - wide.low > 20 * (narrow.high - narrow.low))
    }

    @Test func undefinedWithoutSpreadOrLevels() {
        #expect(RandomEffects(effects: [1], variances: [1], method: .dl) == nil)
        #expect(RandomEffects(effects: [1, 2], variances: [1, 0], method: .pm) == nil)
        #expect(RandomEffects(effects: [1, .nan], variances: [1, 1], method: .pm) == nil)
    }
}
