import ArgumentParser
import Foundation
import NanoCityAnalysis
import NanoCityEngine
import NanoCityExperiments
import NanoCityIO
import NanoCityModel
import NanoCityStats

struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Fit parameters to observed values: ABC by adaptive population Monte Carlo, or Latin-hypercube rejection.",
        discussion: """
            The targets file names the method and its budget, the parameters with their priors, and the \
            observed outcomes (summary.csv columns of a sweep, e.g. thefts_total). Every generation is a \
            sweep in --out/gen-NNN (--out/designs/gen-NNN.csv holds its particles), run on --jobs cores; the same \
            command with --resume continues after a kill. Writes posterior.csv (generation, particle, \
            weight, distance, then one column per parameter; the last generation is the posterior) and \
            calibration.json (per generation: epsilon, acceptance rate, effective sample size, runs). \
            The results are the same bytes for any --jobs and after a resume. \
            --problem runs the method on a test problem with a known posterior instead of a city.
            """
    )

    @Argument(help: "World file (TOML). Omit to use the embedded default world.")
    var world: String?

    @Option(help: "The targets file (TOML): method, parameters with priors, targets with observed values.")
    var targets: String

    @Option(help: "Output directory (default: a new output/<name>-calibrate-NNN).")
    var out: String?

    @Flag(help: "Continue the calibration in --out (after a kill or a requeue).")
    var resume = false

    @Option(parsing: .unconditional, help: "Runs at once (default: every core this process may use).")
    var jobs: Int?

    @Option(help: ArgumentHelp("Run only shard I of N of the first generation not yet complete, then stop (a Slurm array task; implies --resume; examples/calibrate-chain.sh submits one array job per generation).", valueName: "I/N"))
    var shard: String?

    @Option(help: ArgumentHelp("Instead of a city, a test problem: gaussian-mean or gaussian-2d (closed-form posteriors, for abc-smc and lhs), zdt1 or zdt2 (known Pareto fronts, for nsga2)."))
    var problem: String?

    @OptionGroup var overrides: OverrideOptions

    @Flag(help: "No progress lines on stderr.")
    var quiet = false

    func validate() throws {
        if let jobs, !(1...1024).contains(jobs) { throw ValidationError("--jobs must be 1…1024, got \(jobs)") }
        if let problem, CalibrationTestProblem(rawValue: problem) == nil && MultiObjectiveTestProblem(rawValue: problem) == nil {
            let names = CalibrationTestProblem.allCases.map(\.rawValue) + MultiObjectiveTestProblem.allCases.map(\.rawValue)
            throw ValidationError("--problem must be one of " + names.joined(separator: ", ") + ", got \(problem)")
        }
        if problem != nil && (world != nil || !overrides.assignments.isEmpty) { throw ValidationError("--problem needs no world and no --set") }
        if resume && out == nil { throw ValidationError("--resume needs --out DIR, the calibration to continue") }
        if shard != nil && out == nil { throw ValidationError("--shard needs --out DIR, the folder every task shares") }
        if shard != nil && problem != nil { throw ValidationError("--shard is for a city's generations; a test problem runs in one process") }
    }

    func run() throws {
        do throws(SweepError) { try calibrate() } catch {
            switch error {
            case .paused(.shardDone, let m):
                if !quiet { printError(m) }
                return
            case .paused(.interrupted, let m):
                printError("error: \(m)")
                throw ExitCodes.interrupted
            default:
                printError("error: \(error)")
                throw error.exitCode
            }
        }
    }

    func calibrate() throws(SweepError) {
        let test = problem.flatMap(CalibrationTestProblem.init(rawValue:))
        let zdt = problem.flatMap(MultiObjectiveTestProblem.init(rawValue:))
        let file: TargetsFile
        if problem != nil {
            guard let data = BoundedRead.data(targets, limit: TargetsFile.maxBytes) else { throw .badPlan("\(targets): cannot read the targets file") }
            file = try TargetsFile(path: targets, text: String(decoding: data, as: UTF8.self), fingerprint: FNV1a.hex(data), requireParameters: false)
        } else {
            file = try TargetsFile(path: targets)
        }
        var loaded: World?
        if problem == nil {
            do { loaded = try loadWorld(path: world, overrides: overrides.assignments) } catch { throw .badPlan("the world could not be loaded (see above)") }
        }
        let name = problem ?? loaded!.parameters.name
        if (zdt != nil) != (file.method == .nsga2) && problem != nil {
            throw .badPlan("\(file.path): --problem \(problem!) is for method \(zdt != nil ? "\"nsga2\"" : "\"abc-smc\" or \"lhs\""), the file says \"\(file.method.rawValue)\"")
        }
        let dir: String
        do throws(OutputError) {
            if let out {
                // Every task of a sharded generation shares --out: the first creates it, the others continue it.
                if !resume && shard == nil { try OutputDirectory.prepare(out, force: false) } else { try OutputDirectory.createDirectory(out) }
                dir = out
            } else {
                dir = try OutputDirectory.fresh(root: "output", name: name + "-calibrate")
            }
        } catch { throw .outputConflict(path: out ?? "output", message: error.message + (resume ? "" : " (to continue a calibration there, add --resume)")) }

        let priors: [Prior], integer: [Bool], targetList: [TargetsFile.Target]
        var description: [(String, JSONValue)] = [("method", .string(file.method.rawValue)), ("targets_file", .string(file.path)),
                                                  ("targets_fingerprint", .string(file.fingerprint)), ("seed", .string(String(file.seed))),
                                                  ("population", .int(file.settings.population)), ("keep", .number(file.settings.alpha)),
                                                  ("max_generations", .int(file.settings.maxGenerations)),
                                                  ("min_acceptance", .number(file.settings.minAcceptance)),
                                                  ("min_epsilon", .number(file.settings.minEpsilon)), ("max_runs", .int(file.settings.maxRuns)),
                                                  ("replicates", .int(file.replicates))]
        let jobCount = jobs ?? AvailableCores.count
        let outcome: CalibrationRunner.Outcome
        let progress: (AdaptivePopulationMonteCarlo.Generation, Int) -> Void = { g, runs in
            guard !quiet else { return }
            let acc = g.acceptance.map { String(format: "%.3f", $0) } ?? "–"
            printError(String(format: "generation %d: %d particles simulated (%d so far, with any predictive draws; %d run(s) each), "
                              + "epsilon %.6g, acceptance %@, effective sample size %.1f of %d kept",
                              g.index, g.runs, runs, file.replicates, g.epsilon, acc, g.effectiveSampleSize, g.kept.count))
        }
        if let zdt {
            priors = zdt.keys.map { _ in .uniform(low: 0, high: 1) }
            targetList = [.init(outcome: "f1", observed: 0, scale: .fixed(1), weight: 1), .init(outcome: "f2", observed: 0, scale: .fixed(1), weight: 1)]
            description.append(("problem", .string(zdt.rawValue)))
            outcome = try CalibrationRunner.run(targets: file, priors: priors, integer: priors.map { _ in false }, targetList: targetList,
                                                simulator: MultiObjectiveSimulator(problem: zdt), directory: dir, description: description,
                                                progress: progress)
        } else if let test {
            priors = test.priors
            integer = test.priors.map { _ in false }
            targetList = test.observed.enumerated().map { .init(outcome: "summary\($0.offset + 1)", observed: $0.element, scale: .fixed(1), weight: 1) }
            description.append(("problem", .string(test.rawValue)))
            description.append(("parameters", .array(zip(test.keys, test.priors).map { k, p in Self.describe(k, p) })))
            outcome = try CalibrationRunner.run(targets: file, priors: priors, integer: integer, targetList: targetList,
                                                simulator: TestProblemSimulator(problem: test, seed: file.seed), directory: dir,
                                                description: description, progress: progress)
        } else {
            let world = loaded!
            let shardSelection = try shard.map { text throws(SweepError) in try Shard.parse(text) }
            let sim = CitySimulator(world: world, worldPath: self.world, targets: file, directory: dir, jobs: jobCount, shard: shardSelection)
            _ = try sim.reducers()
            _ = try sim.stopRule()
            let outcomes = sim.outcomes
            for t in file.targets where !outcomes.contains(t.outcome) {
                let close = ParameterCatalog.suggestion(for: t.outcome, among: outcomes)
                throw .badPlan("\(file.path): target outcome '\(t.outcome)' is not a summary.csv column"
                    + (close.map { "; did you mean '\($0)'?" } ?? "; they are <metric>_final, <metric>_mean and <counter>_total"
                        + (file.patterns == nil ? ", and with a [patterns] table or an observed_file the pattern statistics (docs/calibration.md)" : "")))
            }
            if let p = file.patterns, let problem = p.problem(world: world.parameters, ticks: sim.ticks, targets: file.targets) {
                throw .badPlan("\(file.path): \(problem)")
            }
            if let p = file.patterns { description.append(("patterns", p.json)) }
            priors = file.parameters.map(\.prior)
            integer = file.parameters.map(\.integer)
            targetList = file.targets
            description += [("world", .string(world.origin)), ("world_name", .string(world.parameters.name)),
                            ("world_fingerprint", world.fileFingerprint.map { .string($0) } ?? .null),
                            ("overrides", .array(overrides.assignments.map { .string($0) })), ("ticks", .int(sim.ticks)),
                            ("parameters", .array(file.parameters.map { Self.describe($0.key, $0.prior) }))]
            RunInterrupt.install()
            outcome = try CalibrationRunner.run(targets: file, priors: priors, integer: integer, targetList: targetList, simulator: sim,
                                                directory: dir, description: description, progress: progress)
        }
        print(dir)
        if !quiet, file.method == .nsga2 {
            printError("NSGA-II: \(file.settings.maxGenerations) generation(s) at most, \(outcome.runs) simulations; each generation's first front in \(dir)/pareto.csv")
        } else if !quiet {
            let last = outcome.generations.last!
            printError("\(outcome.generations.count) generation(s), \(outcome.runs) particles simulated (\(outcome.runs * file.replicates) runs); stopped: \(outcome.stop.rawValue). "
                + "Posterior: \(last.kept.count) particles of generation \(last.index) (effective sample size "
                + String(format: "%.1f", last.effectiveSampleSize) + ") in \(dir)/posterior.csv")
        }
    }

    static func describe(_ key: String, _ p: Prior) -> JSONValue {
        switch p {
        case .uniform(let l, let h): .object([("key", .string(key)), ("prior", .string("uniform")), ("low", .number(l)), ("high", .number(h))])
        case .logUniform(let l, let h): .object([("key", .string(key)), ("prior", .string("log-uniform")), ("low", .number(l)), ("high", .number(h))])
        case .normal(let m, let sd, let l, let h):
            .object([("key", .string(key)), ("prior", .string("normal")), ("mean", .number(m)), ("sd", .number(sd)), ("low", .number(l)), ("high", .number(h))])
        }
    }
}
