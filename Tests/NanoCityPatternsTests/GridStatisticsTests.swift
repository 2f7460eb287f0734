import Foundation
import NanoCityEngine
import Testing
@testable import NanoCityPatterns

@Suite struct GridStatisticsTests {
    @Test func concentrationOfKnownCounts() {
        // 10 places: 0×6, 1, 2, 3, 14 (20 incidents).
        let g = CountGrid(width: 5, height: 2, counts: [0, 0, 0, 0, 0, 0, 1, 2, 3, 14])
        let c = Concentration(g)
        #expect(c.share50 == 0.1 && c.share25 == 0.1 && c.placesWithIncidents == 4)
        // Σ(2i − n − 1) xᵢ over ascending i: 3·1 + 5·2 + 7·3 + 9·14 = 160; / (10 · 20).
        #expect(abs(c.gini - 0.8) < 1e-12)
        #expect(c.generalisedGini == c.gini)   // 20 incidents ≥ 10 places
        // Sparse: 3 incidents on 10 places, each alone: maximal equality given the data.
        let sparse = Concentration(CountGrid(width: 10, height: 1, counts: [1, 1, 1, 0, 0, 0, 0, 0, 0, 0]))
        #expect(abs(sparse.gini - 0.7) < 1e-12 && abs(sparse.generalisedGini) < 1e-12)
        let one = Concentration(CountGrid(width: 10, height: 1, counts: [3, 0, 0, 0, 0, 0, 0, 0, 0, 0]))
        #expect(abs(one.gini - 0.9) < 1e-12 && abs(one.generalisedGini - (1 - 10.0 / 3 * 0.1)) < 1e-12)
        let lorenz = Concentration.lorenz(g, points: 11)
        #expect(lorenz.first!.incidentShare == 0 && lorenz.last!.incidentShare == 1)
        #expect(abs(lorenz[9].incidentShare - 6.0 / 20) < 1e-12)
    }

    @Test func fdrThresholdIsBenjaminiHochberg() {
        // m = 5, q = 0.05: k q/m = 0.01, 0.02, 0.03, 0.04, 0.05 → p₍₃₎ = 0.025 is the last below.
        #expect(PermutationPValue.falseDiscoveryThreshold([0.001, 0.3, 0.025, 0.015, 0.9], q: 0.05) == 0.025)
        #expect(PermutationPValue.falseDiscoveryThreshold([0.2, 0.3], q: 0.05) == nil)
        #expect(PermutationPValue.folded(atOrAbove: 990, atOrBelow: 9, permutations: 999) == 10.0 / 1000)
        // A minimum tied by every permutation is not significant in either tail.
        #expect(PermutationPValue.folded(atOrAbove: 999, atOrBelow: 999, permutations: 999) == 1)
    }

    @Test func giStarFindsAPlantedHotspotAndMatchesItsFormula() throws {
        var rng = Xoshiro256StarStar(seed: 3)
        var counts = (0..<(20 * 20)).map { _ in Double(rng.below(3)) }
        for y in 8...10 { for x in 8...10 { counts[y * 20 + x] = 12 } }
        let grid = CountGrid(width: 20, height: 20, counts: counts)
        let w = try SpatialWeights(width: 20, height: 20, kind: .queen, includeSelf: true)
        // 999 permutations: the smallest p (0.001) passes Benjamini–Hochberg over 400 cells
        // once 8 cells share it.
        let g = GiStar(grid, weights: w, permutations: 999, fdr: 0.05, seed: 1, threads: 2)
        #expect(g.spotClass(9 * 20 + 9) == 1)
        #expect(g.hotspotShare > 0 && g.hotspotShare < 0.1)
        // Corner (0, 0): neighbours (0,0), (1,0), (0,1), (1,1); z from the textbook formula.
        let n = 400.0, mean = counts.reduce(0, +) / n
        let s = (counts.reduce(0) { $0 + $1 * $1 } / n - mean * mean).squareRoot()
        let sum = counts[0] + counts[1] + counts[20] + counts[21]
        let z = (sum - 4 * mean) / (s * ((n * 4 - 16) / (n - 1)).squareRoot())
        #expect(abs(g.z[0]! - z) < 1e-12)
        let again = GiStar(grid, weights: w, permutations: 999, fdr: 0.05, seed: 1, threads: 1)
        #expect(again.pPermutation == g.pPermutation)
    }

