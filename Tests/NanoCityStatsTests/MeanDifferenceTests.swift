import Testing
@testable import NanoCityStats

/// Reference values from SciPy 1.17 (`ttest_ind(equal_var=False)`, `ttest_rel`).
@Suite struct MeanDifferenceTests {
    let a = [12.1, 11.4, 13.0, 12.7, 11.9, 12.4]
    let b = [10.2, 11.0, 12.1, 11.5, 10.8, 11.9, 10.4]
    let c = [10.9, 10.8, 12.2, 11.6, 11.0, 11.7]

    @Test func welchMatchesSciPy() {
        let d = MeanDifference.welch(treatment: a, baseline: b)!
        #expect(d.method == .welch)
        #expect(abs(d.df - 10.948544693412426) < 1e-9)
        #expect(abs(d.p - 0.010233462911247033) < 1e-10)
        #expect(abs(d.low - 0.3236763651783213) < 1e-10 && abs(d.high - 1.919180777678819) < 1e-10)
    }

    @Test func pairedMatchesSciPy() {
        let d = MeanDifference.paired(treatment: a, baseline: c)!
        #expect(d.method == .paired && d.n == 6)
        #expect(abs(d.difference - 0.8833333333333334) < 1e-12)
        #expect(abs(d.p - 0.00023694683287794918) < 1e-10)
        #expect(abs(d.low - 0.6402203684194163) < 1e-10 && abs(d.high - 1.1264462982472505) < 1e-10)
    }

    @Test func pairingNarrowsTheIntervalWhenReplicatesShareNoise() {
        // Same noise per replicate, a true difference of 1: paired is exact, Welch is wide.
        let noise = [0.3, -1.2, 2.0, 0.7, -0.4, 1.1, -2.2, 0.5]
        let base = noise.map { 10 + $0 }, treat = noise.map { 11 + $0 }
        let p = MeanDifference.paired(treatment: treat, baseline: base)!
        let w = MeanDifference.welch(treatment: treat, baseline: base)!
        #expect(abs(p.difference - 1) < 1e-12 && p.high - p.low < 1e-9 && p.p < 1e-9)
        #expect(w.low < 0 && w.high > 2 && w.p > 0.05)
    }

    @Test func identicalSamplesGiveZeroDifferenceAndNoPValue() {
        let d = MeanDifference.paired(treatment: a, baseline: a)!
        #expect(d.difference == 0 && d.low == 0 && d.high == 0 && d.p.isNaN)
        #expect(MeanDifference.welch(treatment: [1], baseline: a) == nil)
    }
}
