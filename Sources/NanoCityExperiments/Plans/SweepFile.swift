import Foundation
import NanoCityIO
import NanoCityModel
import NanoCityTOML
import NanoCityAnalysis

/// A sweep file (TOML): the same settings as `nanocity sweep`'s flags, so a sweep can be kept
/// next to its world and rerun or resumed. Flags given on the command line win.
///
/// ```toml
/// world = "default.toml"         # relative to this file; omitted: the embedded default
/// ticks = 500
/// replicates = 10
/// seed = 1                        # base seed
/// seeds = "per-run"               # or "per-replicate" (common random numbers)
/// lhs = 0                         # Latin-hypercube samples for ranges without a step
/// jobs = 2                        # default for --jobs
/// keep = "summary"                # or "runs"
/// frame_every = 0
/// design = "sobol"                # or "morris"; with samples = N, or trajectories = R, levels = L
/// design_file = "points.csv"      # relative to this file
/// until_precision = 0.05          # with outcomes = ["thefts_total"], max_replicates, batch
/// on_difference = "guards.count=6" # with until_precision: precise differences from this point; tolerance = 1
/// [vary]
/// "guards.count" = [0, 10, 20]
/// "sensors.density" = "0:0.1:0.02"
/// [set]
/// "heist.tick" = 300
/// [patterns]                      # crime-pattern outcome columns, as --patterns
/// kinds = ["burglary"]            # and from_tick, space_bands = "100:3", time_bands = "7:4", permutations
/// ```
public struct SweepFile: Sendable {
    public var world: String?
    public var ticks: Int?
    public var replicates: Int?
    public var seed: UInt64?
    public var seeds: SweepPlan.SeedRule?
    public var lhs: Int?
    public var jobs: Int?
    public var keep: SweepPlan.Keep?
    public var frameEvery: Int?
    public var design: DesignKind?
    public var samples: Int?
    public var trajectories: Int?
    public var levels: Int?
    public var designFile: String?
    public var untilPrecision: Double?
    public var maxReplicates: Int?
    public var batch: Int?
    public var onDifference: String?
    public var tolerance: Double?
    public var outcomes: [String] = []
    /// `reduce = ["toxicity_max:max", …]`: more outcome columns (`OutcomeReducer`).
    public var reduce: [String] = []
    /// `stop_when = "…"`: each run's stop condition (`StopRule`).
    public var stopWhen: String?
    /// `key=body` specs in file order, as `--vary` takes them.
    public var vary: [String] = []
    /// `key=value` assignments, as `--set` takes them.
    public var set: [String] = []
    /// `[patterns]`: as `--patterns` with its `--pattern-*` options (nil fields: the flags' defaults).
    public var patterns: PatternSettings?

    public struct PatternSettings: Sendable, Equatable {
        public var kinds: [String]?
        public var fromTick: Int?
        public var spaceBands: String?
        public var timeBands: String?
        public var permutations: Int?
    }

    public init() {}

    public static func load(path: String) throws(SweepError) -> SweepFile {
        let data: Data
        switch BoundedRead.read(path, limit: WorldFile.maxBytes) {
        case .success(let d): data = d
        case .failure(.tooLarge): throw .badPlan("\(path): larger than \(WorldFile.maxBytes >> 20) MiB; a sweep file is at most that")
        case .failure(let p): throw .badPlan("\(path): the sweep file \(p)")
        }
        guard let raw = String(validating: data, as: UTF8.self) else { throw .badPlan("\(path): is not UTF-8 text") }
        return try parse(text: raw, path: path)
    }

