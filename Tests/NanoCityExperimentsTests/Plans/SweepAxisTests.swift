import Testing
@testable import NanoCityModel
import NanoCityAnalysis
@testable import NanoCityExperiments

@Suite struct SweepAxisTests {
    @Test func listsAndInclusiveRanges() throws {
        #expect(try SweepAxis.parse("guards.count=0,10,20").values == .list([.int(0), .int(10), .int(20)]))
        #expect(try SweepAxis.parse("sensors.density=0:0.1:0.02").values
            == .list([0.0, 0.02, 0.04, 0.06, 0.08, 0.1].map { .double($0) }))
        #expect(try SweepAxis.parse("guards.count=5:20:5").values == .list([5, 10, 15, 20].map { .int($0) }))
        #expect(try SweepAxis.parse("guards.patrol=random,hotspot").values == .list([.string("random"), .string("hotspot")]))
        #expect(try SweepAxis.parse("sensors.density=0:0.5").values == .continuous(low: 0, high: 0.5))
    }

    @Test(arguments: [
        ("guards.cout=1,2", "unknown key 'guards.cout'"),
        ("guards.count=10:0:1", "empty range"),
        ("sensors.density=0:0.1:0", "step must be positive"),
        ("guards.count=a,b", "guards.count = a is not allowed"),
        ("guards.count=0:10:0.5", "integers"),
        ("guards.patrol=a:b:1", "numeric key"),
        ("guards.count", "expected key=values"),
        ("guards.count=1,,2", "empty value"),
        ("toxicity.decay=0:2:0.5", "toxicity.decay"),
        // Counts no Int holds (an unbounded key): refused by count, never converted (it trapped).
        ("waste.residential_rate=0:1000000000000:0.0000000001", "at most 1,000,000"),
        ("waste.residential_rate=0:1e12:1e-300", "more than 2⁶³"),
        ("waste.residential_rate=0:2000000:1", "at most 1,000,000"),
    ])
    func badSpecsAreErrorsNamingTheSpec(_ spec: String, _ fragment: String) {
        do {
            _ = try SweepAxis.parse(spec)
            Issue.record("accepted \(spec)")
        } catch {
            #expect(error.description.contains("--vary \(spec)"), "\(error)")
            #expect(error.description.contains(fragment), "\(error)")
        }
    }
}
