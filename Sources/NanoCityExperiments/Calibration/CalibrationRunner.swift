import Foundation
import NanoCityEngine
import NanoCityIO
import NanoCityModel
import NanoCityStats
import NanoCityAnalysis

/// One batch of a calibration's simulations: a generation, or the posterior predictive check.
public enum CalibrationBatch: Sendable, Equatable {
    case generation(Int)
    case predictive

    /// Its sweep's folder: `gen-NNN` or `predictive`.
    public var folder: String {
        switch self {
        case .generation(let g): "gen-" + OutputDirectory.zeroPadded(g, width: 3)
        case .predictive: "predictive"
        }
    }

    /// Where its random streams come from (distinct for every batch).
    public var streamIndex: UInt64 {
        switch self {
        case .generation(let g): UInt64(g)
        case .predictive: 3_000_000
        }
    }
}

/// What a calibration simulates: for each point of a generation, the value of each target's
/// outcome (replicates averaged; NaN where none ran).
public protocol CalibrationSimulator {
    /// The parameter keys, in the order of a point's coordinates.
    var keys: [String] { get }
    func simulate(_ batch: CalibrationBatch, points: [[Double]], targets: [TargetsFile.Target]) throws(SweepError) -> [[Double]]
}

/// A calibration against a city: every generation is a sweep (`gen-NNN/`, with the design file
/// of its particles in `designs/gen-NNN.csv`, `replicates` runs each) on the sweep runner, so it runs on `jobs` cores, resumes
/// after a kill where it stopped, and gives the same bytes for any job count.
public struct CitySimulator: CalibrationSimulator {
    public let world: World
    public let worldPath: String?
    public let targets: TargetsFile
    public let directory: String
    public let jobs: Int
    /// Run only this shard of the first generation not yet complete, then stop
    /// (`SweepError.paused(.shardDone, …)`): a Slurm array task's share of a generation.
    public let shard: Shard?
    public let report: @Sendable (RunProgress) -> Void
    public var keys: [String] { targets.parameters.map(\.key) }

    public init(world: World, worldPath: String?, targets: TargetsFile, directory: String, jobs: Int, shard: Shard? = nil,
                report: @escaping @Sendable (RunProgress) -> Void = { _ in }) {
        self.world = world
        self.worldPath = worldPath
        self.targets = targets
        self.directory = directory
        self.jobs = jobs
        self.shard = shard
        self.report = report
    }

    public var ticks: Int { targets.ticks ?? world.parameters.run.ticks }

    /// The outcomes a target may name (summary.csv's columns: the metric ones, then the
    /// pattern statistics when the targets file measures patterns).
    public var outcomes: [String] {
        OutcomeColumns(world: world.parameters).names + (targets.patterns?.outcomes().names ?? [])
            + ((try? reducers()) ?? []).flatMap(\.columns)
    }

    /// The targets file's `stop_when`, parsed against this world's metrics.
    public func stopRule() throws(SweepError) -> StopRule? {
        guard let text = targets.stopWhen else { return nil }
        do throws(StopRule.ParseError) {
            return try StopRule(text, columns: OutcomeColumns(world: world.parameters), origin: "\(targets.path): stop_when")
        } catch { throw .badPlan(error.description) }
    }

    /// The targets file's `reduce` specs, parsed against this world's metrics.
    public func reducers() throws(SweepError) -> [OutcomeReducer] {
        try OutcomeReducer.parse(targets.reduce, columns: OutcomeColumns(world: world.parameters), ticks: ticks, origin: "\(targets.path): reduce")
    }

