import Foundation
import Testing
import NanoCityAnalysis
import NanoCityIO
import NanoCityModel
@testable import NanoCityExperiments

/// `--reduce`: each reducer's value against the same statistic computed here from the run's
/// whole metrics series (kept in memory by a second, identical run).
@Suite struct OutcomeReducerTests {
    static let world = try! WorldFile.embeddedDefault()
    static let columns = OutcomeColumns(world: world.parameters)

    static func parse(_ specs: [String], ticks: Int = 60) -> Result<[OutcomeReducer], SweepError> {
        do throws(SweepError) { return .success(try OutcomeReducer.parse(specs, columns: columns, ticks: ticks)) } catch { return .failure(error) }
    }

    @Test func columnsAreNamedAfterTheSeriesAndTheReducer() throws {
        let r = try Self.parse(["toxicity_max:max", "toxicity_max:argmin", "waste_total:mean@10:20", "thefts_total:first>=3", "toxicity_mean:first<0.5"]).get()
        #expect(r.flatMap(\.columns) == ["toxicity_max_max", "toxicity_max_argmin", "waste_total_mean_10_20", "thefts_total_first_ge_3",
                                         "thefts_total_first_ge_3_reached", "toxicity_mean_first_lt_0p5", "toxicity_mean_first_lt_0p5_reached"])
    }

    @Test(arguments: [
        ("toxicity_max", "METRIC:REDUCER"),
        ("toxicty_max:max", "did you mean 'toxicity_max'"),
        ("toxicity_max:median", "not a reducer"),
        ("toxicity_max:mean@20:10", "0 ≤ A ≤ B"),
        ("toxicity_max:mean@10:61", "after the run's last"),
        ("toxicity_max:first=3", "first>X"),
        ("toxicity_max:first>nan", "finite"),
        ("toxicity_max_total:max", "not a metric"),  // a level has no running total
    ])
    func badSpecsSayWhatIsWrong(_ spec: String, _ fragment: String) {
        guard case .failure(let e) = Self.parse([spec]) else { Issue.record("accepted \(spec)"); return }
        #expect(e.description.contains(fragment), "\(e)")
    }

    @Test func aColumnCannotBeGivenTwice() {
        guard case .failure(let e) = Self.parse(["toxicity_max:max", "toxicity_max:max"]) else { Issue.record("accepted"); return }
        #expect(e.description.contains("already"))
    }

    @Test func valuesEqualTheStatisticsOfTheWholeSeries() throws {
        let ticks = 60
        let specs = ["toxicity_max:max", "toxicity_max:min", "toxicity_max:argmax", "toxicity_max:argmin", "waste_total:mean@10:20",
                     "thefts_total:first>=1", "thefts_total:max", "dumps:first>1000", "toxicity_mean:mean@0:0"]
        let reducers = try Self.parse(specs, ticks: ticks).get()
        let map = try Self.world.buildMap()
        let (_, extras, status) = RunOutcome.run(world: Self.world, map: map, seed: 11, ticks: ticks, patterns: nil, reducers: reducers,
                                                 stopWhen: nil, shouldStop: { false })
        let reduced = extras.reduced
        #expect(status == .complete)
        // The same run again, keeping every row.
        var rows: [[Double]] = []
        var city = City(map: map, parameters: Self.world.parameters, seed: 11)
        _ = RunLoop.run(&city, to: ticks, recorders: [MetricsObserver { rows.append($0) }], shouldStop: { false })
        #expect(rows.count == ticks + 1)
        let c = Self.columns.metrics
        func series(_ m: String) -> [Double] { rows.map { $0[c.firstIndex(of: m)!] } }
        let tox = Array(series("toxicity_max").dropFirst())  // ticks 1…N
        var running = 0.0
        let theftsRunning = series("thefts").enumerated().map { t, v in if t > 0 { running += v }; return running }
        let waste = series("waste_total")
        let expected: [Double?] = [
            tox.max()!, tox.min()!, Double(tox.firstIndex(of: tox.max()!)! + 1), Double(tox.firstIndex(of: tox.min()!)! + 1),
            waste[10...20].reduce(0, +) / 11,
            theftsRunning.firstIndex { $0 >= 1 }.map(Double.init), theftsRunning.firstIndex { $0 >= 1 } == nil ? 0 : 1,
            theftsRunning.dropFirst().max()!,
            nil, 0,  // 1000 dumps in one tick: never
            series("toxicity_mean")[0],
        ]
        #expect(reduced.count == expected.count)
        for (i, (a, b)) in zip(reduced, expected).enumerated() { #expect(a == b, "value \(i): \(String(describing: a)) vs \(String(describing: b))") }
        #expect(theftsRunning.last! > 0, "the run should see a theft, or the first-passage check says nothing")
    }

    @Test func aSweepWritesTheColumnsBeforeTheStatusTheSameForAnyJobs() throws {
        var plan = try SweepPlan(world: Self.world, worldPath: nil, axes: [try SweepAxis.parse("guards.count=0,8")], replicates: 2, baseSeed: 3, ticks: 30)
        plan.reducers = try Self.parse(["toxicity_max:max", "thefts_total:first>=1"], ticks: 30).get()
        let a = NSTemporaryDirectory() + "reduce-\(UUID().uuidString)", b = a + "-2"
        _ = try SweepRunner.run(plan: plan, directory: a, jobs: 1, shard: nil, force: false, shouldStop: { false })
        _ = try SweepRunner.run(plan: plan, directory: b, jobs: 2, shard: nil, force: false, shouldStop: { false })
        let one = try String(contentsOfFile: a + "/summary.csv", encoding: .utf8)
        #expect(one == (try String(contentsOfFile: b + "/summary.csv", encoding: .utf8)))
        let header = one.split(separator: "\n")[0]
        #expect(header.hasSuffix(",toxicity_max_max,thefts_total_first_ge_1,thefts_total_first_ge_1_reached,status"))
        let json = try String(contentsOfFile: a + "/sweep.json", encoding: .utf8)
        #expect(json.contains("\"reducers\"") && json.contains("thefts_total:first>=1"))
        let record = try SweepRecord.decode(Data(json.utf8), path: "sweep.json")
        #expect(record.reducers == ["toxicity_max:max", "thefts_total:first>=1"])
        // A plan without reducers writes no reducer keys: older sweeps stay byte-identical.
        let plain = try SweepPlan(world: Self.world, worldPath: nil, axes: [], replicates: 1, baseSeed: 3, ticks: 30)
        #expect(!plain.json().rendered().contains("reducer"))
    }

    /// `--stop-when` on a sweep: a stopped run's outcomes cover ticks 1…stop, its tick is in
    /// `stopped_at_tick`, and the bytes are the same for any job count.
    @Test func aSweepStopsEachRunWhereItsRuleHolds() throws {
        var plan = try SweepPlan(world: Self.world, worldPath: nil, axes: [try SweepAxis.parse("guards.count=0,8")], replicates: 3, baseSeed: 5, ticks: 120)
        plan.stopWhen = try StopRule("thefts_total >= 1", metrics: Self.columns.metrics, counters: Self.columns.counters)
        plan.reducers = try Self.parse(["thefts_total:first>=1"], ticks: 120).get()
        let a = NSTemporaryDirectory() + "stop-\(UUID().uuidString)", b = a + "-2"
        _ = try SweepRunner.run(plan: plan, directory: a, jobs: 1, shard: nil, force: false, shouldStop: { false })
        _ = try SweepRunner.run(plan: plan, directory: b, jobs: 2, shard: nil, force: false, shouldStop: { false })
        let text = try String(contentsOfFile: a + "/summary.csv", encoding: .utf8)
        #expect(text == (try String(contentsOfFile: b + "/summary.csv", encoding: .utf8)))
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let h = lines[0]
        #expect(h.suffix(2) == ["stopped_at_tick", "status"])
        let stop = h.firstIndex(of: "stopped_at_tick")!, total = h.firstIndex(of: "thefts_total")!, first = h.firstIndex(of: "thefts_total_first_ge_1")!
        var stopped = 0
        for row in lines.dropFirst() {
            #expect(row.last == "complete")
            if let t = Int(row[stop]) {
                stopped += 1
                // It stopped at the first theft: the total is the first tick's count, and the first passage is that tick.
                #expect(Double(row[total])! >= 1 && row[first] == row[stop] && t <= 120)
            } else {
                #expect(Double(row[total])! == 0 && row[first] == "")
            }
        }
        #expect(stopped > 0, "no run saw a theft in 120 ticks: the test says nothing")
        #expect(try String(contentsOfFile: a + "/sweep.json", encoding: .utf8).contains("\"stop_when\": \"thefts_total >= 1\""))
    }

    /// `--run-timeout`: a run past its limit is kept as a `timeout` row with empty outcomes,
    /// counted and listed. (A limit of 1 ms against runs of a million ticks, about 30 s each:
    /// no machine finishes one in time.)
    @Test func aRunPastItsTimeLimitIsATimeoutRow() throws {
        var plan = try SweepPlan(world: Self.world, worldPath: nil, axes: [], replicates: 2, baseSeed: 5, ticks: 1_000_000)
        plan.runTimeout = 0.001
        let dir = NSTemporaryDirectory() + "timeout-\(UUID().uuidString)"
        let result = try SweepRunner.run(plan: plan, directory: dir, jobs: 2, shard: nil, force: false, shouldStop: { false })
        #expect(result.timedOut == [0, 1] && result.failed == 2 && !result.interrupted)
        let rows = try String(contentsOfFile: dir + "/summary.csv", encoding: .utf8).split(separator: "\n").dropFirst()
        for row in rows {
            let f = row.split(separator: ",", omittingEmptySubsequences: false)
            guard case .timeout(let tick, let limit)? = RunStatus(parsing: f.last!) else { Issue.record("status \(f.last!)"); continue }
            #expect(tick < 1_000_000 && limit == 0.001)
            let outcomes = f[3..<(f.count - 1)]
            #expect(outcomes.allSatisfy { $0.isEmpty })
        }
        #expect(try SweepResults(directory: dir).points[0].replicates.isEmpty)  // no outcome is read from a timeout
        #expect(RunStatus(parsing: "timeout at tick 12 (limit 2.5 s)") == .timeout(atTick: 12, limitSeconds: 2.5))
        #expect(RunStatus.timeout(atTick: 12, limitSeconds: 2.5).description == "timeout at tick 12 (limit 2.5 s)")
    }
}
