import Foundation
import NanoCityEngine
import NanoCityIO
import NanoCityModel
import NanoCityStats
import NanoCityTOML
import NanoCityAnalysis
import NanoCityPatterns

/// How a calibration searches (`method` in a targets file).
public enum CalibrationMethod: String, Sendable, CaseIterable {
    /// Adaptive population Monte Carlo ABC (`AdaptivePopulationMonteCarlo`).
    case abcSMC = "abc-smc"
    /// One generation: a Latin hypercube over the priors' quantiles, the closest kept (rejection ABC).
    case lhs
    /// NSGA-II: one objective per target (its scaled distance), the Pareto front per generation.
    case nsga2
}

/// A calibration's targets file (`nanocity calibrate WORLD --targets FILE`): the method and
/// its budget, the parameters with their priors, and the observed values to match.
///
/// ```toml
/// method = "abc-smc"          # or "lhs", "nsga2"
/// ticks = 600
/// replicates = 1              # runs per particle, their outcomes averaged
/// population = 200
/// generations = 8             # at most; also min_epsilon, min_acceptance, max_runs, keep
/// seed = 1
/// predictive = 50             # posterior draws simulated for the predictive check (0: none)
/// [[parameter]]
/// key = "guards.arrest_prob"
/// prior = "uniform"           # "log-uniform", "normal" (mean, sd; truncated to low…high or the catalog range)
/// low = 0.05
/// high = 0.95
/// [[target]]
/// outcome = "thefts_total"    # a column of summary.csv, or a pattern statistic
/// observed = 31.0             # or observed_file = "obs/patterns" (what `nanocity patterns` wrote)
/// scale = "mad"               # "mad" of generation 0 (default), or a number
/// weight = 1.0
/// reduce = ["toxicity_max:max"]  # more outcomes a target may name: toxicity_max_max
/// [patterns]                  # which crimes of each run the pattern statistics count
/// kinds = ["theft", "dump"]   # default: an observed run's kinds, else theft, dump, burglary
/// from_tick = 200             # default: an observed run's window, else 0 … the run's last
/// ```
public struct TargetsFile: Sendable {
    public struct Parameter: Sendable, Equatable {
        public let key: String
        public let prior: Prior
        /// An integer parameter: proposals are rounded to whole numbers.
        public let integer: Bool
    }

    public enum Scale: Sendable, Equatable {
        case mad
        case fixed(Double)
    }

    public struct Target: Sendable, Equatable {
        public let outcome: String
        public let observed: Double
        public let scale: Scale
        public let weight: Double
        /// The `patterns.json` the observed value was read from (nil: given as a number).
        public let observedFile: String?

        public init(outcome: String, observed: Double, scale: Scale, weight: Double, observedFile: String? = nil) {
            self.outcome = outcome
            self.observed = observed
            self.scale = scale
            self.weight = weight
            self.observedFile = observedFile
        }
    }

    /// How each run's crimes become pattern statistics (a `[patterns]` table, or an observed
    /// file's settings): present when a target may name a pattern statistic.
    public struct PatternTargets: Sendable {
        public let kinds: [EventKind]
        public let fromTick: Int
        /// Last tick counted (inclusive); nil = the run's last.
        public let toTick: Int?
        /// The measurement: the observed file's settings, else the table's bands and the defaults.
        public let options: CrimePatterns.Options
        /// The observed file's grid cell (m); nil without one.
        public let observedCellMetres: Double?
        /// Where `options` came from, for calibration.json.
        public let settingsFrom: String
        /// Where the tick window came from, for messages.
        let windowFrom: String

        /// The sweep outcome columns this measurement gives.
        public func outcomes() -> PatternOutcomes {
            PatternOutcomes(kinds: kinds, fromTick: fromTick, toTick: toTick, options: options)
        }

        /// Why `world` cannot be measured this way (nil when it can): the window must lie in
        /// the run, and grid statistics need the observed grid's cell size.
        public func problem(world: WorldParameters, ticks: Int, targets: [Target]) -> String? {
            if fromTick > ticks { return "\(windowFrom) from_tick \(fromTick) is after the run's last tick \(ticks)" }
            if let t = toTick, t > ticks { return "\(windowFrom) to_tick \(t) is after the run's last tick \(ticks) (set ticks, or [patterns] to_tick)" }
            if let cell = observedCellMetres {
                let m = world.scale.metresPerCell
                let grid = targets.filter { $0.observedFile != nil && ObservedPatterns.isGridStatistic($0.outcome) }.map(\.outcome)
                if !grid.isEmpty && abs(cell - m) > 1e-9 * max(cell, m) {
                    return "target(s) \(grid.joined(separator: ", ")) count incidents per grid cell: the observed file used \(CSVNumber.format(cell)) m cells, "
                        + "the world's cells are \(CSVNumber.format(m)) m; run `nanocity patterns --events … --grid \(CSVNumber.format(m))` again"
                }
            }
            return nil
        }