    public func simulate(_ batch: CalibrationBatch, points: [[Double]], targets wanted: [TargetsFile.Target]) throws(SweepError) -> [[Double]] {
        let dir = directory + "/" + batch.folder
        let designs = directory + "/designs"
        do { try FileManager.default.createDirectory(atPath: designs, withIntermediateDirectories: true) } catch {
            throw .io(path: designs, message: "cannot create the designs folder: \(error.localizedDescription)")
        }
        var csv = keys.joined(separator: ",") + "\n"
        for p in points {
            csv += zip(targets.parameters, p).map { $0.integer ? String(Int($1)) : "\($1)" }.joined(separator: ",") + "\n"
        }
        let designPath = designs + "/" + batch.folder + ".csv"
        let bytes = Array(csv.utf8)
        if let existing = FileManager.default.contents(atPath: designPath) {
            guard [UInt8](existing) == bytes else {
                throw .outputConflict(path: designPath, message: "holds other particles than this calibration proposes (another targets file or seed?); use a new --out")
            }
        } else {
            do { try Data(bytes).write(to: URL(fileURLWithPath: designPath), options: .atomic) } catch {
                throw .io(path: designPath, message: error.localizedDescription)
            }
        }
        let design = try DesignFile(path: designPath, bytes: bytes)
        var plan = try SweepPlan(world: world, worldPath: worldPath, axes: [], design: .file(design), replicates: targets.replicates,
                                 baseSeed: SplitMix64.derive(base: targets.seed, index: 1_000_000 + batch.streamIndex), ticks: ticks)
        plan.patterns = targets.patterns?.outcomes()
        plan.reducers = try reducers()
        plan.stopWhen = try stopRule()
        // Shards of this batch, all done: merged into one summary.csv, the bytes of an unsharded sweep.
        let shardsDone = Self.hasShards(dir) && (try? SweepMerge.merge(inputs: [dir], output: dir)) != nil
        if !shardsDone {
            let result = try SweepRunner.run(plan: plan, directory: dir, jobs: jobs, shard: shard, force: false, report: report)
            if result.interrupted { throw .paused(.interrupted, "interrupted in \(batch.folder) (\(dir)); the same command with --resume continues it") }
            if let shard {
                // One shard per task: the next task of the chain (or an unsharded --resume) goes on.
                let merged = (try? SweepMerge.merge(inputs: [dir], output: dir)) != nil
                let done = Self.shardFolders(dir).count
                throw .paused(.shardDone, "\(batch.folder): shard \(shard.index)/\(shard.count) done ("
                    + (merged ? "every shard done, merged into \(dir)/summary.csv" : "\(done) shard folder(s) so far")
                    + "); `nanocity calibrate … --out \(directory) --resume`, with or without --shard, goes on once every shard of \(batch.folder) is done")
            }
        }
        let results = try SweepResults(directory: dir)
        let columns = wanted.map { t in results.outcomes.firstIndex(of: t.outcome) }
        return results.points.map { point in
            columns.map { c in
                guard let c else { return .nan }
                let v = point.values(c)
                return v.isEmpty ? .nan : v.reduce(0, +) / Double(v.count)
            }
        }
    }
}

extension CitySimulator {
    static func shardFolders(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasPrefix("shard-") }
    }

    static func hasShards(_ dir: String) -> Bool { !shardFolders(dir).isEmpty }
}

/// A calibration against a `CalibrationTestProblem` (no city): for checking the method.
public struct TestProblemSimulator: CalibrationSimulator {
    public let problem: CalibrationTestProblem
    public let seed: UInt64
    public var keys: [String] { problem.keys }

    public init(problem: CalibrationTestProblem, seed: UInt64) {
        self.problem = problem
        self.seed = seed
    }

    public func simulate(_ batch: CalibrationBatch, points: [[Double]], targets: [TargetsFile.Target]) throws(SweepError) -> [[Double]] {
        points.enumerated().map { i, p in
            var rng = Xoshiro256StarStar(seed: SplitMix64.derive(base: SplitMix64.derive(base: seed, index: 2_000_000 + batch.streamIndex), index: UInt64(i)))
            return problem.simulate(p, &rng)
        }
    }
}

/// A calibration against a `MultiObjectiveTestProblem` (ZDT): each point's objectives.
public struct MultiObjectiveSimulator: CalibrationSimulator {
    public let problem: MultiObjectiveTestProblem
    public var keys: [String] { problem.keys }
    public init(problem: MultiObjectiveTestProblem) { self.problem = problem }
    public func simulate(_ batch: CalibrationBatch, points: [[Double]], targets: [TargetsFile.Target]) throws(SweepError) -> [[Double]] {
        points.map(problem.objectives)
    }
}

/// Runs a calibration generation by generation and writes what it found: `posterior.csv`
/// (every generation's kept particles; the last generation's are the posterior) and
/// `calibration.json` (the plan, and per generation ε, acceptance, effective sample size and
/// runs), both rewritten after each generation. Everything follows from the targets file's
/// seed, so a resumed calibration recomputes the generations already run from their files and
/// carries on with the same bytes.
public enum CalibrationRunner {

    public struct Outcome: Sendable {
        public var generations: [AdaptivePopulationMonteCarlo.Generation]
        public var stop: AdaptivePopulationMonteCarlo.Stop
        public var scales: [Double]
        public var runs: Int
    }

