import Testing
@testable import NanoCityStats

/// NSGA-II's parts against hand-worked cases, and the whole on ZDT1 close to its true front.
@Suite struct NSGA2Tests {
    @Test func frontsAndCrowding() {
        let f: [[Double]] = [[1, 4], [2, 2], [4, 1], [3, 3], [5, 5], [2, 2]]
        #expect(NSGA2.fronts(f) == [[0, 1, 2, 5], [3], [4]])
        let c = NSGA2.crowding(f, [0, 1, 2])
        #expect(c[0] == .infinity && c[2] == .infinity)
        #expect(abs(c[1] - ((4.0 - 1) / 3 + (4.0 - 1) / 3)) < 1e-12)
        #expect(NSGA2.dominates([1, 1], [1, 2]) && !NSGA2.dominates([1, 2], [1, 2]) && !NSGA2.dominates([0, 3], [1, 2]))
        #expect(NSGA2.hypervolume2D([[0, 1], [1, 0], [1.5, 1.5]], reference: [2, 2]) == 3)
    }

    @Test func zdt1ComesCloseToItsFront() {
        let p = MultiObjectiveTestProblem.zdt1
        let ga = NSGA2(low: Array(repeating: 0, count: 30), high: Array(repeating: 1, count: 30), population: 60, seed: 3)
        var pop = ga.survivors(ga.initial().map { NSGA2.Individual(x: $0, f: p.objectives($0)) })
        for g in 1..<100 {
            let kids = ga.offspring(generation: g, parents: pop).map { NSGA2.Individual(x: $0, f: p.objectives($0)) }
            #expect(kids.allSatisfy { $0.x.allSatisfy { $0 >= 0 && $0 <= 1 } })
            pop = ga.survivors(pop + kids)
        }
        let hv = NSGA2.hypervolume2D(pop.map(\.f), reference: [1.1, 1.1])
        // 6,000 evaluations reach most of the optimum (0.8767); a broken operator stalls far below.
        #expect(hv > 0.8 * p.optimalHypervolume, "hypervolume \(hv) of \(p.optimalHypervolume)")
    }
}
