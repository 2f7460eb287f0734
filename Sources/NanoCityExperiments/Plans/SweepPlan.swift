import NanoCityEngine
import NanoCityStats
import NanoCityIO
import NanoCityModel
import NanoCityAnalysis

/// Everything that defines a sweep; two sweeps with equal plans produce identical summaries.
///
/// Runs are numbered 0…runCount−1: point-major, replicate-minor (run = point × replicates +
/// replicate). Points come from the design: the cartesian product of the list axes in the order
/// given (the first axis varies slowest), times the Latin-hypercube samples when there are
/// continuous axes; or a Sobol'/Saltelli or Morris design over the ranges; or a design file.
public struct SweepPlan: Sendable {
    /// How run seeds follow from the base seed (read back by the analyses, so it lives there).
    public typealias SeedRule = NanoCityAnalysis.SeedRule

    /// What each run keeps beyond its summary row.
    public enum Keep: String, Sendable, CaseIterable {
        /// Only the row in summary.csv.
        case summary
        /// Also runs/NNNNNN/ with manifest.json, metrics.csv, events.csv (and frames with frame_every).
        case runs
    }

    public var world: World
    /// As given on the command line or in the sweep file; nil for the embedded default.
    public var worldPath: String?
    public var axes: [SweepAxis]
    public var design: SweepDesign
    public var replicates: Int
    public var baseSeed: UInt64
    public var ticks: Int
    public var seedRule: SeedRule
    public var keep: Keep
    public var frameEvery: Int
    /// With `--until-precision`: replicates are added in batches (then `replicates` is the first batch).
    public var precision: PrecisionTarget?
    /// With `--patterns`: crime-pattern outcome columns after the metric ones.
    public var patterns: PatternOutcomes?
    /// With `--reduce`: more outcome columns from metric series, after the pattern ones.
    public var reducers: [OutcomeReducer] = []
    /// With `--stop-when`: each run ends, complete, after the first tick the rule holds; its
    /// tick goes into a `stopped_at_tick` column before `status`.
    public var stopWhen: StopRule?
    /// With `--run-timeout`: a run still going after this many wall seconds stops with status
    /// `timeout`. How to run, not what: not in sweep.json (a resume may change it).
    public var runTimeout: Double?
    /// The metrics each run is summarised over (the catalog's, then the world's zones').
    public var outcomeColumns: OutcomeColumns { OutcomeColumns(world: world.parameters) }
    /// The zones' fingerprint as laid when the plan was made (nil without zones), so sweep.json
    /// changes when a mask does.
    let zonesFingerprint: String?
    /// Parameter assignments of every point, in point order.
    public private(set) var points: [[(key: String, value: ParameterValue)]] = []

    /// Replicate slots per point: `replicates`, or the cap with `--until-precision`.
    public var replicateStride: Int { precision?.maxReplicates ?? replicates }

    /// Run indices span 0..<runCount (with `--until-precision`, not all of them run).
    public var runCount: Int { points.count * replicateStride }