        public var json: JSONValue {
            .object([("kinds", .array(kinds.map { .string($0.rawValue) })), ("from_tick", .int(fromTick)),
                     ("to_tick", toTick.map { .int($0) } ?? .null), ("settings_from", .string(settingsFrom)),
                     ("observed_cell_m", observedCellMetres.map { .number($0) } ?? .null)])
        }
    }

    public let path: String
    public let fingerprint: String
    public let method: CalibrationMethod
    public let ticks: Int?
    public let replicates: Int
    /// Posterior draws simulated for the posterior predictive check (0: none).
    public let predictive: Int
    public let seed: UInt64
    public let settings: AdaptivePopulationMonteCarlo.Settings
    public let parameters: [Parameter]
    public let targets: [Target]
    /// Pattern statistics as outcomes: with a `[patterns]` table or an `observed_file`.
    public let patterns: PatternTargets?
    /// `reduce = ["toxicity_max:max", …]`: more outcome columns a target may name (`OutcomeReducer`).
    public let reduce: [String]
    /// `stop_when = "…"`: every run's stop condition (`StopRule`).
    public let stopWhen: String?

    public static let maxBytes = 1 << 20
    public static let maxParameters = 64
    public static let maxTargets = 256
    public static let maxPopulation = 1_000_000
    public static let maxGenerations = 1000

    static let topKeys: Set<String> = ["method", "ticks", "replicates", "population", "generations", "seed", "keep",
                                       "min_epsilon", "min_acceptance", "max_runs", "predictive", "parameter", "target", "patterns", "reduce", "stop_when"]

    public init(path: String) throws(SweepError) {
        let data: Data
        switch BoundedRead.read(path, limit: Self.maxBytes) {
        case .success(let d): data = d
        case .failure(.tooLarge): throw .badPlan("\(path): a targets file is at most \(Self.maxBytes) bytes")
        case .failure(let p): throw .badPlan("\(path): cannot read the targets file: it \(p)")
        }
        try self.init(path: path, text: String(decoding: data, as: UTF8.self), fingerprint: FNV1a.hex(data),
                      requireParameters: true)
    }

    /// `requireParameters` false: a test problem supplies its own parameters and targets.
    public init(path: String, text: String, fingerprint: String, requireParameters: Bool) throws(SweepError) {
        self.path = path
        self.fingerprint = fingerprint
        let t = try SweepFile.parseTOML(text, path: path)
        func fail(_ key: String, _ message: String, _ line: Int? = nil) -> SweepError {
            .badPlan("\(path)\(line.map { ":\($0)" } ?? ""): \(key): \(message)")
        }
        for key in t.keys where !Self.topKeys.contains(key) {
            throw fail(key, "unknown key; allowed: " + Self.topKeys.sorted().joined(separator: ", "))
        }
        func number(_ v: TOMLValue?) -> Double? { v?.double ?? v?.int.map(Double.init) }
        func int(_ key: String, _ range: ClosedRange<Int>, default d: Int?) throws(SweepError) -> Int? {
            guard let v = t[key] else { return d }
            guard let i = v.int, range.contains(i) else { throw fail(key, "must be an integer in \(range.lowerBound)…\(range.upperBound)") }
            return i
        }
        func real(_ key: String, _ ok: (Double) -> Bool, _ allowed: String, default d: Double) throws(SweepError) -> Double {
            guard let v = t[key] else { return d }
            guard let x = number(v), x.isFinite, ok(x) else { throw fail(key, "must be \(allowed)") }
            return x
        }
        let methodText = t["method"]?.string ?? CalibrationMethod.abcSMC.rawValue
        if t["method"] != nil && t["method"]?.string == nil { throw fail("method", "must be a string") }
        guard let method = CalibrationMethod(rawValue: methodText) else {
            throw fail("method", "\"\(methodText)\" is not a method; use one of "
                + CalibrationMethod.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))
        }
        self.method = method
        ticks = try int("ticks", 0...100_000_000, default: nil)
        replicates = try int("replicates", 1...1000, default: 1)!
        let population = try int("population", 4...Self.maxPopulation, default: 200)!
        let generations = try int("generations", 1...Self.maxGenerations, default: method == .lhs ? 1 : 8)!
        if method == .lhs && generations != 1 { throw fail("generations", "lhs is one generation (rejection); drop it or set 1") }
        seed = UInt64(try int("seed", 0...Int.max, default: 1)!)
        predictive = try int("predictive", 0...100_000, default: method == .nsga2 ? 0 : 50)!
        if method == .nsga2 && predictive > 0 { throw fail("predictive", "a posterior predictive check needs a posterior: abc-smc or lhs") }
        let keep = try real("keep", { $0 > 0 && $0 < 1 }, "a share in (0, 1)", default: method == .lhs ? 0.1 : 0.5)
        let minEpsilon = try real("min_epsilon", { $0 >= 0 }, "≥ 0", default: 0)
        let minAcceptance = try real("min_acceptance", { $0 >= 0 && $0 < 1 }, "in [0, 1)", default: 0.05)
        let maxRuns = try int("max_runs", 0...SweepPlan.maxRuns, default: 0)!
        settings = AdaptivePopulationMonteCarlo.Settings(population: population, alpha: keep, minAcceptance: minAcceptance,
                                                         minEpsilon: minEpsilon, maxGenerations: generations, maxRuns: maxRuns)
        if settings.kept >= population { throw fail("keep", "keeps all \(population) particles; lower it or raise population") }

