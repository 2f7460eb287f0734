import Foundation
import NanoCityEngine
import NanoCityIO
import NanoCityModel
import NanoCityStats
import NanoCityTOML
import NanoCityAnalysis

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
/// outcome = "thefts_total"    # a column of summary.csv
/// observed = 31.0
/// scale = "mad"               # "mad" of generation 0 (default), or a number
/// weight = 1.0
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

        public init(outcome: String, observed: Double, scale: Scale, weight: Double) {
            self.outcome = outcome
            self.observed = observed
            self.scale = scale
            self.weight = weight
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

    public static let maxBytes = 1 << 20
    public static let maxParameters = 64
    public static let maxTargets = 256
    public static let maxPopulation = 1_000_000
    public static let maxGenerations = 1000

    static let topKeys: Set<String> = ["method", "ticks", "replicates", "population", "generations", "seed", "keep",
                                       "min_epsilon", "min_acceptance", "max_runs", "predictive", "parameter", "target"]

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
        let tlist = t["target"]?.array ?? []
        if t["target"] != nil && t["target"]?.array == nil { throw fail("target", "must be an array of tables: [[target]]") }
        guard tlist.count <= Self.maxTargets else { throw fail("target", "at most \(Self.maxTargets) targets") }
        for (i, item) in tlist.enumerated() {
            guard let x = item.table else { throw fail("target", "entry \(i + 1) must be a table") }
            let line = x.position.line
            for key in x.keys where !["outcome", "observed", "observed_file", "scale", "weight"].contains(key) {
                throw fail("target[\(i + 1)].\(key)", "unknown key; allowed: outcome, observed, scale, weight", line)
            }
            guard let outcome = x["outcome"]?.string, !outcome.isEmpty else { throw fail("target[\(i + 1)]", "needs outcome = \"<summary.csv column>\"", line) }
            if x["observed_file"] != nil { throw fail("target[\(i + 1)].observed_file", "observed pattern files are not supported yet; give observed = <number>", line) }
            guard let observed = number(x["observed"]), observed.isFinite else { throw fail("target[\(i + 1)]", "needs observed = <number>", line) }
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
            targets.append(Target(outcome: outcome, observed: observed, scale: scale, weight: weight))
        }
        if requireParameters {
            guard !parameters.isEmpty else { throw fail("parameter", "no [[parameter]] tables: name what to calibrate, with its prior") }
            guard !targets.isEmpty else { throw fail("target", "no [[target]] tables: name what to match, with its observed value") }
        }
        self.parameters = parameters
        self.targets = targets
    }
}
