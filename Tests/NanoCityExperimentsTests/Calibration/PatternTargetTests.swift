import Foundation
import Testing
import NanoCityAnalysis
import NanoCityIO
import NanoCityModel
import NanoCityPatterns
import NanoCityStats
@testable import NanoCityExperiments

/// Pattern targets (`observed_file`): an observed `patterns.json` gives the observed values and
/// the settings every simulated run is measured with.
@Suite struct PatternTargetTests {
    /// Clustered synthetic incidents on a 20 × 20 grid of 10 m cells over 30 days (an LCG, so
    /// the test needs no generator of the engine).
    static func incidents() -> (incidents: [Incident], cells: [Int]) {
        var state: UInt64 = 12345
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        var out: [Incident] = [], cells: [Int] = []
        for i in 0..<160 {
            let hot = i % 3 == 0
            let cx = hot ? 4 + Int(next() * 3) : Int(next() * 20), cy = hot ? 5 + Int(next() * 3) : Int(next() * 20)
            out.append(Incident(x: (Double(cx) + 0.5) * 10, y: (Double(cy) + 0.5) * 10, day: next() * 30))
            cells.append(cy * 20 + cx)
        }
        return (out, cells)
    }

    static func options() -> CrimePatterns.Options {
        var o = CrimePatterns.Options(bands: KnoxBands(space: KnoxAxis(width: 20, count: 2, convention: .nrc),
                                                       time: KnoxAxis(width: 3, count: 3, convention: .nrc)))
        o.metric = .manhattan
        o.weights = .withinMetres(25)
        o.fdr = 0.1
        o.topShare = 0.1
        o.windowDays = 5
        o.seed = 7
        o.permutations = 19
        o.iterations = 9
        return o
    }

    static func measure(_ options: CrimePatterns.Options) throws -> CrimePatterns {
        let (i, c) = incidents()
        return try CrimePatterns(incidents: i, cells: c, grid: (20, 20), cellMetres: 10, span: 0...30, options: options)
    }

