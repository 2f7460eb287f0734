import Foundation
import Testing
@testable import NanoCityIO
@testable import NanoCityModel

/// `--stop-when`: the expression language, and a run that ends where the rule first holds.
@Suite struct StopRuleTests {
    static let metrics = ["a", "b"], counters = [true, false]

    /// The tick the rule first holds over rows where a = 1 every tick and b = tick.
    static func stop(_ text: String, ticks: Int = 20) throws -> Int? {
        let m = StopMonitor(try StopRule(text, metrics: metrics, counters: counters))
        for t in 0...ticks {
            m.observe([1, Double(t)], tick: t)
            if m.stoppedAt != nil { break }
        }
        return m.stoppedAt
    }

    @Test(arguments: [
        ("a_total >= 3", 3),                         // running total over ticks 1…t
        ("b > 2 and not (tick < 5)", 5),
        ("b > 2 && !(tick < 5)", 5),
        ("-a + 2 * 3 == 5 and b == 4 or b_max > 10", 4),  // and binds tighter than or
        ("b_max > 10 or -a + 2 * 3 == 5 and b == 4", 4),
        ("b_mean > 3", 6),                            // (1+…+t)/t = (t+1)/2 > 3 first at t = 6
        ("b / 2 >= 3.5", 7),
        ("tick == 1", 1),                             // tick 0 is never tested
        ("(b - 1) * (b - 1) > 15 ", 5),
        ("1e1 <= b", 10),
    ])
    func rulesHoldWhereTheArithmeticSays(_ text: String, _ tick: Int) throws {
        #expect(try Self.stop(text) == tick, "\(text)")
    }

    @Test func aRuleThatNeverHoldsNeverStops() throws {
        #expect(try Self.stop("b > 100") == nil)
        #expect(try Self.stop("a_total < 0 or 0") == nil)
    }

    @Test(arguments: [
        ("a >", "ends too soon"),
        ("a > > 1", "expected a number"),
        ("c > 1", "'c' is not a metric"),
        ("a_tota > 1", "did you mean 'a_total'"),
        ("b_total > 1", "not a metric"),            // b is a level: no running total
        ("1 < b < 3", "do not chain"),
        ("a # 1", "not part of an expression"),
        ("", "empty"),
        ("a and", "ends too soon"),
        ("a b", "unexpected 'b'"),
        ("(a > 1", "expected ')'"),
        ("1..2 > a", "not a number"),
        (String(repeating: "(", count: 40) + "a" + String(repeating: ")", count: 40), "nested more than 32"),
        (String(repeating: "-", count: 40) + "a", "nested more than 32"),
        (String(repeating: "not ", count: 40) + "a", "nested more than 32"),
        (Array(repeating: "a", count: 200).joined(separator: " + "), "at most 256 tokens"),
        (String(repeating: " ", count: 1100) + "a", "at most 1024 bytes"),
    ])
    func badRulesSayWhereAndWhat(_ text: String, _ fragment: String) {
        do {
            _ = try StopRule(text, metrics: Self.metrics, counters: Self.counters)
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.description.contains(fragment), "\(error)")
        }
    }

    @Test func aStoppedRunEndsCompleteAtItsTickAndSaysSo() throws {
        let world = try WorldFile.embeddedDefault()
        var options = RunOptions(ticks: 50, seed: 3)
        options.outDirectory = NSTemporaryDirectory() + "stop-\(UUID().uuidString)"
        let names = MetricCatalog.all.map(\.name)
        options.stopWhen = try StopRule("tick >= 7 and waste_total > 0", metrics: names, counters: MetricCatalog.all.map { $0.kind == .counter })
        let result = try SimulationRun.execute(world: world, map: try world.buildMap(), options: options, from: nil)
        #expect(result.status == .complete && result.stoppedAt == 7 && result.ticksCompleted == 7)
        let rows = try String(contentsOfFile: options.outDirectory! + "/metrics.csv", encoding: .utf8).split(separator: "\n")
        #expect(rows.count == 1 + 8)  // header, ticks 0…7
        let manifest = try String(contentsOfFile: options.outDirectory! + "/manifest.json", encoding: .utf8)
        #expect(manifest.contains("\"stopped_at_tick\": 7") && manifest.contains("\"stop_when\": \"tick >= 7 and waste_total > 0\""))
    }
}
