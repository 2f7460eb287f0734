import Testing
@testable import NanoCityStats

@Suite struct LatinHypercubeDesignTests {
    /// Every factor uses each of the n strata exactly once, and a seed fixes the design.
    @Test func eachStratumOnceAndSeeded() {
        let d = LatinHypercubeDesign(samples: 37, factors: 4, seed: 11)
        for f in 0..<4 {
            let strata = (0..<37).map { Int(d.unit(factor: f, sample: $0) * 37) }
            #expect(strata.sorted() == Array(0..<37), "factor \(f)")
            #expect((0..<37).allSatisfy { (0..<1).contains(d.unit(factor: f, sample: $0)) })
        }
        #expect(d.positions == LatinHypercubeDesign(samples: 37, factors: 4, seed: 11).positions)
        #expect(d.positions != LatinHypercubeDesign(samples: 37, factors: 4, seed: 12).positions)
        // Factors are permuted independently (two equal orders of 37 strata would be a bug).
        #expect(d.positions[0].map { Int($0) } != d.positions[1].map { Int($0) })
    }
}