        if let v = t["stop_when"] {
            guard let text = v.string else { throw fail("stop_when", "must be a string, e.g. \"heist_losses_total > 500\"") }
            stopWhen = text
        } else {
            stopWhen = nil
        }
        if let v = t["reduce"] {
            guard let a = v.array, a.count <= OutcomeReducer.maxReducers, a.allSatisfy({ $0.string != nil }) else {
                throw fail("reduce", "must be a list of at most \(OutcomeReducer.maxReducers) strings METRIC:REDUCER, e.g. [\"toxicity_max:max\"]")
            }
            reduce = a.map { $0.string! }
        } else {
            reduce = []
        }
        var parameters: [Parameter] = []
        let plist = t["parameter"]?.array ?? []
        if t["parameter"] != nil && t["parameter"]?.array == nil { throw fail("parameter", "must be an array of tables: [[parameter]]") }
        guard plist.count <= Self.maxParameters else { throw fail("parameter", "at most \(Self.maxParameters) parameters") }
        var seen = Set<String>()
        for (i, item) in plist.enumerated() {
            guard let p = item.table else { throw fail("parameter", "entry \(i + 1) must be a table") }
            let line = p.position.line
            for key in p.keys where !["key", "prior", "low", "high", "mean", "sd"].contains(key) {
                throw fail("parameter[\(i + 1)].\(key)", "unknown key; allowed: key, prior, low, high, mean, sd", line)
            }
            guard let key = p["key"]?.string else { throw fail("parameter[\(i + 1)]", "needs key = \"section.name\"", line) }
            let spec: ParameterSpec
            switch VariedKey.lookup(key) {
            case .success(let s): spec = s
            case .failure(let e): throw fail("parameter[\(i + 1)].key", e.description, line)
            }
            guard seen.insert(key).inserted else { throw fail("parameter[\(i + 1)].key", "\(key) is listed twice", line) }
            let range: ClosedRange<Double>, integer: Bool
            switch spec.type {
            case .int(let r): range = Double(r.lowerBound)...Double(r.upperBound); integer = true
            case .double(let r): range = r; integer = false
            default: throw fail("parameter[\(i + 1)].key", "\(key) is \(spec.type.allowed); only numbers can be calibrated", line)
            }
            let kind = p["prior"]?.string ?? "uniform"
            let low = number(p["low"]), high = number(p["high"])
            let prior: Prior
            switch kind {
            case "uniform", "log-uniform":
                guard let low, let high else { throw fail("parameter[\(i + 1)]", "a \(kind) prior needs low and high", line) }
                prior = kind == "uniform" ? .uniform(low: low, high: high) : .logUniform(low: low, high: high)
            case "normal":
                guard let m = number(p["mean"]), let sd = number(p["sd"]) else {
                    throw fail("parameter[\(i + 1)]", "a normal prior needs mean and sd (low and high default to the catalog range)", line)
                }
                prior = .normal(mean: m, sd: sd, low: low ?? range.lowerBound, high: high ?? range.upperBound)
            default:
                throw fail("parameter[\(i + 1)].prior", "\"\(kind)\" is not a prior; use \"uniform\", \"log-uniform\" or \"normal\"", line)
            }
            if let problem = prior.problem { throw fail("parameter[\(i + 1)] (\(key))", problem, line) }
            guard range.contains(prior.low) && range.contains(prior.high) else {
                throw fail("parameter[\(i + 1)] (\(key))", "low…high must lie in the parameter's range \(spec.type.allowed)", line)
            }
            parameters.append(Parameter(key: key, prior: prior, integer: integer))
        }
        var targets: [Target] = []
        var observedFiles: [(given: String, patterns: ObservedPatterns)] = []
        let tlist = t["target"]?.array ?? []
        if t["target"] != nil && t["target"]?.array == nil { throw fail("target", "must be an array of tables: [[target]]") }
        guard tlist.count <= Self.maxTargets else { throw fail("target", "at most \(Self.maxTargets) targets") }
        for (i, item) in tlist.enumerated() {
            guard let x = item.table else { throw fail("target", "entry \(i + 1) must be a table") }
            let line = x.position.line
            for key in x.keys where !["outcome", "observed", "observed_file", "scale", "weight"].contains(key) {
                throw fail("target[\(i + 1)].\(key)", "unknown key; allowed: outcome, observed, observed_file, scale, weight", line)
            }
            guard let outcome = x["outcome"]?.string, !outcome.isEmpty else { throw fail("target[\(i + 1)]", "needs outcome = \"<summary.csv column>\"", line) }
            let observed: Double
            var observedFile: String? = nil
            if let v = x["observed_file"] {
                guard x["observed"] == nil else { throw fail("target[\(i + 1)]", "give observed or observed_file, not both", line) }
                guard let given = v.string, !given.isEmpty, given.utf8.count <= 4096 else {
                    throw fail("target[\(i + 1)].observed_file", "must be the path of a folder `nanocity patterns` wrote, or of its patterns.json", line)
                }
                let full = given.hasPrefix("/") ? given : ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(given)
                let o: ObservedPatterns
                if let seen = observedFiles.first(where: { $0.given == full }) { o = seen.patterns } else {
                    do throws(SweepError) { o = try ObservedPatterns(path: full) } catch { throw fail("target[\(i + 1)].observed_file", "\(error)", line) }
                    if let first = observedFiles.first, !first.patterns.sameSettings(as: o) {
                        throw fail("target[\(i + 1)].observed_file", "\(o.path) was measured with other settings than \(first.patterns.path) "
                            + "(bands, distance, weights, FDR, top share, window, seed, permutations, grid, or a run's kinds and ticks); one calibration measures every run one way", line)
                    }
                    observedFiles.append((full, o))
                }
                let names = CrimePatterns.outcomeNames(o.options).map(\.name)
                guard names.contains(outcome), let entry = o.results[outcome] else {
                    let close = ParameterCatalog.suggestion(for: outcome, among: names)
                    throw fail("target[\(i + 1)].outcome", "'\(outcome)' is not a statistic of \(o.path)"
                        + (close.map { "; did you mean '\($0)'?" } ?? "; it has " + names.joined(separator: ", ")), line)
                }
                guard let value = entry, value.isFinite else {
                    throw fail("target[\(i + 1)].outcome", "'\(outcome)' is undefined in \(o.path) (\(o.incidents) incidents): it cannot be a target", line)
                }
                observed = value
                observedFile = o.path
            } else {
                guard let value = number(x["observed"]), value.isFinite else {
                    throw fail("target[\(i + 1)]", "needs observed = <number>, or observed_file = \"<folder of nanocity patterns>\"", line)
                }
                observed = value
            }
            let scale: Scale
            switch x["scale"] {
            case nil: scale = .mad
            case let v? where v.string == "mad": scale = .mad
            case let v?:
                guard let s = number(v), s.isFinite, s > 0 else { throw fail("target[\(i + 1)].scale", "must be \"mad\" or a number > 0", line) }
                scale = .fixed(s)
            }
            let weight = number(x["weight"]) ?? 1
            guard weight.isFinite, weight > 0 else { throw fail("target[\(i + 1)].weight", "must be a number > 0", line) }
            targets.append(Target(outcome: outcome, observed: observed, scale: scale, weight: weight, observedFile: observedFile))
        }
        patterns = try Self.patternTargets(t, observed: observedFiles.first?.patterns, targets: targets, fail: fail)
        if requireParameters {
            guard !parameters.isEmpty else { throw fail("parameter", "no [[parameter]] tables: name what to calibrate, with its prior") }
            guard !targets.isEmpty else { throw fail("target", "no [[target]] tables: name what to match, with its observed value") }
        }
        self.parameters = parameters
        self.targets = targets
    }

    /// The `[patterns]` table (kinds, window and — without an observed file — Knox bands) with
    /// the observed file's settings; nil when neither is there.
    static func patternTargets(_ t: TOMLTable, observed: ObservedPatterns?, targets: [Target],
                               fail: (String, String, Int?) -> SweepError) throws(SweepError) -> PatternTargets? {
        if t["patterns"] != nil && t["patterns"]?.table == nil { throw fail("patterns", "must be a table: [patterns]", nil) }
        let table = t["patterns"]?.table
        guard table != nil || observed != nil else { return nil }
        let line = table?.position.line
        let allowed = observed == nil ? ["kinds", "from_tick", "to_tick", "space_bands", "time_bands"] : ["kinds", "from_tick", "to_tick"]
        for key in table?.keys ?? [] where !allowed.contains(key) {
            if observed != nil && ["space_bands", "time_bands"].contains(key) {
                throw fail("patterns.\(key)", "comes from the observed file (\(observed!.path)): every run is measured as the observed data were", line)
            }
            throw fail("patterns.\(key)", "unknown key; allowed: " + allowed.joined(separator: ", "), line)
        }
        var kinds: [EventKind] = []
        if let v = table?["kinds"] {
            guard let a = v.array, !a.isEmpty, a.count <= 64 else { throw fail("patterns.kinds", "must be a list of event kinds, e.g. [\"theft\"]", line) }
            for item in a {
                guard let k = item.string, let e = EventKind(rawValue: k), e.hasPlace else {
                    throw fail("patterns.kinds", "\(item.scalarText ?? "?") is not an event kind with a place; kinds: " + RunIncidents.placedKinds.joined(separator: ", "), line)
                }
                if !kinds.contains(e) { kinds.append(e) }
            }
        } else if let recorded = observed?.runKinds {
            kinds = recorded.compactMap { EventKind(rawValue: $0) }.filter(\.hasPlace)
            guard kinds.count == recorded.count, !kinds.isEmpty else {
                throw fail("patterns.kinds", "\(observed!.path) lists kinds \(recorded.joined(separator: ", ")), not all event kinds with a place; give kinds = [...]", line)
            }
        } else {
            kinds = RunIncidents.defaultKinds.compactMap(EventKind.init(rawValue:))
        }
        func tick(_ key: String) throws(SweepError) -> Int? {
            guard let v = table?[key] else { return nil }
            guard let i = v.int, (0...100_000_000).contains(i) else { throw fail("patterns.\(key)", "must be a tick 0…100000000", line) }
            return i
        }
        // A run's patterns carry its window: the simulated runs are measured over the same one.
        let from = try tick("from_tick") ?? observed?.runFromTick.map { max(0, $0) } ?? 0
        let to = try tick("to_tick") ?? observed?.runToTick
        let windowFrom = table?["from_tick"] != nil || table?["to_tick"] != nil || observed?.runToTick == nil
            ? "[patterns]" : "the observed run's window (\(observed!.path)):"
        if let to, to < from { throw fail("patterns.to_tick", "\(to) must be ≥ from_tick (\(from), \(windowFrom == "[patterns]" ? "the table's" : windowFrom))", line) }
        var options: CrimePatterns.Options
        let settingsFrom: String
        if let observed {
            options = observed.options
            // Only moran_p and gi_hotspot_share read the permutations; without them as targets,
            // each run is spared them (every other statistic is the same with 0).
            if !targets.contains(where: { $0.observedFile != nil && ObservedPatterns.usesPermutations($0.outcome) }) { options.permutations = 0 }
            settingsFrom = observed.path
        } else {
            func axis(_ key: String, _ text: String, _ unit: String) throws(SweepError) -> KnoxAxis {
                guard let (w, n) = KnoxAxis.parse(text) else {
                    throw fail("patterns.\(key)", "must be \"WIDTH:COUNT\" with WIDTH > 0 \(unit) and COUNT 1…\(KnoxBands.maxBands), got \"\(text)\"", line)
                }
                return KnoxAxis(width: w, count: n, convention: .labelled)
            }
            func text(_ key: String, _ d: String) throws(SweepError) -> String {
                guard let v = table?[key] else { return d }
                guard let s = v.string else { throw fail("patterns.\(key)", "must be a string \"WIDTH:COUNT\"", line) }
                return s
            }
            options = CrimePatterns.Options(bands: KnoxBands(space: try axis("space_bands", try text("space_bands", "100:3"), "metres"),
                                                             time: try axis("time_bands", try text("time_bands", "7:4"), "days")))
            options.permutations = 0
            settingsFrom = "the targets file's [patterns] table (other settings: the defaults of `nanocity patterns`, no permutations)"
        }
        return PatternTargets(kinds: kinds, fromTick: from, toTick: to, options: options,
                              observedCellMetres: observed?.cellMetres, settingsFrom: settingsFrom, windowFrom: windowFrom)
    }
}