    /// Reads a sweep file's text; `path` names it in messages and anchors relative paths.
    public static func parse(text raw: String, path: String) throws(SweepError) -> SweepFile {
        let table = try parseTOML(raw, path: path)
        let locator = KeyLines(table)
        var f = SweepFile()
        let base = URL(fileURLWithPath: path).deletingLastPathComponent()
        var problems: [String] = []
        /// A problem at the line of `key` (or of its table).
        func problem(_ key: String, _ message: String) {
            let line = locator.line(of: key) ?? locator.line(of: key.split(separator: ".").first.map(String.init) ?? key)
            problems.append("\(path)\(line.map { ":\($0)" } ?? ""): \(message)")
        }
        func int(_ k: String) -> Int? {
            guard let v = table[k] else { return nil }
            guard let i = v.int else { problem(k, "\(k) must be an integer"); return nil }
            return i
        }
        for key in table.keys {
            switch key {
            case "world":
                if let s = table[key]?.string { f.world = s.hasPrefix("/") ? s : base.appendingPathComponent(s).path } else { problem(key, "world must be a string") }
            case "ticks": f.ticks = int(key)
            case "replicates": f.replicates = int(key)
            case "lhs": f.lhs = int(key)
            case "jobs": f.jobs = int(key)
            case "frame_every": f.frameEvery = int(key)
            case "samples": f.samples = int(key)
            case "trajectories": f.trajectories = int(key)
            case "levels": f.levels = int(key)
            case "max_replicates": f.maxReplicates = int(key)
            case "batch": f.batch = int(key)
            case "on_difference":
                if let t = table[key]?.string { f.onDifference = t } else { problem(key, "on_difference must be a string, e.g. \"guards.count=6\"") }
            case "tolerance":
                if let d = table[key]?.double ?? table[key]?.int.map(Double.init) { f.tolerance = d } else { problem(key, "tolerance must be a number") }
            case "design":
                if let s = table[key]?.string, let d = DesignKind(rawValue: s) { f.design = d } else {
                    problem(key, "design must be \"sobol\" or \"morris\"")
                }
            case "design_file":
                if let s = table[key]?.string { f.designFile = s.hasPrefix("/") ? s : base.appendingPathComponent(s).path } else { problem(key, "design_file must be a string") }
            case "until_precision":
                if let d = table[key]?.double ?? table[key]?.int.map(Double.init) { f.untilPrecision = d } else { problem(key, "until_precision must be a number") }
            case "stop_when":
                if let t = table[key]?.string { f.stopWhen = t } else { problem(key, "stop_when must be a string, e.g. \"heist_losses_total > 500\"") }
            case "reduce":
                if let a = table[key]?.array, a.count <= OutcomeReducer.maxReducers, a.allSatisfy({ $0.string != nil }) { f.reduce = a.map { $0.string! } } else {
                    problem(key, "reduce must be a list of at most \(OutcomeReducer.maxReducers) strings, e.g. [\"toxicity_max:max\", \"thefts_total:first>=10\"]")
                }
            case "outcomes":
                if let a = table[key]?.array, a.allSatisfy({ $0.string != nil }) { f.outcomes = a.map { $0.string! } } else {
                    problem(key, "outcomes must be a list of strings, e.g. [\"thefts_total\"]")
                }
            case "seed":
                if let i = int(key) { if i >= 0 { f.seed = UInt64(i) } else { problem(key, "seed must be ≥ 0") } }
            case "seeds":
                if let s = table[key]?.string, let r = SweepPlan.SeedRule(rawValue: s) { f.seeds = r } else {
                    problem(key, "seeds must be \"per-run\" or \"per-replicate\"")
                }
            case "keep":
                if let s = table[key]?.string, let k = SweepPlan.Keep(rawValue: s) { f.keep = k } else {
                    problem(key, "keep must be \"summary\" or \"runs\"")
                }
            case "vary":
                guard let t = table[key]?.table else { problem(key, "[vary] must be a table"); continue }
                for (k, v) in flatten(t) {
                    if let a = v.array {
                        // One element is one value: a string "1,2" inside the list would become two points.
                        if a.contains(where: { ($0.string ?? "").contains(",") || ($0.string ?? "").contains(":") }) {
                            problem("vary." + k, "\(k): each element of the list is one value; \"1,2\" or \"0:1:0.5\" inside a list is not (write [1, 2], or the range alone as a string)")
                            continue
                        }
                        f.vary.append(k + "=" + a.map { scalar($0) }.joined(separator: ","))
                    } else if let text = v.string, text.contains(",") {
                        // A list written as one string would silently become several points.
                        problem("vary." + k, "\(k): a list of values is a TOML array, e.g. \"\(k)\" = [\(text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", "))]; a string holds one range, \"low:high:step\"")
                    } else {
                        f.vary.append(k + "=" + scalar(v))
                    }
                }
            case "set":
                guard let t = table[key]?.table else { problem(key, "[set] must be a table"); continue }
                for (k, v) in flatten(t) { f.set.append(k + "=" + scalar(v)) }
            case "patterns":
                guard let t = table[key]?.table else { problem(key, "[patterns] must be a table"); continue }
                var p = PatternSettings()
                for (k, v) in flatten(t) {
                    let at = "patterns." + k
                    switch k {
                    case "kinds":
                        if let a = v.array, a.allSatisfy({ $0.string != nil }) { p.kinds = a.map { $0.string! } } else { problem(at, "patterns.kinds must be a list of event kinds, e.g. [\"burglary\"]") }
                    case "from_tick":
                        if let i = v.int { p.fromTick = i } else { problem(at, "patterns.from_tick must be an integer") }
                    case "space_bands":
                        if let s = v.string { p.spaceBands = s } else { problem(at, "patterns.space_bands must be a string \"METRES:COUNT\"") }
                    case "time_bands":
                        if let s = v.string { p.timeBands = s } else { problem(at, "patterns.time_bands must be a string \"DAYS:COUNT\"") }
                    case "permutations":
                        if let i = v.int { p.permutations = i } else { problem(at, "patterns.permutations must be an integer") }
                    default:
                        problem(at, "unknown key '\(k)' in [patterns]; allowed: kinds, from_tick, space_bands, time_bands, permutations")
                    }
                }
                f.patterns = p
            default:
                problem(key, "unknown key '\(key)'; allowed: world, ticks, replicates, seed, seeds, lhs, jobs, keep, frame_every, design, samples, trajectories, levels, design_file, until_precision, outcomes, reduce, stop_when, max_replicates, batch, on_difference, tolerance, [vary], [set], [patterns]")
            }
        }
        if !problems.isEmpty { throw .badPlan(problems.joined(separator: "\n")) }
        // Axes stay in document order (the parser keeps it): the first varies slowest, as on the command line.
        return f
    }

    /// Parses a sweep-side TOML file (plan, arms); a syntax error names file, line and column.
    static func parseTOML(_ raw: String, path: String) throws(SweepError) -> TOMLTable {
        do { return try TOMLParser.parse(raw) } catch {
            throw .badPlan("\(path):\(error.line): TOML syntax: \(error.message) (column \(error.position.column))")
        }
    }

    static func flatten(_ t: TOMLTable) -> [(String, TOMLValue)] {
        t.flattened().map { ($0.key, $0.value) }
    }

    static func scalar(_ v: TOMLValue) -> String {
        v.scalarText ?? "a TOML \(v.typeName)"
    }
}