    @Test func moransISignsAndPermutationP() throws {
        let w = try SpatialWeights(width: 16, height: 16, kind: .queen, includeSelf: false)
        // Halves: strong positive autocorrelation; a checkerboard: negative (rook-like) under queen.
        let halves = CountGrid(width: 16, height: 16, counts: (0..<256).map { $0 % 16 < 8 ? 5 : 0 })
        let m = try #require(MoransI(halves, weights: w, permutations: 99, seed: 1, threads: 2))
        #expect(m.i > 0.8 && m.pPermutation! == 0.01 && m.pNormal < 1e-6)
        let stripes = CountGrid(width: 16, height: 16, counts: (0..<256).map { ($0 % 16) % 2 == 0 ? 5 : 0 })
        let s = try #require(MoransI(stripes, weights: w, permutations: 99, seed: 1))
        #expect(s.i < -0.2 && s.pPermutation! == 0.01)
        #expect(MoransI(CountGrid(width: 16, height: 16), weights: w, permutations: 9, seed: 1) == nil)
    }

    @Test func fourierTransformMatchesTheDefinition() {
        for n in [8, 12, 7] {
            var rng = Xoshiro256StarStar(seed: UInt64(n))
            let x = (0..<n).map { _ in rng.uniform() }
            var re = x, im = [Double](repeating: 0, count: n)
            FourierTransform(length: n).forward(&re, &im)
            for k in 0..<n {
                var r = 0.0, i = 0.0
                for j in 0..<n {
                    let a = -2 * Double.pi * Double(j * k) / Double(n)
                    r += x[j] * cos(a); i += x[j] * sin(a)
                }
                #expect(abs(re[k] - r) < 1e-9 && abs(im[k] - i) < 1e-9)
            }
        }
    }

    @Test func spectrumFindsAPlantedWavelength() {
        // Spots every 8 cells on a 48 × 48 grid (not a power of two).
        let counts = (0..<(48 * 48)).map { i -> Double in (i % 48) % 8 == 3 && (i / 48) % 8 == 3 ? 10 : 0 }
        let s = SpatialSpectrum(CountGrid(width: 48, height: 48, counts: counts))
        #expect(s.peakWavelengthCells == 8)
        #expect(s.hotspots == 36)
        #expect(s.peakProminence! > 3)
    }

    @Test func persistenceOfTheSamePatternIsHighAndOfAMovedOneNil() {
        var rng = Xoshiro256StarStar(seed: 4)
        // Five hot cells and 45 warm ones in the first half of 100 cells.
        let weights = (0..<100).map { $0 < 5 ? 20.0 : $0 < 50 ? 1.0 : 0 }
        let total = weights.reduce(0, +)
        let a: [Int] = (0..<4000).map { _ in
            var u = rng.uniform() * total, c = 0
            while u >= weights[c] { u -= weights[c]; c += 1 }
            return c
        }
        var base = [Double](repeating: 0, count: 100)
        for c in a { base[c] += 1 }
        let same = HotspotPersistence(base: base, test: a, cells: 100, topShare: 0.05, seed: 1)
        #expect(same.jaccardTop == 1)
        #expect(same.sIndex! > 0.95 && same.sIndexRobust! > 0.9)
        let moved = HotspotPersistence(base: base, test: a.map { $0 + 50 }, cells: 100, topShare: 0.05, seed: 1)
        #expect(moved.jaccardTop == 0)
        #expect(moved.sIndex == 0 && moved.sIndexRobust == 0)
    }
}
