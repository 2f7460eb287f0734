import Testing
@testable import NanoCityEngine

@Suite struct DiffusionTests {
    func field(_ w: Int, _ h: Int, _ cells: [(Int, Int, Float)]) -> ScalarField {
        var f = ScalarField(size: GridSize(width: w, height: h))
        for (x, y, v) in cells { f[x, y] = v }
        return f
    }

    /// One NetLogo `diffuse` step by hand, rate 0.5, on a 5×5 grid with an interior source
    /// (2,2)=8, a corner source (0,0)=8 and an edge source (4,2)=16.
    @Test func oneStepMatchesHandComputedNetLogoDiffuse() {
        var f = field(5, 5, [(2, 2, 8), (0, 0, 8), (4, 2, 16)])
        var scratch: [Float] = []
        Diffusion.step(&f, rate: 0.5, decay: 1, scratch: &scratch)
        // Shares: 8·0.5/8 = 0.5 for the 8-valued sources, 16·0.5/8 = 1 for the edge source.
        // Interior source keeps 8·(1−0.5) = 4.
        // Corner source has 3 neighbours in the grid: keeps 8 − 3·0.5 = 6.5.
        // Edge source (4,2) has 5 neighbours: keeps 16 − 5·1 = 11.
        var expected = [[Float]](repeating: [Float](repeating: 0, count: 5), count: 5)  // [y][x]
        expected[0][0] = 6.5
        expected[0][1] += 0.5; expected[1][0] += 0.5; expected[1][1] += 0.5          // from the corner
        for (dx, dy) in [(-1, -1), (0, -1), (1, -1), (-1, 0), (1, 0), (-1, 1), (0, 1), (1, 1)] {
            expected[2 + dy][2 + dx] += 0.5                                           // from the centre
        }
        expected[2][2] += 4
        for (dx, dy) in [(0, -1), (-1, -1), (-1, 0), (-1, 1), (0, 1)] {
            expected[2 + dy][4 + dx] += 1                                             // from the edge
        }
        expected[2][4] += 11
        for y in 0..<5 {
            for x in 0..<5 {
                #expect(abs(f[x, y] - expected[y][x]) < 1e-6, "cell (\(x), \(y)): \(f[x, y]) vs \(expected[y][x])")
            }
        }
    }

    @Test func thinGridsUseTheGeneralPath() {
        // 1×3 column: the middle cell has 2 neighbours, the ends 1.
        var f = field(1, 3, [(0, 1, 8)])
        var scratch: [Float] = []
        Diffusion.step(&f, rate: 0.8, decay: 1, scratch: &scratch)
        #expect(f[0, 0] == 0.8)
        #expect(f[0, 2] == 0.8)
        #expect(abs(f[0, 1] - 6.4) < 1e-6)
    }

    @Test func massIsConservedOverAThousandSteps() {
        var rng = Xoshiro256StarStar(seed: 3)
        var f = ScalarField(size: GridSize(width: 37, height: 23))
        for i in f.values.indices { f.values[i] = Float(rng.uniform() * 10) }
        let before = f.total()
        var scratch: [Float] = []
        for _ in 0..<1000 { Diffusion.step(&f, rate: 0.7, decay: 1, scratch: &scratch) }
        #expect(abs(f.total() - before) / before < 1e-5)
        // Diffusion flattens the field: nothing is created at the maximum.
        #expect(f.maximum() < 10)
    }

    @Test func decayScalesTotalGeometrically() {
        var f = field(16, 16, [(3, 4, 100), (15, 15, 50), (0, 7, 25)])
        let total0 = f.total()
        var scratch: [Float] = []
        let d: Float = 0.9
        for t in 1...60 {
            Diffusion.step(&f, rate: 0.3, decay: d, scratch: &scratch)
            let expected = total0 * pow(Double(d), Double(t))
            #expect(abs(f.total() - expected) / expected < 1e-4, "tick \(t)")
        }
    }
}

#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