    public init(world: World, worldPath: String?, axes: [SweepAxis], design: SweepDesign = .grid, replicates: Int,
                baseSeed: UInt64, ticks: Int, seedRule: SeedRule = .perRun, keep: Keep = .summary,
                frameEvery: Int = 0, precision: PrecisionTarget? = nil) throws(SweepError) {
        if world.parameters.zones.isEmpty { zonesFingerprint = nil } else {
            do throws(WorldError) { zonesFingerprint = try world.buildMap().zones.fingerprint } catch { throw .badPlan(error.description) }
        }
        self.world = world
        self.worldPath = worldPath
        self.axes = axes
        self.design = design
        self.replicates = replicates
        self.baseSeed = baseSeed
        self.ticks = ticks
        self.seedRule = seedRule
        self.keep = keep
        self.frameEvery = frameEvery
        self.precision = precision
        if let precision, replicates < 2 || replicates > precision.maxReplicates {
            throw .badPlan("with --until-precision, --replicates is the first batch: 2…--max-replicates (\(precision.maxReplicates)), got \(replicates)")
        }
        guard replicates >= 1 else { throw .badPlan("replicates must be ≥ 1, got \(replicates)") }
        guard ticks >= 0 else { throw .badPlan("ticks must be ≥ 0, got \(ticks)") }
        guard frameEvery >= 0 else { throw .badPlan("frame_every must be ≥ 0") }
        var seen = Set<String>()
        for a in axes {
            if let e = ParameterCatalog.undeclaredName(a.key, in: world.parameters) { throw .badPlan("--vary \(e)") }
        }
        for a in axes where !seen.insert(a.key).inserted {
            throw .badVary(spec: a.key, message: "\(a.key) is varied twice")
        }
        // The size first, from counts alone: a product of lists or a sample count too large to
        // enumerate is refused before anything is built.
        let count = design.pointCount(axes: axes)
        let (slots, overflow) = (count ?? Int.max).multipliedReportingOverflow(by: replicateStride)
        guard count != nil, !overflow, slots <= Self.maxRuns else {
            let points = count.map { Self.grouped($0) } ?? "more than 2⁶³"
            throw .badPlan("the sweep has \(points) points × \(Self.grouped(replicateStride)) replicates"
                + "\(overflow || count == nil ? "" : " = \(Self.grouped(slots)) runs"); at most 10,000,000 runs")
        }
        points = try design.points(axes: axes, baseSeed: baseSeed)
        // Every point must make a valid world, checked before any run starts.
        for (i, p) in points.enumerated() {
            var params = world.parameters
            for (k, v) in p { ParameterCatalog.spec(for: k)!.apply(v, to: &params) }
            if let e = ParameterCatalog.consistencyProblems(params).first {
                let values = p.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
                throw .badPlan("sweep point \(i) (\(values)) is inconsistent: \(e)")
            }
        }
    }

    /// Most runs (points × replicate slots) in one sweep.
    public static let maxRuns = 10_000_000