    public static func run(targets: TargetsFile, priors: [Prior], integer: [Bool], targetList: [TargetsFile.Target],
                           simulator: some CalibrationSimulator, directory: String, description: [(String, JSONValue)],
                           progress: (AdaptivePopulationMonteCarlo.Generation, Int) -> Void = { _, _ in }) throws(SweepError) -> Outcome {
        if targets.method == .nsga2 {
            return try runNSGA2(targets: targets, priors: priors, integer: integer, targetList: targetList, simulator: simulator,
                                directory: directory, description: description)
        }
        let abc = AdaptivePopulationMonteCarlo(priors: priors, settings: targets.settings, seed: targets.seed)
        var generations: [AdaptivePopulationMonteCarlo.Generation] = []
        var scales: [Double] = []
        var runs = 0
        var g = 0
        while true {
            var points: [[Double]]
            switch targets.method {
            case .abcSMC, .nsga2: points = abc.proposals(generation: g, after: generations.last)
            case .lhs:
                let design = LatinHypercubeDesign(samples: targets.settings.population, factors: priors.count,
                                                  seed: SplitMix64.derive(base: targets.seed, index: 0))
                points = (0..<design.samples).map { s in priors.indices.map { priors[$0].quantile(design.unit(factor: $0, sample: s)) } }
            }
            points = points.map { p in p.indices.map { i in integer[i] ? min(priors[i].high, max(priors[i].low, p[i].rounded())) : p[i] } }
            let outcomes = try simulator.simulate(.generation(g), points: points, targets: targetList)
            if g == 0 {
                try Self.checkDefined(targetList, outcomes)
                scales = Self.scales(targetList, outcomes)
            }
            let distances = outcomes.map { Self.distance($0, targetList, scales) }
            let gen = abc.update(generation: g, after: generations.last, proposed: points, distances: distances)
            generations.append(gen)
            runs += points.count
            let stop: AdaptivePopulationMonteCarlo.Stop? = targets.method == .lhs ? .generations : abc.stop(after: gen, runs: runs)
            var predictive: JSONValue? = nil
            if stop != nil && targets.predictive > 0 {
                predictive = try Self.predictiveCheck(targets: targets, last: gen, targetList: targetList, simulator: simulator,
                                                      directory: directory)
                runs += targets.predictive
            }
            try write(directory: directory, keys: simulator.keys, generations: generations, scales: scales, targets: targetList,
                      stop: stop, runs: runs, description: description, predictive: predictive)
            progress(gen, runs)
            if let stop { return Outcome(generations: generations, stop: stop, scales: scales, runs: runs) }
            g += 1
        }
    }

    /// The posterior predictive check: `targets.predictive` particles drawn from the posterior
    /// by weight (stream SplitMix64.derive(seed, 3·10⁶)), simulated as the `predictive` sweep;
    /// writes `predictive.csv` (draw, the particle drawn, its parameters, each target's outcome)
    /// and returns, per target, the observed value beside the predictive distribution.
    static func predictiveCheck(targets: TargetsFile, last: AdaptivePopulationMonteCarlo.Generation, targetList: [TargetsFile.Target],
                                simulator: some CalibrationSimulator, directory: String) throws(SweepError) -> JSONValue {
        var rng = Xoshiro256StarStar(seed: SplitMix64.derive(base: targets.seed, index: CalibrationBatch.predictive.streamIndex))
        let w = last.normalizedWeights
        var cumulative: [Double] = []
        var acc = 0.0
        for x in w { acc += x; cumulative.append(acc) }
        let drawn: [Int] = (0..<targets.predictive).map { _ in
            let u = rng.uniform() * acc
            return cumulative.firstIndex { $0 > u } ?? (cumulative.count - 1)
        }
        let points = drawn.map { last.kept[$0].theta }
        let outcomes = try simulator.simulate(.predictive, points: points, targets: targetList)
        var csv = "draw,particle," + simulator.keys.joined(separator: ",") + "," + targetList.map(\.outcome).joined(separator: ",") + "\n"
        for (i, (p, o)) in zip(drawn, outcomes).enumerated() {
            csv += "\(i),\(p)," + (last.kept[p].theta + o).map { CSVNumber.format($0) }.joined(separator: ",") + "\n"
        }
        let path = directory + "/predictive.csv"
        do { try Data(csv.utf8).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw .io(path: path, message: error.localizedDescription)
        }
        return .object([
            ("draws", .int(targets.predictive)), ("generation", .int(last.index)),
            ("what", .string("outcomes simulated at posterior draws (each with new seeds): the observed value's place in that distribution")),
            ("targets", .array(targetList.indices.map { k in
                let v = outcomes.map { $0[k] }.filter { $0.isFinite }.sorted()
                func q(_ p: Double) -> Double { v.isEmpty ? .nan : v[min(v.count - 1, Int((p * Double(v.count - 1)).rounded()))] }
                let below = v.filter { $0 < targetList[k].observed }.count
                return .object([("outcome", .string(targetList[k].outcome)), ("observed", .number(targetList[k].observed)),
                                ("mean", .number(v.isEmpty ? .nan : v.reduce(0, +) / Double(v.count))), ("q05", .number(q(0.05))),
                                ("q50", .number(q(0.5))), ("q95", .number(q(0.95))),
                                ("share_below_observed", .number(v.isEmpty ? .nan : Double(below) / Double(v.count))),
                                ("draws_with_outcome", .int(v.count))])
            })),
        ])
    }

