import Foundation
import Testing
@testable import NanoCityStats

@Suite struct SobolSequenceTests {
    /// The first eight points in five dimensions, as Joe and Kuo's program prints them (and SciPy's
    /// `qmc.Sobol(d=5, scramble=False)`).
    @Test func firstPointsEqualThePublishedJoeKuoValues() {
        let expected: [[Double]] = [
            [0, 0, 0, 0, 0], [0.5, 0.5, 0.5, 0.5, 0.5], [0.75, 0.25, 0.25, 0.25, 0.75],
            [0.25, 0.75, 0.75, 0.75, 0.25], [0.375, 0.375, 0.625, 0.875, 0.375],
            [0.875, 0.875, 0.125, 0.375, 0.875], [0.625, 0.125, 0.875, 0.625, 0.625],
            [0.125, 0.625, 0.375, 0.125, 0.125],
        ]
        let s = SobolSequence(dimensions: 5)
        for (i, row) in expected.enumerated() { #expect(s.point(UInt32(i)) == row, "point \(i)") }
    }

    /// Far points in high dimensions exercise the direction-number recurrence (SciPy values).
    @Test func highDimensionsMatchSciPy() {
        let s = SobolSequence(dimensions: 256)
        #expect(s.point(1023)[100] == 0.2373046875)
        #expect(s.point(4999)[200] == 0.3597412109375)
        #expect(s.point(4999)[255] == 0.1983642578125)
        #expect(s.point(3000)[17] == 0.856689453125)
        #expect(s.point(77)[254] == 0.6953125)
    }

    @Test func saltelliLayoutIsAThenABsThenB() {
        let d = SaltelliDesign(factors: 3, baseSamples: 4)
        #expect(d.rows.count == 4 * 5)
        let p = SobolSequence(dimensions: 6).point(2)
        let block = Array(d.rows[10..<15])
        #expect(block[0] == Array(p[0..<3]))
        #expect(block[4] == Array(p[3...]))
        #expect(block[2] == [p[0], p[4], p[2]])
    }
}

@Suite struct SobolIndicesTests {
    /// Ishigami (a = 7, b = 0.1) on [−π, π]³: S1 = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437).
    @Test func ishigamiIndicesMatchTheAnalyticValues() {
        let d = SaltelliDesign(factors: 3, baseSamples: 1 << 14)
        let y = d.rows.map { u -> Double in
            let x = u.map { -Double.pi + 2 * Double.pi * $0 }
            return sin(x[0]) + 7 * sin(x[1]) * sin(x[1]) + 0.1 * pow(x[2], 4) * sin(x[0])
        }
        let s = SobolIndices(outputs: y, factors: 3, resamples: 100, seed: 3)
        let s1 = [0.3139, 0.4424, 0], st = [0.5576, 0.4424, 0.2437]
        for j in 0..<3 {
            #expect(abs(s.firstOrder[j]!.estimate - s1[j]) < 0.03, "S1[\(j)] = \(s.firstOrder[j]!.estimate)")
            #expect(abs(s.total[j]!.estimate - st[j]) < 0.03, "ST[\(j)] = \(s.total[j]!.estimate)")
            #expect(s.firstOrder[j]!.confidence > 0 && s.firstOrder[j]!.confidence < 0.05)
            #expect(s.total[j]!.confidence > 0 && s.total[j]!.confidence < 0.05)
        }
    }

    /// y = x₁ + 2x₂ + 3x₃ on the unit cube: S1 = ST = (1, 4, 9)/14.
    @Test func linearModelSharesVarianceByTheSquaredCoefficients() {
        let d = SaltelliDesign(factors: 3, baseSamples: 1 << 12)
        let y = d.rows.map { $0[0] + 2 * $0[1] + 3 * $0[2] }
        let s = SobolIndices(outputs: y, factors: 3, resamples: 20)
        for (j, share) in [1.0, 4, 9].map({ $0 / 14 }).enumerated() {
            #expect(abs(s.firstOrder[j]!.estimate - share) < 0.02, "S1[\(j)]")
            #expect(abs(s.total[j]!.estimate - share) < 0.02, "ST[\(j)]")
        }
    }

    @Test func constantOutputHasNoIndices() {
        let s = SobolIndices(outputs: Array(repeating: 4, count: 40), factors: 2, resamples: 10)
        #expect(s.firstOrder == [nil, nil] && s.total == [nil, nil])
    }

    @Test func bootstrapIsSeeded() {
        let d = SaltelliDesign(factors: 2, baseSamples: 64)
        let y = d.rows.map { $0[0] * $0[1] + $0[0] }
        #expect(SobolIndices(outputs: y, factors: 2, seed: 9).total == SobolIndices(outputs: y, factors: 2, seed: 9).total)
        #expect(SobolIndices(outputs: y, factors: 2, seed: 9).total != SobolIndices(outputs: y, factors: 2, seed: 10).total)
    }
}

@Suite struct MorrisTests {
    @Test func trajectoriesMoveOneFactorByDeltaOnTheGrid() {
        let d = MorrisDesign(factors: 4, trajectories: 10, levels: 4, seed: 1)
        #expect(d.rows.count == 50)
        let delta = MorrisDesign.delta(levels: 4)  // 2/3
        for t in 0..<10 {
            var moved = Set<Int>()
            for s in 0..<4 {
                let a = d.rows[t * 5 + s], b = d.rows[t * 5 + s + 1]
                let changed = (0..<4).filter { a[$0] != b[$0] }
                #expect(changed.count == 1)
                #expect(abs(abs(a[changed[0]] - b[changed[0]]) - delta) < 1e-12)
                moved.insert(changed[0])
            }
            #expect(moved == [0, 1, 2, 3])
            for v in d.rows[t * 5..<t * 5 + 5].joined() {
                let level = v * 3
                #expect(abs(level - level.rounded()) < 1e-12 && v >= 0 && v <= 1)
            }
        }
    }

    /// y = 10x₁ + 5x₂ + 0·x₃ + 2x₄²: linear effects are exact, x₃ has none, x₄ varies.
    @Test func morrisRanksKnownInfluentialInputs() {
        let d = MorrisDesign(factors: 4, trajectories: 20, levels: 4, seed: 11)
        let y = d.rows.map { 10 * $0[0] + 5 * $0[1] + 2 * $0[3] * $0[3] }
        let m = MorrisEffects(design: d, outputs: y, resamples: 100)
        #expect(abs(m.factors[0].muStar - 10) < 1e-9 && abs(m.factors[0].mu - 10) < 1e-9 && m.factors[0].sigma < 1e-9)
        #expect(abs(m.factors[1].muStar - 5) < 1e-9)
        #expect(m.factors[2].muStar == 0 && m.factors[2].muStarConfidence == 0)
        #expect(m.factors[3].muStar > 0.5 && m.factors[3].muStar < 4 && m.factors[3].sigma > 0)
        let ranking = (0..<4).sorted { m.factors[$0].muStar > m.factors[$1].muStar }
        #expect(ranking == [0, 1, 3, 2])
        #expect(m.effects.allSatisfy { $0.count == 20 })
    }
}
