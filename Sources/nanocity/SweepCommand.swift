import ArgumentParser
import Foundation
import NanoCityIO
import NanoCityModel
import NanoCityPatterns
import NanoCityAnalysis
import NanoCityExperiments
import Synchronization

struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a parameter sweep in parallel; writes sweep.json, summary.csv (one row per run) and timing.csv.",
        discussion: """
            Values: --vary key=v1,v2,… (list), key=low:high:step (inclusive range), key=low:high \
            (range sampled by --lhs N). Points are the cartesian product of the lists (times the \
            Latin-hypercube samples); every point runs --replicates times. Run i has seed \
            splitmix64_mix(base + (i+1)·0x9E3779B97F4A7C15) (--seeds per-run) so results never \
            depend on --jobs, shards or completion order.

            Re-running the same command on the same --out resumes: complete runs are kept, the \
            rest are redone. --shard I/N runs only runs with index ≡ I (mod N) into DIR/shard-I-of-N; \
            `nanocity merge DIR` joins the shards.
            """
    )

    @Argument(help: "World file (default: the sweep file's world, else the embedded default world).")
    var world: String?

    @Option(name: .customLong("plan"), help: "Sweep file (TOML); flags given here override it.")
    var planFile: String?

    @Option(name: .customLong("vary"), help: ArgumentHelp("A varied parameter (repeatable).", valueName: "key=spec"))
    var vary: [String] = []

    @OptionGroup var overrides: OverrideOptions

    @Option(parsing: .unconditional, help: "Runs per point (default 1).")
    var replicates: Int?

    @Option(parsing: .unconditional, help: "Ticks per run (default: the world's run.ticks).")
    var ticks: Int?

    @Option(parsing: .unconditional, help: "Base seed (default: the world's run.seed).")
    var seed: UInt64?

    @Option(help: "Seed rule: per-run (default) or per-replicate (common random numbers across points).")
    var seeds: SweepPlan.SeedRule?

    @Option(parsing: .unconditional, help: "Latin-hypercube samples for ranges given without a step.")
    var lhs: Int?

    @Option(help: "Design over the ranges (key=low:high): sobol (Saltelli, N·(k+2) points) or morris (R·(k+1) points).")
    var design: DesignKind?

    @Option(parsing: .unconditional, help: "--design sobol: base samples N (a power of 2 is best).")
    var samples: Int?

    @Option(parsing: .unconditional, help: "--design morris: trajectories R.")
    var trajectories: Int?

    @Option(parsing: .unconditional, help: "--design morris: grid levels L (even; default 4).")
    var levels: Int?

    @Option(help: "A design file: CSV, header = parameter keys, one row per point (SALib, pyDOE).")
    var designFile: String?

    @Option(parsing: .unconditional, help: "Add replicates in batches until every point's 95% CI half-width is within this share of |mean| (e.g. 0.05).")
    var untilPrecision: Double?

    @Option(name: .customLong("on-difference"), help: ArgumentHelp("With --until-precision: make each point's difference from this baseline point precise (paired CI half-width within the share of |difference|), not each mean.", valueName: "key=value"))
    var onDifference: String?

    @Option(parsing: .unconditional, help: "With --on-difference: an absolute CI half-width that also counts as precise (for effects near zero).")
    var tolerance: Double?

    @Option(parsing: .unconditional, help: "With --until-precision: the most replicates per point (default 200).")
    var maxReplicates: Int?

    @Option(parsing: .unconditional, help: "With --until-precision: replicates added per batch (default: --replicates).")
    var batch: Int?

    @Option(name: .customLong("reduce"), help: ArgumentHelp("More summary.csv columns from a metric's series: METRIC:max, :min, :argmax, :argmin, :mean@A:B (ticks A…B), :first>X (also >=, <, <=; the first tick, and whether it was reached); METRIC may be <counter>_total, the running total (repeatable; docs/experiments.md#reducers).", valueName: "METRIC:REDUCER"))
    var reduce: [String] = []

    @Option(name: .customLong("stop-when"), parsing: .unconditional, help: ArgumentHelp("End each run, complete, after the first tick at whose end this holds (its tick in a stopped_at_tick column), e.g. \"heist_losses_total > 500\" (docs/experiments.md#stop-conditions).", valueName: "EXPR"))
    var stopWhen: String?

    @Option(name: .customLong("run-timeout"), parsing: .unconditional, help: ArgumentHelp("Stop a run still going after this many wall seconds, with status timeout (counted, listed, its outcomes empty; the sweep is then no longer guaranteed identical across job counts).", valueName: "seconds"))
    var runTimeout: Double?

    @Option(name: .customLong("outcome"), help: "With --until-precision: a summary.csv column that must be precise; with --fork-at: a column to print (repeatable).")
    var outcomes: [String] = []

    @Option(parsing: .unconditional, help: "Policy fork: run each replicate to tick T once, then every arm of --arms from that same state.")
    var forkAt: Int?

    @Option(help: "With --fork-at: the arms file (TOML, [[arm]] tables with name and set; the first is the baseline).")
    var arms: String?

    @Option(help: "With --fork-at: a calibration's posterior.csv; replicate r runs at a draw from its last generation (by weight), so the effects' intervals carry parameter uncertainty. Needs --draws.")
    var posterior: String?

    @Option(parsing: .unconditional, help: "With --posterior: how many posterior draws (one replicate each; 2…10000).")
    var draws: Int?

    @Option(help: "With --fork-at: the ticks outcomes summarise: post-fork (T+1…end, the default: the burn-in is the same in every arm) or whole (1…end).")
    var window: OutcomeWindow?

    @Option(parsing: .unconditional, help: "Parallel runs (default: every core this process may use: its CPU affinity, as Slurm and taskset set it).")
    var jobs: Int?

    @Option(help: "Output directory (default: a new output/<world name>-sweep-NNN). Re-running on it resumes; --resume without --out finds the newest unfinished folder of the same plan.")
    var out: String?

    @Option(help: "What each run keeps: summary (default) or runs (runs/NNNNNN/ with metrics, events, manifest).")
    var keep: SweepPlan.Keep?

    @Option(parsing: .unconditional, help: "With --keep runs: a frame every K ticks in each run (0 = none).")
    var frameEvery: Int?

    @Option(parsing: .unconditional, help: "Run only the runs with index ≡ I (mod N), into DIR/shard-I-of-N.")
    var shard: String?

    @Flag(help: "Resume: DIR must already hold this sweep (re-running without it also resumes).")
    var resume = false

    @Flag(help: "Discard a different sweep (or other files) in DIR.")
    var force = false

    @Option(help: "Progress: bar (stderr, when a terminal), json (one line per finished run on stdout), none.")
    var progress: ProgressMode = .bar

    @Flag(help: "Nothing on stderr but errors.")
    var quiet = false

    @Flag(help: "Crime-pattern outcomes (Knox ratios, concentration, Gi*, Moran's I, wavelength, persistence) as summary.csv columns after the metric ones, from each run's events kept in memory (docs/patterns.md).")
    var patterns = false
    @Option(name: .customLong("pattern-kinds"), help: ArgumentHelp("With --patterns: event kinds (default theft,dump,burglary).", valueName: "kinds"))
    var patternKinds: String?
    @Option(name: .customLong("pattern-from-tick"), parsing: .unconditional, help: "With --patterns: first tick counted (default 0).")
    var patternFromTick: Int?
    @Option(name: .customLong("pattern-space-bands"), help: ArgumentHelp("With --patterns: Knox space bands (default 100:3).", valueName: "METRES:COUNT"))
    var patternSpaceBands: String?
    @Option(name: .customLong("pattern-time-bands"), help: ArgumentHelp("With --patterns: Knox time bands (default 7:4).", valueName: "DAYS:COUNT"))
    var patternTimeBands: String?
    @Option(name: .customLong("pattern-permutations"), parsing: .unconditional, help: "With --patterns: Gi* and Moran's I permutations per run (default 0: analytic p-values).")
    var patternPermutations: Int?

    /// The reducer specs of the sweep file, then of `--reduce`, each named by where it came from.
    func reducerSpecs(_ file: SweepFile) -> [(text: String, origin: String)] {
        file.reduce.map { ($0, "\(planFile ?? "the sweep file"): reduce") } + reduce.map { ($0, "--reduce") }
    }

    /// The pattern outcomes the flags ask for, checked before any run.
    func patternOutcomes(_ file: SweepFile, ticks: Int, world: World) throws(SweepError) -> PatternOutcomes? {
        let fromFile = file.patterns
        guard patterns || fromFile != nil else {
            if patternKinds != nil || patternFromTick != nil || patternSpaceBands != nil || patternTimeBands != nil || patternPermutations != nil {
                throw .badPlan("the --pattern-* options go with --patterns")
            }
            return nil
        }
        var kinds: [EventKind] = []
        for k in (patternKinds ?? fromFile?.kinds?.joined(separator: ",") ?? RunIncidents.defaultKinds.joined(separator: ",")).split(separator: ",") {
            guard let e = EventKind(rawValue: k.trimmingCharacters(in: .whitespaces)), e.hasPlace else {
                throw .badPlan("--pattern-kinds: \(k) is not an event kind with a place; kinds: " + RunIncidents.placedKinds.joined(separator: ", "))
            }
            kinds.append(e)
        }
        guard !kinds.isEmpty else { throw .badPlan("--pattern-kinds names no event kind; kinds: " + RunIncidents.placedKinds.joined(separator: ", ")) }
        let space: (Double, Int), time: (Double, Int)
        do {
            space = try PatternsCommand.axis(patternSpaceBands ?? fromFile?.spaceBands ?? "100:3", flag: "--pattern-space-bands", unit: "metres")
            time = try PatternsCommand.axis(patternTimeBands ?? fromFile?.timeBands ?? "7:4", flag: "--pattern-time-bands", unit: "days")
        } catch { throw .badPlan("\(error)") }
        let permutations = patternPermutations ?? fromFile?.permutations ?? 0
        guard (0...100_000).contains(permutations) else { throw .badPlan("--pattern-permutations must be 0…100000, got \(permutations)") }
        let from = patternFromTick ?? fromFile?.fromTick ?? 0
        guard from >= 0, from <= ticks else { throw .badPlan("--pattern-from-tick must be 0…\(ticks) (the run's ticks), got \(from)") }
        // The permutations' work per run, bounded as `nanocity patterns` bounds it (a procedural
        // map's size is known before any run; a map file's is checked per run).
        let cells = Double(world.parameters.map.width) * Double(world.parameters.map.height)
        if world.parameters.map.kind == .procedural, Double(permutations) * cells * 9 > Double(CrimePatterns.maxPermutationWork) {
            throw .badPlan("--pattern-permutations \(permutations) over \(Int(cells)) cells is more than \(CrimePatterns.maxPermutationWork) draws per run; "
                + "use at most \(Int(Double(CrimePatterns.maxPermutationWork) / (cells * 9))), or 0 (analytic p-values)")
        }
        var options = CrimePatterns.Options(bands: KnoxBands(space: KnoxAxis(width: space.0, count: space.1, convention: .labelled),
                                                             time: KnoxAxis(width: time.0, count: time.1, convention: .labelled)))
        options.permutations = permutations
        return PatternOutcomes(kinds: kinds, fromTick: from, toTick: nil, options: options)
    }

    @Flag(help: "Check the sweep and print a summary of its plan with an estimated run time (from one short calibration run); run nothing, write nothing.")
    var dryRun = false

    @Flag(help: "With --dry-run: print the full plan (as sweep.json will hold it) instead of the summary.")
    var json = false

    func run() throws {
        do {
            try runSweep()
        } catch let e as SweepError {
            printError("error: \(e)")
            throw e.exitCode
        }
    }

    /// The design from the flags, else the sweep file; at most one kind.
    func chosenDesign(_ file: SweepFile) throws(SweepError) -> SweepDesign {
        let kind = design ?? file.design
        let path = designFile ?? file.designFile
        let lhsCount = lhs ?? file.lhs ?? 0
        guard lhsCount >= 0 else { throw SweepError.badPlan("--lhs must be ≥ 0 (Latin-hypercube samples; 0 = none), got \(lhsCount)") }
        let chosen = [kind.map { "--design \($0.rawValue)" }, path.map { _ in "--design-file" }, lhsCount > 0 ? "--lhs" : nil].compactMap { $0 }
        guard chosen.count <= 1 else { throw .badPlan("choose one design: \(chosen.joined(separator: " or "))") }
        if kind != .sobol, samples ?? file.samples != nil { throw .badPlan("--samples goes with --design sobol") }
        if kind != .morris, (trajectories ?? file.trajectories) != nil || (levels ?? file.levels) != nil {
            throw .badPlan("--trajectories and --levels go with --design morris")
        }
        switch kind {
        case .sobol:
            guard let n = samples ?? file.samples else { throw .badPlan("--design sobol needs --samples N (base samples; N·(k+2) points)") }
            return .sobol(samples: n)
        case .morris:
            guard let r = trajectories ?? file.trajectories else { throw .badPlan("--design morris needs --trajectories R") }
            return .morris(trajectories: r, levels: levels ?? file.levels ?? 4)
        case nil:
            if let path { return .file(try DesignFile(path: path)) }
            return lhsCount > 0 ? .latinHypercube(samples: lhsCount) : .grid
        }
    }

    func precisionTarget(_ file: SweepFile, firstBatch: Int, columns: OutcomeColumns) throws(SweepError) -> PrecisionTarget? {
        guard let p = untilPrecision ?? file.untilPrecision else {
            if maxReplicates != nil || batch != nil || onDifference != nil || tolerance != nil || (!outcomes.isEmpty && forkAt == nil) {
                throw .badPlan("--max-replicates, --batch, --on-difference, --tolerance and --outcome go with --until-precision (--outcome also with --fork-at)")
            }
            return nil
        }
        return try PrecisionTarget(relative: p, outcomes: outcomes.isEmpty ? file.outcomes : outcomes,
                                   maxReplicates: maxReplicates ?? file.maxReplicates ?? 200,
                                   batch: batch ?? file.batch ?? firstBatch,
                                   difference: onDifference ?? file.onDifference, tolerance: tolerance ?? file.tolerance,
                                   columns: columns)
    }

    /// A sweep plan, or with --fork-at a fork plan.
    func makeExperiment(file: SweepFile, world w: World, worldPath: String?, axes: [SweepAxis], seedRule: SweepPlan.SeedRule,
                        keep: SweepPlan.Keep) throws(SweepError) -> Experiment {
        let baseSeed = seed ?? file.seed ?? UInt64(w.parameters.run.seed)
        let tickCount = ticks ?? file.ticks ?? w.parameters.run.ticks
        if let forkAt {
            guard let arms else { throw .badPlan("--fork-at needs --arms FILE (the policies to branch into)") }
            let other = [axes.isEmpty ? nil : "--vary", design != nil || designFile != nil || (lhs ?? 0) > 0 ? "a design" : nil,
                         untilPrecision != nil ? "--until-precision" : nil, seeds != nil ? "--seeds" : nil,
                         keep == .runs ? "--keep runs" : nil].compactMap { $0 }
            guard other.isEmpty else {
                throw .badPlan("--fork-at branches the arms of --arms from one state; it does not take \(other.joined(separator: ", "))")
            }
            if runTimeout != nil { throw .badPlan("--run-timeout is not built for forks yet; use it on a plain sweep") }
            if stopWhen != nil || file.stopWhen != nil {
                throw .badPlan("--stop-when is not built for forks yet (every arm would need its own stop); use it on a plain sweep")
            }
            let forkReducers = try OutcomeReducer.parse(reducerSpecs(file), columns: OutcomeColumns(world: w.parameters), ticks: tickCount)
            if !forkReducers.isEmpty {
                if window == .whole { throw .badPlan("--reduce on a fork covers each arm's ticks after the fork: leave out --window whole") }
                for r in forkReducers {
                    if case .windowMean(let a, _) = r.kind, a <= forkAt {
                        throw .badPlan("--reduce \(r.spec): on a fork the window must start after the fork (tick > \(forkAt))")
                    }
                }
            }
            if patterns && window == .whole {
                throw .badPlan("--patterns on a fork counts the crimes after the fork (--window post-fork): the burn-in is the same in every arm")
            }
            // Before any run: an outcome the table cannot show must not end in an empty table.
            try RunOutcome.check(outcomes: outcomes, columns: OutcomeColumns(world: w.parameters))
            if (posterior == nil) != (draws == nil) { throw .badPlan("--posterior FILE and --draws K go together") }
            if let draws, let r = replicates ?? file.replicates, r != draws {
                throw .badPlan("--draws \(draws) runs one replicate per draw; leave out --replicates (got \(r))")
            }
            var drawn: PosteriorDraws?
            if let posterior, let draws { drawn = try PosteriorDraws(path: posterior, draws: draws, seed: baseSeed) }
            var fork = try ForkPlan(world: w, worldPath: worldPath, arms: try ArmsFile(path: arms), forkAt: forkAt, ticks: tickCount,
                                    replicates: draws ?? replicates ?? file.replicates ?? 10, baseSeed: baseSeed,
                                    window: window ?? .postFork)
            if let drawn { try fork.use(drawn) }
            fork.reducers = forkReducers
            if var p = try patternOutcomes(file, ticks: tickCount, world: w) {
                p.fromTick = max(p.fromTick, forkAt + 1)
                fork.patterns = p
            }
            return .fork(fork)
        }
        if arms != nil || posterior != nil || draws != nil { throw .badPlan("--arms, --posterior and --draws go with --fork-at T") }
        if window != nil { throw .badPlan("--window goes with --fork-at T (a plain sweep's outcomes cover its whole run)") }
        let firstBatch = replicates ?? file.replicates ?? ((untilPrecision ?? file.untilPrecision) != nil ? 5 : 1)
        var plan = try SweepPlan(world: w, worldPath: worldPath, axes: axes, design: try chosenDesign(file),
                                 replicates: firstBatch, baseSeed: baseSeed, ticks: tickCount, seedRule: seedRule, keep: keep,
                                 frameEvery: frameEvery ?? file.frameEvery ?? 0,
                                 precision: try precisionTarget(file, firstBatch: firstBatch, columns: OutcomeColumns(world: w.parameters)))
        plan.patterns = try patternOutcomes(file, ticks: tickCount, world: w)
        plan.reducers = try OutcomeReducer.parse(reducerSpecs(file), columns: OutcomeColumns(world: w.parameters), ticks: tickCount)
        if let runTimeout {
            guard runTimeout.isFinite, runTimeout >= 0.001, runTimeout <= 1e7 else {
                throw .badPlan("--run-timeout must be 0.001…10000000 seconds, got \(runTimeout)")
            }
            plan.runTimeout = runTimeout
        }
        if let text = stopWhen ?? file.stopWhen {
            let origin = stopWhen != nil ? "--stop-when" : "\(planFile ?? "the sweep file"): stop_when"
            do throws(StopRule.ParseError) { plan.stopWhen = try StopRule(text, columns: OutcomeColumns(world: w.parameters), origin: origin) } catch {
                throw .badPlan(error.description)
            }
        }
        if !plan.reducers.isEmpty, plan.precision != nil {
            throw .badPlan("--reduce and --until-precision: not together yet (the precision rule reads the metric columns only)")
        }
        return .sweep(plan)
    }

    func runSweep() throws {
        let file = try planFile.map { p throws(SweepError) in try SweepFile.load(path: p) } ?? SweepFile()
        let worldPath = world ?? file.world
        let w = try loadWorld(path: worldPath, overrides: file.set + overrides.assignments)
        // A key varied on the command line replaces the sweep file's axis for it.
        let cliKeys = Set(vary.map { String($0.prefix { $0 != "=" }) })
        let specs = file.vary.filter { !cliKeys.contains(String($0.prefix { $0 != "=" })) } + vary
        var axes: [SweepAxis] = []
        for s in specs { axes.append(try SweepAxis.parse(s)) }
        let seedRule = seeds ?? file.seeds ?? .perRun
        let keepMode = keep ?? file.keep ?? ((frameEvery ?? file.frameEvery ?? 0) > 0 ? .runs : .summary)
        let jobCount = jobs ?? file.jobs ?? AvailableCores.count
        guard jobCount >= 1 && jobCount <= 1024 else {
            throw SweepError.badPlan("--jobs must be 1…1024 (this process may use \(AvailableCores.count) cores), got \(jobCount)")
        }
        let shardSel = try shard.map { s throws(SweepError) in try Shard.parse(s) }
        if json && !dryRun { throw SweepError.badPlan("--json goes with --dry-run (progress as JSON lines is --progress json)") }
        let experiment = try makeExperiment(file: file, world: w, worldPath: worldPath, axes: axes, seedRule: seedRule, keep: keepMode)
        if !quiet {
            let setKeys = (file.set + overrides.assignments).map { String($0.prefix { $0 != "=" }) }
            for n in experiment.leverNotes(setKeys: setKeys) { printError(n) }
        }
        if dryRun {
            if json {
                print(experiment.json.rendered())
                printError(experiment.describe(shard: shardSel) + "; nothing was run")
            } else {
                print(experiment.summary(shard: shardSel, jobs: jobCount, out: out ?? "a new output/\(w.parameters.name)-sweep-NNN"))
            }
            return
        }
        let dir: String
        if let out {
            dir = out
        } else if resume {
            dir = try Self.newestUnfinished(root: "output", name: w.parameters.name + "-sweep", planText: experiment.json.rendered() + "\n",
                                            shard: shardSel)
            printError("resuming \(dir)")
        } else {
            // Numbered like runs: a second sweep never collides with the first.
            do throws(OutputError) { dir = try OutputDirectory.fresh(root: "output", name: w.parameters.name + "-sweep") } catch {
                throw SweepError.io(path: error.path, message: error.message)
            }
        }
        if resume {
            let planPath = (shardSel.map { dir + "/" + $0.folder } ?? dir) + "/sweep.json"
            guard FileManager.default.fileExists(atPath: planPath) else {
                throw SweepError.outputConflict(path: dir, message: "--resume: there is no sweep here to resume (no \(planPath))")
            }
        }
        RunInterrupt.install()
        let reporter = SweepProgress(json: progress == .json, bar: progress == .bar && !quiet && isatty(2) != 0)
        let result = try experiment.run(directory: dir, jobs: jobCount, shard: shardSel, force: force, report: reporter.report)
        try finish(result, experiment: experiment, shard: shardSel, json: reporter.json, bar: reporter.bar)
    }

    /// `--resume` without `--out`: the highest-numbered `root/name-NNN` (or the unnumbered
    /// `root/name` of older versions) that holds this very plan and has not finished.
    static func newestUnfinished(root: String, name: String, planText: String, shard: Shard?) throws(SweepError) -> String {
        let items = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        let numbered = items.compactMap { e -> (Int, String)? in
            if e == name { return (0, e) }
            guard e.hasPrefix(name + "-"), let n = Int(e.dropFirst(name.count + 1)) else { return nil }
            return (n, e)
        }.sorted { $0.0 > $1.0 }
        var samePlan = 0
        for (_, e) in numbered {
            let d = root + "/" + e, inner = shard.map { d + "/" + $0.folder } ?? d
            guard let text = FileManager.default.contents(atPath: inner + "/sweep.json"), String(decoding: text, as: UTF8.self) == planText else { continue }
            samePlan += 1
            // Finished sweeps end with points.csv (forks with arms.csv too); shards never write it.
            let done = shard == nil && FileManager.default.fileExists(atPath: d + "/points.csv")
            if !done { return d }
        }
        throw .outputConflict(path: root, message: "--resume: no unfinished sweep of this plan under \(root)/\(name)-NNN"
            + (samePlan > 0 ? " (\(samePlan) finished)" : "") + "; give its folder with --out, or start it without --resume")
    }

    /// What a sweep prints when it ends (the fork's comparison table, the summary line), and its
    /// exit status: interrupted and failed runs are errors a script can see.
    func finish(_ result: SweepResult, experiment: Experiment, shard: Shard?, json: Bool, bar: Bool) throws {
        if bar { FileHandle.standardError.write("\n".data(using: .utf8)!) }
        let summary = result.directory + "/summary.csv"
        if json {
            print("{\"event\":\"end\",\"summary\":\"\(summary)\",\"total\":\(result.total),\"resumed\":\(result.alreadyDone),"
                + "\"ran\":\(result.ran),\"failed\":\(result.failed),\"timed_out\":\(result.timedOut.count),\"interrupted\":\(result.interrupted)}")
        } else if !result.interrupted {
            print(summary)
        }
        // A finished fork answers its question at once: the arms against the baseline.
        if case .fork(let plan) = experiment, shard == nil, !result.interrupted, result.failed == 0, !json {
            let results = try SweepResults(directory: result.directory)
            let comparison = try PolicyComparison(results, baseline: "arm=" + plan.arms.arms[0].name)
            let shown = outcomes.isEmpty ? MetricCatalog.headlineOutcomes.filter(results.outcomes.contains) : outcomes
            print(ComparisonTable.render(comparison, outcomes: shown, results: results))
            if let d = plan.draws {
                print("Under the posterior: replicate r ran at posterior draw r (\(d.values.count) draws by weight from generation \(d.generation) of \(d.path)),"
                    + " so each interval above spans run-to-run noise and parameter uncertainty together;"
                    + " the same fork without --posterior gives the fixed-parameter answer.")
            }
            let displacement = DisplacementAccounting(results, baseline: plan.arms.arms[0].name)
            if !displacement.rows.isEmpty { print(DisplacementTable.render(displacement)) }
            fflush(nil)  // the table before the summary line on stderr
        }
        if case .sweep(let plan) = experiment, let target = plan.precision, shard == nil, !result.interrupted, !quiet, !json {
            printError(try PrecisionTable.render(target, results: try SweepResults(directory: result.directory)))
        }
        let complete = result.alreadyDone + result.ran - result.failed
        if !quiet && !json && !result.interrupted {
            let before = result.alreadyDone > 0 ? " (\(result.alreadyDone) from before)" : ""
            let unit = { if case .fork = experiment { return "replicates" } else { return "runs" } }()
            printError("\(complete) of \(result.total) \(unit) complete\(before) → \(summary)")
        }
        if result.interrupted {
            printError("interrupted: \(complete) of \(result.total) runs complete. Resume with the same command"
                + " (or add --resume); complete runs are kept.")
            throw ExitCodes.interrupted
        }
        if !result.timedOut.isEmpty, case .sweep(let plan) = experiment, let limit = plan.runTimeout {
            let n = result.timedOut.count
            printError("error: \(n) run(s) timed out after --run-timeout \(CSVNumber.format(limit)) s (run \(result.timedOut.prefix(20).map(String.init).joined(separator: ", "))"
                + (n > 20 ? ", …" : "") + "): status \"timeout at tick …\" in \(summary), their outcomes left empty. Which runs finish in time "
                + "depends on the machine and its load, so this sweep is no longer guaranteed identical across job counts, shards or machines. "
                + "Re-run the command with a larger --run-timeout, or none, to redo them.")
        }
        if result.failed > result.timedOut.count {
            printError("error: \(result.failed - result.timedOut.count) run(s) failed; see the status column of \(summary). Re-run the command to redo them.")
        }
        if result.failed > 0 { throw ExitCodes.runFailed }
    }
}

extension DesignKind: ExpressibleByArgument {}
extension OutcomeWindow: ExpressibleByArgument {}

extension SweepPlan.SeedRule: ExpressibleByArgument {}
extension SweepPlan.Keep: ExpressibleByArgument {}