    /// NSGA-II over the priors' bounds: objective k of a point is |sₖ − oₖ| / scaleₖ (scale as
    /// for the distance). Writes `pareto.csv` (each generation's first front) and
    /// `calibration.json` (per generation its runs, front size and, with two objectives, the
    /// hypervolume to 1.1 × generation 0's largest objectives).
    static func runNSGA2(targets: TargetsFile, priors: [Prior], integer: [Bool], targetList: [TargetsFile.Target],
                         simulator: some CalibrationSimulator, directory: String,
                         description: [(String, JSONValue)]) throws(SweepError) -> Outcome {
        let ga = NSGA2(low: priors.map(\.low), high: priors.map(\.high), population: targets.settings.population, seed: targets.seed)
        var survivors: [NSGA2.Individual] = []
        var scales: [Double] = []
        var reference: [Double] = []
        var runs = 0
        var fronts: [(generation: Int, members: [NSGA2.Individual], runs: Int, hypervolume: Double?)] = []
        for g in 0..<targets.settings.maxGenerations {
            if g > 0 && targets.settings.maxRuns > 0 && runs + ga.population > targets.settings.maxRuns { break }
            var points = g == 0 ? ga.initial() : ga.offspring(generation: g, parents: survivors)
            points = points.map { p in p.indices.map { i in integer[i] ? min(priors[i].high, max(priors[i].low, p[i].rounded())) : p[i] } }
            let outcomes = try simulator.simulate(.generation(g), points: points, targets: targetList)
            if g == 0 {
                try Self.checkDefined(targetList, outcomes)
                scales = Self.scales(targetList, outcomes)
            }
            let born = zip(points, outcomes).map { x, s in
                NSGA2.Individual(x: x, f: targetList.indices.map { k in abs(s[k] - targetList[k].observed) / scales[k] })
            }
            if g == 0 {
                reference = targetList.indices.map { k in 1.1 * (born.map { $0.f[k] }.filter { $0.isFinite }.max() ?? 1) }
            }
            survivors = ga.survivors(survivors + born)
            runs += points.count
            let first = NSGA2.fronts(survivors.map(\.f)).first ?? []
            let front = first.map { survivors[$0] }
            let hv = targetList.count == 2 ? NSGA2.hypervolume2D(front.map(\.f), reference: reference) : nil
            fronts.append((g, front, points.count, hv))
            var csv = "generation,member," + targetList.map { "objective_" + $0.outcome }.joined(separator: ",") + ","
                + simulator.keys.joined(separator: ",") + "\n"
            for f in fronts {
                for (i, m) in f.members.enumerated() {
                    csv += "\(f.generation),\(i)," + (m.f + m.x).map { CSVNumber.format($0) }.joined(separator: ",") + "\n"
                }
            }
            let done = g + 1 >= targets.settings.maxGenerations
                || (targets.settings.maxRuns > 0 && runs + ga.population > targets.settings.maxRuns)
            let gens: [JSONValue] = fronts.map { f in
                .object([("generation", .int(f.generation)), ("runs", .int(f.runs)), ("front_size", .int(f.members.count)),
                         ("hypervolume", f.hypervolume.map { .number($0) } ?? .null)])
            }
            let json = JSONValue.object([("program", .string("nanocity")), ("version", .string(NanoCityVersion.string))] + description + [
                ("objectives", .array(zip(targetList, scales).map { t, s in
                    .object([("outcome", .string(t.outcome)), ("observed", .number(t.observed)), ("scale", .number(s)),
                             ("objective", .string("|simulated - observed| / scale, minimised"))])
                })),
                ("hypervolume_reference", targetList.count == 2 ? .array(reference.map { .number($0) }) : .null),
                ("status", .string(done ? "complete" : "running")), ("runs", .int(runs)), ("generations", .array(gens)),
            ])
            for (name, text) in [("pareto.csv", csv), ("calibration.json", json.rendered(indent: 0) + "\n")] {
                let path = directory + "/" + name
                do { try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
                    throw .io(path: path, message: error.localizedDescription)
                }
            }
            if done { break }
        }
        return Outcome(generations: [], stop: .generations, scales: scales, runs: runs)
    }