    /// Writes the patterns of the synthetic incidents into a new folder, as `nanocity patterns` does.
    static func observedFolder(_ options: CrimePatterns.Options = options(), provenance: [(String, JSONValue)] = []) throws -> String {
        let dir = NSTemporaryDirectory() + "observed-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/obs", withIntermediateDirectories: true)
        try PatternFiles.write(try measure(options), to: dir + "/obs", provenance: provenance, exportGrid: false)
        return dir
    }

    static func targets(in dir: String, _ text: String) -> Result<TargetsFile, SweepError> {
        let path = dir + "/targets.toml"
        do throws(SweepError) { return .success(try TargetsFile(path: path, text: text, fingerprint: "f", requireParameters: true)) }
        catch { return .failure(error) }
    }

    static let parameter = "[[parameter]]\nkey = \"crew.dump_prob\"\nlow = 0\nhigh = 0.2\n"

    @Test func anObservedFileGivesBackEveryValueAndEverySetting() throws {
        let dir = try Self.observedFolder()
        let observed = try ObservedPatterns(path: dir + "/obs")
        // Measured again with the settings read back, the same incidents give the same values:
        // a setting lost on the way (convention, distance, weights, FDR, top share, window,
        // seed, permutations) changes some statistic.
        let again = try Self.measure(observed.options)
        #expect(again.outcomes.count == 21)
        for o in again.outcomes {
            #expect(observed.results[o.name] == .some(o.value), "\(o.name)")
        }
        #expect(observed.cellMetres == 10 && observed.incidents == 160)
        #expect(observed.options.bands.space == Self.options().bands.space && observed.options.bands.time == Self.options().bands.time)
        // Its outcomes.csv and its folder name the same file.
        #expect(try ObservedPatterns(path: dir + "/obs/outcomes.csv").path == observed.path)
    }

    @Test func aTargetReadsItsObservedValueRelativeToTheTargetsFile() throws {
        let dir = try Self.observedFolder(provenance: [("kinds", .array([.string("dump")])), ("from_tick", .int(5)), ("to_tick", .int(40))])
        let observed = try ObservedPatterns(path: dir + "/obs")
        let t = try Self.targets(in: dir, Self.parameter + """
            [[target]]
            outcome = "gini"
            observed_file = "obs"
            [[target]]
            outcome = "dumps_total"
            observed = 4
            """).get()
        #expect(t.targets[0].observed == observed.results["gini"]!! && t.targets[0].observedFile == dir + "/obs/patterns.json")
        #expect(t.targets[1].observedFile == nil)
        let p = try #require(t.patterns)
        // A run's patterns carry its kinds and window: the simulated runs use them.
        #expect(p.kinds == [.dump] && p.fromTick == 5 && p.toTick == 40)
        // No target reads the Gi*/Moran permutations, so runs are spared them…
        #expect(p.options.permutations == 0 && p.options.seed == 7 && p.options.windowDays == 5)
        #expect(p.outcomes().names.contains("knox_ratio_same_0_3"))
        // …unless one does.
        let q = try Self.targets(in: dir, Self.parameter + "[[target]]\noutcome = \"moran_p\"\nobserved_file = \"obs\"\n").get()
        #expect(q.patterns?.options.permutations == 19)
        // A [patterns] table picks other kinds.
        let r = try Self.targets(in: dir, Self.parameter + "[patterns]\nkinds = [\"theft\", \"burglary\"]\n[[target]]\noutcome = \"gini\"\nobserved_file = \"obs\"\n").get()
        #expect(r.patterns?.kinds == [.theft, .burglary] && r.patterns?.fromTick == 5)
    }

    @Test func gridStatisticsNeedTheObservedCellSize() throws {
        let dir = try Self.observedFolder()
        var world = try WorldFile.embeddedDefault().parameters
        let gini = try Self.targets(in: dir, Self.parameter + "[[target]]\noutcome = \"gini\"\nobserved_file = \"obs\"\n").get()
        let knox = try Self.targets(in: dir, Self.parameter + "[[target]]\noutcome = \"knox_ratio_same_0_3\"\nobserved_file = \"obs\"\n").get()
        #expect(gini.patterns!.problem(world: world, ticks: 100, targets: gini.targets) == nil)  // 10 m cells both
        world.scale.metresPerCell = 25
        #expect(gini.patterns!.problem(world: world, ticks: 100, targets: gini.targets)?.contains("--grid 25") == true)
        #expect(knox.patterns!.problem(world: world, ticks: 100, targets: knox.targets) == nil)  // distances in metres
    }

    @Test(arguments: [
        ("outcome = \"gini\"\nobserved = 0.5\nobserved_file = \"obs\"", "not both"),
        ("outcome = \"gnii\"\nobserved_file = \"obs\"", "did you mean 'gini'"),
        ("outcome = \"gini\"\nobserved_file = \"nowhere\"", "cannot read the observed patterns"),
        ("outcome = \"gini\"\nobserved_file = \"obs\"\n[patterns]\nspace_bands = \"50:2\"", "comes from the observed file"),
        ("outcome = \"gini\"\nobserved_file = \"obs\"\n[patterns]\nkinds = [\"parking\"]", "not an event kind"),
        ("outcome = \"gini\"\nobserved_file = \"obs\"\n[patterns]\nfrom_tick = 9\nto_tick = 3", "≥ from_tick"),
        ("outcome = \"gini\"\nobserved_file = \"obs\"\n[[target]]\noutcome = \"gini\"\nobserved_file = \"other\"", "other settings"),
        ("outcome = \"gini\"\nobserved_file = \"broken\"", "results.incidents is missing"),
        ("outcome = \"moran_i\"\nobserved_file = \"undefined\"", "undefined"),
        ("outcome = \"gini\"\nobserved_file = \"obs\"\n[[target]]\noutcome = \"gini\"\nobserved_file = \"window\"", "other settings"),
    ])
    func badObservedFilesSayWhatIsWrong(_ target: String, _ fragment: String) throws {
        let dir = try Self.observedFolder()
        var other = Self.options()
        other.fdr = 0.2
        try PatternFiles.write(try Self.measure(other), to: try Self.folder(dir, "other"), provenance: [], exportGrid: false)
        // The same incidents and settings, said to be a run's crimes of ticks 0…300: another measurement.
        try PatternFiles.write(try Self.measure(Self.options()), to: try Self.folder(dir, "window"),
                               provenance: [("from_tick", .int(0)), ("to_tick", .int(300))], exportGrid: false)
        let json = try String(contentsOfFile: dir + "/obs/patterns.json", encoding: .utf8)
        try json.replacingOccurrences(of: "\"incidents\":", with: "\"incident\":")
            .write(toFile: try Self.folder(dir, "broken") + "/patterns.json", atomically: true, encoding: .utf8)
        let undefined = json.replacingOccurrences(of: #""moran_i": [-0-9.e]+"#, with: "\"moran_i\": null", options: .regularExpression)
        #expect(undefined != json)
        try undefined.write(toFile: try Self.folder(dir, "undefined") + "/patterns.json", atomically: true, encoding: .utf8)
        guard case .failure(let e) = Self.targets(in: dir, Self.parameter + "[[target]]\n" + target + "\n") else {
            Issue.record("accepted: \(target)")
            return
        }
        #expect(e.description.contains(fragment), "\(e)")
    }

    static func folder(_ dir: String, _ name: String) throws -> String {
        try FileManager.default.createDirectory(atPath: dir + "/" + name, withIntermediateDirectories: true)
        return dir + "/" + name
    }

    /// A calibration with pattern targets: every run's summary.csv row carries the pattern
    /// columns, and each particle's distance is computed from them.
    @Test func aCalibrationMeasuresEveryRunAsTheObservedDataWere() throws {
        let dir = try Self.observedFolder(CrimePatterns.Options(bands: KnoxBands(space: KnoxAxis(width: 100, count: 3, convention: .labelled),
                                                                                  time: KnoxAxis(width: 7, count: 2, convention: .labelled))),
                                          provenance: [("kinds", .array([.string("dump"), .string("theft")]))])
        let file = try Self.targets(in: dir, """
            method = "abc-smc"
            ticks = 60
            population = 6
            generations = 1
            predictive = 0
            seed = 3
            """ + "\n" + Self.parameter + """
            [[target]]
            outcome = "incidents"
            observed_file = "obs"
            [[target]]
            outcome = "knox_ratio_1_100_0_7"
            observed_file = "obs"
            scale = 0.5
            """).get()
        let world = try WorldFile.embeddedDefault()
        let out = dir + "/cal"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let sim = CitySimulator(world: world, worldPath: nil, targets: file, directory: out, jobs: 2)
        #expect(sim.outcomes.contains("knox_ratio_1_100_0_7") && sim.outcomes.contains("dumps_total"))
        let result = try CalibrationRunner.run(targets: file, priors: file.parameters.map(\.prior), integer: file.parameters.map(\.integer),
                                               targetList: file.targets, simulator: sim, directory: out, description: [])
        let summary = try SweepResults(directory: out + "/gen-000")
        let n = try #require(summary.outcomes.firstIndex(of: "incidents"))
        let k = try #require(summary.outcomes.firstIndex(of: "knox_ratio_1_100_0_7"))
        let d = try #require(summary.outcomes.firstIndex(of: "dumps_total"))
        let t = try #require(summary.outcomes.firstIndex(of: "thefts_total"))
        let simulated = summary.points.map { [$0.values(n)[0], $0.values(k)[0]] }
        // The runs count their dumps and thefts (the observed run's kinds) over the whole run.
        #expect(summary.points.allSatisfy { $0.values(n)[0] == $0.values(d)[0] + $0.values(t)[0] })
        let distances = simulated.map { CalibrationRunner.distance($0, file.targets, result.scales) }
        let kept = result.generations[0].kept.map(\.distance)
        #expect(kept.allSatisfy { d in distances.contains(where: { $0 == d || ($0.isNaN && d.isNaN) }) })
        #expect(result.scales[1] == 0.5)
    }
}
