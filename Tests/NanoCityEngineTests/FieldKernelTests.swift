import PropertyBased
import Testing
@testable import NanoCityEngine

/// The small kernels of the tick loop against plain, independent implementations.
@Suite struct FieldKernelTests {
    /// The lane sums equal a plain Double sum in the documented order (lane i mod 8, lanes
    /// added 0…7) exactly, and the maximum equals a plain maximum, for any length.
    @Test func laneSumsFollowTheirDocumentedOrder() async {
        await propertyCheck(count: 200, input: Gen.float(in: -1000...1000).array(of: 0...100)) { values in
            let (sum, max) = ScalarField.sumAndMaximum(values)
            var lanes = [Double](repeating: 0, count: 8)
            for (i, v) in values.enumerated() { lanes[i % 8] += Double(v) }
            #expect(sum == lanes.reduce(0, +))
            #expect(max == (values.max() ?? 0))
        }
    }

    /// TileMaximum never says "no" for a rectangle holding a value ≥ the threshold (it may say
    /// "maybe" for one that does not), on any grid shape.
    @Test func tileMaximaNeverMissAValue() async {
        await propertyCheck(count: 150, input: Gen.int(in: 1...40), Gen.int(in: 1...40), Gen.int(in: 0...1000),
                            Gen.float(in: 0...1)) { w, h, seed, threshold in
            var field = ScalarField(size: GridSize(width: w, height: h))
            var rng = Xoshiro256StarStar(seed: UInt64(seed))
            for i in field.values.indices { field.values[i] = rng.uniform() < 0.1 ? Float(rng.uniform()) : 0 }
            var tiles = TileMaximum()
            tiles.rebuild(field)
            for _ in 0..<20 {
                let x0 = rng.below(w), y0 = rng.below(h)
                let x1 = x0 + rng.below(w - x0), y1 = y0 + rng.below(h - y0)
                var present = false
                for y in y0...y1 { for x in x0...x1 where field[x, y] >= threshold { present = true } }
                if present { #expect(tiles.mayContain(atLeast: threshold, x0: x0, y0: y0, x1: x1, y1: y1)) }
            }
            // And on an empty field it rules every rectangle out.
            var empty = TileMaximum()
            empty.rebuild(ScalarField(size: GridSize(width: w, height: h)))
            #expect(!empty.mayContain(atLeast: 0.5, x0: 0, y0: 0, x1: w - 1, y1: h - 1))
        }
    }

    /// Each tile's maximum is exactly the largest value of its cells (partial tiles at the right
    /// and bottom edges included), against a plain loop.
    @Test func tileMaximaAreExact() async {
        await propertyCheck(count: 100, input: Gen.int(in: 1...70), Gen.int(in: 1...70), Gen.int(in: 0...1000)) { w, h, seed in
            var field = ScalarField(size: GridSize(width: w, height: h))
            var rng = Xoshiro256StarStar(seed: UInt64(seed))
            for i in field.values.indices { field.values[i] = Float(rng.uniform() * 200 - 100) }
            var tiles = TileMaximum()
            tiles.rebuild(field)
            let t = TileMaximum.tile
            #expect(tiles.tilesX == (w + t - 1) / t && tiles.tilesY == (h + t - 1) / t)
            for ty in 0..<tiles.tilesY {
                for tx in 0..<tiles.tilesX {
                    var best = -Float.infinity
                    for y in (ty * t)..<min(h, ty * t + t) { for x in (tx * t)..<min(w, tx * t + t) { best = max(best, field[x, y]) } }
                    #expect(tiles.maxima[ty * tiles.tilesX + tx] == best, "\(w)×\(h) tile (\(tx), \(ty))")
                }
            }
        }
    }

    /// WeightedChoice picks in proportion to weight (chi-square against the expected counts,
    /// 3 degrees of freedom, 0.1% critical value 16.27) and uniformly with pickUniform.
    @Test func weightedChoiceFollowsTheWeights() {
        var rng = Xoshiro256StarStar(seed: 11)
        let weights = [1.0, 2.0, 3.0, 4.0]
        var counts = [Int](repeating: 0, count: 4), uniform = [Int](repeating: 0, count: 4)
        let n = 100_000
        for _ in 0..<n {
            var c = WeightedChoice()
            for (k, w) in weights.enumerated() { c.add(10 + k, weight: w) }
            counts[c.pick(&rng) - 10] += 1
            uniform[c.pickUniform(&rng) - 10] += 1
        }
        func chiSquare(_ observed: [Int], _ p: [Double]) -> Double {
            var x2 = 0.0
            for (o, q) in zip(observed, p) {
                let expected = Double(n) * q, d = Double(o) - expected
                x2 += d * d / expected
            }
            return x2
        }
        #expect(chiSquare(counts, weights.map { $0 / 10 }) < 16.27, "\(counts)")
        #expect(chiSquare(uniform, [0.25, 0.25, 0.25, 0.25]) < 16.27, "\(uniform)")
        // A zero weight is never picked; a single option always is.
        var z = WeightedChoice()
        z.add(1, weight: 0); z.add(2, weight: 5); z.add(3, weight: 0)
        for _ in 0..<1000 { #expect(z.pick(&rng) == 2) }
        var one = WeightedChoice()
        one.add(42, weight: 0.3)
        #expect(one.pick(&rng) == 42 && one.count == 1 && one.total == 0.3)
    }
}