    /// 12345678 as "12,345,678".
    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n.magnitude))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(d)
        }
        return (n < 0 ? "-" : "") + out
    }

    static func enumerate(axes: [SweepAxis], lhsSamples: Int, base: UInt64) -> [[(key: String, value: ParameterValue)]] {
        var grid: [[(key: String, value: ParameterValue)]] = [[]]
        for a in axes {
            guard case .list(let values) = a.values else { continue }
            grid = grid.flatMap { prefix in values.map { prefix + [(a.key, $0)] } }
        }
        let continuous = axes.compactMap { a -> (String, Double, Double)? in
            if case .continuous(let lo, let hi) = a.values { return (a.key, lo, hi) }
            return nil
        }
        guard !continuous.isEmpty else { return grid }
        // Its own PRNG stream (index 2^64−1, never a run index).
        let n = lhsSamples
        let design = LatinHypercubeDesign(samples: n, factors: continuous.count, seed: SplitMix64.derive(base: base, index: UInt64.max))
        let columns: [[ParameterValue]] = continuous.enumerated().map { f, axis in
            let (key, lo, hi) = axis
            let spec = ParameterCatalog.spec(for: key)!
            return design.positions[f].map { p in
                let v = lo + (hi - lo) * p / Double(n)
                if case .int = spec.type { return .int(Int(v.rounded())) }
                return .double(v)
            }
        }
        var out: [[(key: String, value: ParameterValue)]] = []
        for g in grid {
            for s in 0..<n {
                out.append(g + continuous.indices.map { (continuous[$0].0, columns[$0][s]) })
            }
        }
        return out
    }

    /// One run of the plan.
    public struct Run: Sendable {
        public var index: Int
        public var point: Int
        public var replicate: Int
        public var seed: UInt64
    }

    public func run(_ index: Int) -> Run {
        let point = index / replicateStride, rep = index % replicateStride
        let seed = SplitMix64.derive(base: baseSeed, index: UInt64(seedRule == .perRun ? index : rep))
        return Run(index: index, point: point, replicate: rep, seed: seed)
    }

    /// The parameters of a run: the world (with its fixed overrides) plus the point's values.
    public func world(for run: Run) -> World {
        var w = world
        for (k, v) in points[run.point] {
            ParameterCatalog.spec(for: k)!.apply(v, to: &w.parameters)
            w.overrides.append((k, v))
        }
        return w
    }

    /// Column keys of the varied parameters, in axis order (a design file's column order).
    public var variedKeys: [String] {
        if case .file(let f) = design { return f.keys }
        return axes.map(\.key)
    }

    /// Whether runs need their own map (a `map.*` key is varied).
    public var mapVaries: Bool { variedKeys.contains { $0.hasPrefix("map.") } }

    /// The first fields of every `sweep.json` (sweeps and forks).
    static func identity(worldPath: String?, ticks: Int, replicates: Int, baseSeed: UInt64) -> [(String, JSONValue)] {
        [("program", .string("nanocity")), ("version", .string(NanoCityVersion.string)), ("model_version", .int(City.modelVersion)),
         ("world", .string(worldPath ?? WorldFile.embeddedOrigin)), ("ticks", .int(ticks)), ("replicates", .int(replicates)),
         ("base_seed", .string(String(baseSeed)))]
    }

    /// `sweep.json`: the plan, including every base parameter, so a resumed or merged sweep can
    /// check it is the same sweep.
    public func json() -> JSONValue {
        .object(Self.identity(worldPath: worldPath, ticks: ticks, replicates: replicates, baseSeed: baseSeed) + [
            ("seed_rule", .string(seedRule.rawValue)),
            ("seed_function", .string(seedRule == .perRun
                ? "seed(run) = splitmix64_mix(base_seed + (run + 1) * 0x9E3779B97F4A7C15)"
                : "seed(run) = splitmix64_mix(base_seed + (replicate + 1) * 0x9E3779B97F4A7C15)")),
            ("sampling", .string(design.name)),
        ] + design.json + [
        ] + (precision.map { [("until_precision", $0.json)] } ?? [])
          + (patterns.map { [("patterns", $0.json)] } ?? [])
          + (reducers.isEmpty ? [] : [("reducers", .array(reducers.map { .string($0.spec) })),
                                      ("reducer_columns", .array(reducers.flatMap(\.columns).map(JSONValue.string)))])
          + (stopWhen.map { [("stop_when", .string($0.text))] } ?? [])
          + (world.parameters.zones.isEmpty ? [] : [("zone_columns", .array(outcomeColumns.zoneColumns.map(JSONValue.string))),
                                                    ("zones_fingerprint", .string(zonesFingerprint ?? "unlaid"))]) + [
            ("keep", .string(keep.rawValue)),
            ("frame_every", .int(frameEvery)),
            ("points", .int(points.count)),
            ("runs", .int(runCount)),
            ("vary", .array(axes.map { a in
                switch a.values {
                case .list(let vs): return .object([("key", .string(a.key)), ("values", .array(vs.map(Manifest.json)))])
                case .continuous(let lo, let hi):
                    return .object([("key", .string(a.key)), ("low", .number(lo)), ("high", .number(hi))])
                }
            })),
            ("overrides", .object(world.overrides.map { ($0.key, Manifest.json($0.value)) })),
            ("parameters", Manifest.parameters(world)),
            ("schedule", Manifest.schedule(world.parameters)),
        ] + (world.mapFileFingerprint.map { [("map_file_fingerprint", JSONValue.string($0))] } ?? [])
          + (world.fileFingerprint.map { [("world_file_fingerprint", JSONValue.string($0))] } ?? []))
    }
}
