import Foundation
import Testing
import NanoCityAnalysis
import NanoCityIO
import NanoCityModel
import NanoCityStats
@testable import NanoCityExperiments

/// `nanocity calibrate`'s targets file and driver: what is refused, and the same posterior
/// bytes for any job count and after a resume.
@Suite struct CalibrationTests {
    static func targets(_ text: String) -> Result<TargetsFile, SweepError> {
        do throws(SweepError) { return .success(try TargetsFile(path: "t.toml", text: text, fingerprint: "f", requireParameters: true)) }
        catch { return .failure(error) }
    }

    static let city = """
        method = "abc-smc"
        ticks = 30
        population = 8
        generations = 2
        seed = 4
        predictive = 4
        [[parameter]]
        key = "crew.dump_prob"
        low = 0.0
        high = 0.3
        [[parameter]]
        key = "guards.count"
        prior = "uniform"
        low = 2
        high = 12
        [[target]]
        outcome = "dumps_total"
        observed = 5
        [[target]]
        outcome = "arrests_total"
        observed = 2
        scale = 1.5
        """

    @Test func aTargetsFileIsReadWithItsDefaults() throws {
        let t = try Self.targets(Self.city).get()
        #expect(t.method == .abcSMC && t.ticks == 30 && t.replicates == 1 && t.seed == 4)
        #expect(t.settings.population == 8 && t.settings.kept == 4 && t.settings.maxGenerations == 2)
        #expect(t.parameters == [.init(key: "crew.dump_prob", prior: .uniform(low: 0, high: 0.3), integer: false),
                                 .init(key: "guards.count", prior: .uniform(low: 2, high: 12), integer: true)])
        #expect(t.targets[1] == .init(outcome: "arrests_total", observed: 2, scale: .fixed(1.5), weight: 1))
    }

    @Test(arguments: [
        ("method = \"nsga3\"", "not a method"),
        ("population = 2", "population"),
        ("colour = 1", "unknown key"),
        ("[[parameter]]\nkey = \"guards.cuont\"\nlow = 1\nhigh = 2", "guards.count"),
        ("[[parameter]]\nkey = \"crew.behavior\"\nlow = 1\nhigh = 2", "only numbers"),
        ("[[parameter]]\nkey = \"crew.dump_prob\"\nlow = 0.5\nhigh = 2", "range"),
        ("[[parameter]]\nkey = \"crew.dump_prob\"\nprior = \"log-uniform\"\nlow = 0\nhigh = 0.5", "low > 0"),
        ("[[parameter]]\nkey = \"crew.dump_prob\"\nprior = \"normal\"\nmean = 0.1", "mean and sd"),
        ("[[parameter]]\nkey = \"crew.dump_prob\"\nprior = \"beta\"\nlow = 0\nhigh = 1", "not a prior"),
        ("[[target]]\noutcome = \"thefts_total\"", "observed"),
        ("[[target]]\noutcome = \"thefts_total\"\nobserved = 3\nscale = -1", "scale"),
    ])
    func badFilesSayWhatIsWrong(_ text: String, _ fragment: String) {
        let base = "[[parameter]]\nkey = \"crew.dump_prob\"\nlow = 0\nhigh = 0.2\n[[target]]\noutcome = \"dumps_total\"\nobserved = 3\n"
        let full = text.hasPrefix("[[") ? text + "\n" + (text.contains("parameter") ? "[[target]]\noutcome = \"dumps_total\"\nobserved = 3\n" : "[[parameter]]\nkey = \"crew.dump_prob\"\nlow = 0\nhigh = 0.2\n") : text + "\n" + base
        guard case .failure(let e) = Self.targets(full) else { Issue.record("accepted: \(text)"); return }
        #expect(e.description.contains(fragment), "\(e)")
    }

    static func calibrate(jobs: Int, into dir: String, shard: Shard? = nil) throws -> (String, String) {
        let file = try Self.targets(Self.city).get()
        let world = try WorldFile.embeddedDefault()
        let sim = CitySimulator(world: world, worldPath: nil, targets: file, directory: dir, jobs: jobs, shard: shard)
        _ = try CalibrationRunner.run(targets: file, priors: file.parameters.map(\.prior), integer: file.parameters.map(\.integer),
                                      targetList: file.targets, simulator: sim, directory: dir, description: [])
        return (try String(contentsOfFile: dir + "/posterior.csv", encoding: .utf8),
                try String(contentsOfFile: dir + "/calibration.json", encoding: .utf8))
    }

    @Test func theSameBytesForAnyJobCountAndAfterAResume() throws {
        let root = NSTemporaryDirectory() + "calibration-\(UUID().uuidString)"
        let one = try Self.calibrate(jobs: 1, into: root + "-1")
        let two = try Self.calibrate(jobs: 2, into: root + "-2")
        #expect(one == two)
        // A resume recomputes every generation from its sweep: remove the last generation's
        // results and the outputs, as a kill before they were written would leave it.
        try FileManager.default.removeItem(atPath: root + "-2/gen-001/summary.csv")
        try FileManager.default.removeItem(atPath: root + "-2/posterior.csv")
        #expect(try Self.calibrate(jobs: 2, into: root + "-2") == one)
        let rows = one.0.split(separator: "\n")
        #expect(rows.first == "generation,particle,weight,distance,crew.dump_prob,guards.count")
        #expect(rows.count == 1 + 4 + 4)  // generations 0 and 1, 4 kept each
        // Integer parameters are proposed as whole numbers.
        #expect(rows.dropFirst().allSatisfy { Double($0.split(separator: ",")[5])!.rounded() == Double($0.split(separator: ",")[5])! })
        #expect(one.1.contains("\"status\": \"complete\""))
        let predictive = try String(contentsOfFile: root + "-2/predictive.csv", encoding: .utf8).split(separator: "\n")
        #expect(predictive.count == 1 + 4 && predictive[0] == "draw,particle,crew.dump_prob,guards.count,dumps_total,arrests_total")
        #expect(one.1.contains("\"share_below_observed\""))
    }

    /// A Slurm chain: every task runs one shard of the first generation not yet complete and
    /// stops; the next task merges and goes on. The posterior is the unsharded one's bytes.
    @Test func shardedGenerationsGiveTheSamePosterior() throws {
        let root = NSTemporaryDirectory() + "calibration-shards-\(UUID().uuidString)"
        let one = try Self.calibrate(jobs: 2, into: root + "-1")
        var tasks = 0, result: (String, String)?
        while result == nil && tasks < 40 {
            // Tasks of one array job in turn: shards 0, 1, 2 of 3.
            do {
                result = try Self.calibrate(jobs: 1, into: root + "-3", shard: try Shard(index: tasks % 3, count: 3))
            } catch let e as SweepError {
                guard case .paused(.shardDone, let m) = e else { throw e }
                #expect(m.contains("shard \(tasks % 3)/3 done"))
            }
            tasks += 1
        }
        #expect(result.map { $0 == one } == true)
        // 2 generations and the predictive check, 3 shards each; the task after the last merges.
        #expect(tasks == 3 * 3 + 1)
        #expect(FileManager.default.fileExists(atPath: root + "-3/gen-001/shard-2-of-3/summary.csv"))
        #expect(try String(contentsOfFile: root + "-3/gen-001/summary.csv", encoding: .utf8)
                == String(contentsOfFile: root + "-1/gen-001/summary.csv", encoding: .utf8))
    }

    /// `reduce = [...]` gives targets more outcomes, simulated in every generation's summary.csv.
    @Test func aReducedOutcomeCanBeATarget() throws {
        let text = Self.city.replacingOccurrences(of: "predictive = 4", with: "predictive = 0\nreduce = [\"toxicity_max:max\"]")
            .replacingOccurrences(of: "outcome = \"dumps_total\"", with: "outcome = \"toxicity_max_max\"")
        let file = try Self.targets(text).get()
        #expect(file.reduce == ["toxicity_max:max"])
        let dir = NSTemporaryDirectory() + "calibration-reduce-\(UUID().uuidString)"
        let sim = CitySimulator(world: try WorldFile.embeddedDefault(), worldPath: nil, targets: file, directory: dir, jobs: 2)
        #expect(sim.outcomes.contains("toxicity_max_max"))
        let out = try sim.simulate(.generation(0), points: [[0.1, 4], [0.2, 8]], targets: file.targets)
        let results = try SweepResults(directory: dir + "/gen-000")
        let c = try #require(results.outcomes.firstIndex(of: "toxicity_max_max"))
        #expect(out.map { $0[0] } == results.points.map { $0.values(c)[0] })
        #expect(out.allSatisfy { $0[0] > 0 })
        let bad = try Self.targets(text.replacingOccurrences(of: "toxicity_max:max", with: "toxicity_max:mode")).get()
        #expect(throws: SweepError.self) { try CitySimulator(world: try WorldFile.embeddedDefault(), worldPath: nil, targets: bad, directory: dir, jobs: 1).reducers() }
    }

    /// A target undefined in every run of generation 0 would make every distance NaN: refused.
    @Test func aTargetUndefinedInEveryRunIsRefused() throws {
        let text = Self.city.replacingOccurrences(of: "predictive = 4", with: "predictive = 0\nreduce = [\"thefts_total:first>=100000\"]")
            .replacingOccurrences(of: "outcome = \"dumps_total\"", with: "outcome = \"thefts_total_first_ge_100000\"")
        let file = try Self.targets(text).get()
        let dir = NSTemporaryDirectory() + "calibration-undefined-\(UUID().uuidString)"
        let sim = CitySimulator(world: try WorldFile.embeddedDefault(), worldPath: nil, targets: file, directory: dir, jobs: 2)
        #expect {
            _ = try CalibrationRunner.run(targets: file, priors: file.parameters.map(\.prior), integer: file.parameters.map(\.integer),
                                          targetList: file.targets, simulator: sim, directory: dir, description: [])
        } throws: { "\($0)".contains("undefined in every one of generation 0's 8 simulations") }
    }

    @Test func distancesScaleEachTargetAndMadComesFromGenerationZero() {
        let targets: [TargetsFile.Target] = [.init(outcome: "a", observed: 10, scale: .mad, weight: 1),
                                             .init(outcome: "b", observed: 0, scale: .fixed(2), weight: 4)]
        let outcomes: [[Double]] = [[8, 1], [10, 2], [13, 3], [.nan, 4]]
        let scales = CalibrationRunner.scales(targets, outcomes)
        #expect(scales == [2, 2])  // median 10, |deviations| 2, 0, 3 → 2
        #expect(CalibrationRunner.distance([12, 1], targets, scales) == (1 + 4 * 0.25).squareRoot())
        #expect(CalibrationRunner.distance([.nan, 1], targets, scales).isNaN)
    }
}
