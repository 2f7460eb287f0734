import Testing
@testable import NanoCityEngine
@testable import NanoCityIO
@testable import NanoCityModel
import NanoCityAnalysis
@testable import NanoCityExperiments

@Suite struct SweepPlanTests {
    static let world = try! WorldFile.embeddedDefault()

    func plan(_ specs: [String], replicates: Int = 3, lhs: Int = 0, rule: SweepPlan.SeedRule = .perRun) throws -> SweepPlan {
        try SweepPlan(world: Self.world, worldPath: nil, axes: specs.map { try SweepAxis.parse($0) }, design: lhs > 0 ? .latinHypercube(samples: lhs) : .grid,
                      replicates: replicates, baseSeed: 42, ticks: 10, seedRule: rule)
    }

    @Test func cartesianProductFirstAxisSlowestReplicatesInnermost() throws {
        let p = try plan(["guards.count=0,10", "crew.count=1,2,3"])
        #expect(p.points.count == 6 && p.runCount == 18)
        #expect(p.points[1].map(\.value) == [.int(0), .int(2)])
        #expect(p.points[3].map(\.value) == [.int(10), .int(1)])
        let r = p.run(7)
        #expect(r.point == 2 && r.replicate == 1)
    }

    /// A plan file's `[vary]` axes keep the order the file writes them (the first varies
    /// slowest, as on the command line), not alphabetical order; a list written as one string
    /// is refused rather than split into points.
    @Test func planFileAxesKeepDocumentOrder() throws {
        let f = try SweepFile.parse(text: "[vary]\n\"sensors.density\" = [0.0, 0.1]\n\"guards.count\" = [1, 2, 3]\n\"crew.count\" = \"4:6:1\"\n",
                                    path: "plan.toml")
        #expect(f.vary == ["sensors.density=0.0,0.1", "guards.count=1,2,3", "crew.count=4:6:1"])
        let p = try plan(f.vary, replicates: 1)
        #expect(p.variedKeys == ["sensors.density", "guards.count", "crew.count"])
        #expect(p.points[1].map(\.value) == [.double(0), .int(1), .int(5)])
        do {
            _ = try SweepFile.parse(text: "[vary]\n\"guards.count\" = \"1,2\"\n", path: "plan.toml")
            Issue.record("a list in a string was accepted")
        } catch {
            #expect(error.description.contains("plan.toml:2") && error.description.contains("TOML array"), "\(error)")
        }
    }

    @Test func replicatesGetDistinctSeedsDerivedFromBaseAndIndexAlone() throws {
        let p = try plan(["guards.count=0,10"], replicates: 50)
        let seeds = (0..<p.runCount).map { p.run($0).seed }
        #expect(Set(seeds).count == p.runCount)
        for i in [0, 1, 99] { #expect(p.run(i).seed == SplitMix64.derive(base: 42, index: UInt64(i))) }
        // Another plan with more points gives run i the same seed: it depends on base and i only.
        #expect(try plan(["guards.count=0,10,20,30"], replicates: 50).run(77).seed == seeds[77])
        let crn = try plan(["guards.count=0,10"], replicates: 5, rule: .perReplicate)
        #expect(crn.run(0).seed == crn.run(5).seed)
        #expect(crn.run(0).seed != crn.run(1).seed)
    }

    @Test func latinHypercubePutsOneSampleInEachStratum() throws {
        let n = 20
        let p = try plan(["sensors.density=0:1", "toxicity.decay=0.5:0.9"], replicates: 1, lhs: n)
        #expect(p.points.count == n)
        for (dim, (lo, hi)) in [(0.0, 1.0), (0.5, 0.9)].enumerated() {
            let strata = p.points.map { Int((($0[dim].value.numeric! - lo) / (hi - lo)) * Double(n)) }
            #expect(Set(strata) == Set(0..<n))
        }
        #expect(throws: SweepError.self) { try plan(["sensors.density=0:1"], lhs: 0) }
        #expect(throws: SweepError.self) { try plan(["guards.count=1,2"], lhs: 5) }
    }

    @Test func outcomeColumnsAreFinalMeanAndTotal() {
        var o = RunOutcome(.catalog)
        let n = MetricCatalog.all.count
        o.observe([Double](repeating: 100, count: n))  // tick 0 is not part of means or totals
        o.observe([Double](repeating: 1, count: n))
        o.observe([Double](repeating: 3, count: n))
        let cols = OutcomeColumns.catalog.names, vals = o.values
        let thefts = cols.firstIndex(of: "thefts_final")!
        #expect(vals[thefts] == 3 && cols[thefts + 1] == "thefts_mean" && vals[thefts + 1] == 2)
        #expect(cols[thefts + 2] == "thefts_total" && vals[thefts + 2] == 4)
        #expect(!cols.contains("reservoir_stock_total"))
    }
}