    /// Refuses a calibration in which a target was undefined (an empty cell) in every run of
    /// generation 0: every distance would be undefined and the "posterior" the prior's draws.
    static func checkDefined(_ targets: [TargetsFile.Target], _ outcomes: [[Double]]) throws(SweepError) {
        for (k, t) in targets.enumerated() where !outcomes.isEmpty && outcomes.allSatisfy({ !$0[k].isFinite }) {
            throw .results("target '\(t.outcome)' is undefined in every one of generation 0's \(outcomes.count) simulations "
                + "(a first passage never reached, a window after a stop, a pattern statistic of too few crimes?): no distance can be computed; "
                + "change the target, ticks, stop_when or reduce, and use a new --out")
        }
    }

    /// Per target, the scale its differences are divided by: a fixed number, or the median
    /// absolute deviation of generation 0's outcomes (1 when that is 0 or undefined).
    static func scales(_ targets: [TargetsFile.Target], _ outcomes: [[Double]]) -> [Double] {
        targets.indices.map { k in
            switch targets[k].scale {
            case .fixed(let s): return s
            case .mad:
                let v = outcomes.map { $0[k] }.filter { $0.isFinite }.sorted()
                guard !v.isEmpty else { return 1 }
                let med = median(v)
                let mad = median(v.map { abs($0 - med) }.sorted())
                return mad > 0 ? mad : 1
            }
        }
    }

    static func median(_ sorted: [Double]) -> Double {
        let n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2])
    }

    /// √(Σ weight · ((simulated − observed) / scale)²); NaN when an outcome is missing.
    public static func distance(_ s: [Double], _ targets: [TargetsFile.Target], _ scales: [Double]) -> Double {
        var sum = 0.0
        for k in targets.indices {
            let z = (s[k] - targets[k].observed) / scales[k]
            sum += targets[k].weight * z * z
        }
        return sum.squareRoot()
    }

    static func write(directory: String, keys: [String], generations: [AdaptivePopulationMonteCarlo.Generation], scales: [Double],
                      targets: [TargetsFile.Target], stop: AdaptivePopulationMonteCarlo.Stop?, runs: Int,
                      description: [(String, JSONValue)], predictive: JSONValue?) throws(SweepError) {
        var csv = "generation,particle,weight,distance," + keys.joined(separator: ",") + "\n"
        for gen in generations {
            for (i, (p, w)) in zip(gen.kept, gen.normalizedWeights).enumerated() {
                csv += "\(gen.index),\(i),\(CSVNumber.format(w)),\(CSVNumber.format(p.distance)),"
                    + p.theta.map { CSVNumber.format($0) }.joined(separator: ",") + "\n"
            }
        }
        let gens: [JSONValue] = generations.map { g in
            .object([("generation", .int(g.index)), ("runs", .int(g.runs)), ("epsilon", .number(g.epsilon)),
                     ("acceptance", g.acceptance.map { .number($0) } ?? .null),
                     ("effective_sample_size", .number(g.effectiveSampleSize)), ("kept", .int(g.kept.count))])
        }
        let json = JSONValue.object([("program", .string("nanocity")), ("version", .string(NanoCityVersion.string))] + description + [
            ("targets", .array(zip(targets, scales).map { t, s in
                .object([("outcome", .string(t.outcome)), ("observed", .number(t.observed)),
                         ("observed_from", .string(t.observedFile ?? "targets file")), ("weight", .number(t.weight)),
                         ("scale", .number(s)), ("scale_from", .string(t.scale == .mad ? "mad of generation 0" : "targets file"))])
            })),
            ("distance", .string("sqrt(sum of weight * ((simulated - observed) / scale)^2), simulated = the mean over replicates")),
            ("status", .string(stop == nil ? "running" : "complete")), ("stopped_because", stop.map { .string($0.rawValue) } ?? .null),
            ("runs", .int(runs)), ("generations", .array(gens)),
            ("posterior", .string("posterior.csv rows of generation \(generations.last?.index ?? 0); weights normalised per generation")),
            ("predictive_check", predictive ?? .null),
        ])
        for (name, text) in [("posterior.csv", csv), ("calibration.json", json.rendered(indent: 0) + "\n")] {
            let path = directory + "/" + name
            do { try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
                throw .io(path: path, message: error.localizedDescription)
            }
        }
    }
}
