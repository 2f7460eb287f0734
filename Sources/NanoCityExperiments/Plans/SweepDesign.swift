import NanoCityEngine
import NanoCityIO
import NanoCityModel
import NanoCityStats
import NanoCityAnalysis

/// How a sweep's points are chosen.
public enum SweepDesign: Sendable, Equatable {
    /// The cartesian product of the list axes (first axis slowest).
    case grid
    /// The list axes' product times a Latin hypercube of `samples` points over the ranges.
    case latinHypercube(samples: Int)
    /// Saltelli's scheme on the Sobol' sequence over the ranges: N·(k + 2) points in SALib's
    /// order (per base sample: A, AB₁…AB_k, B), for first-order and total Sobol' indices.
    case sobol(samples: Int)
    /// Morris elementary-effects trajectories over the ranges: R·(k + 1) points.
    case morris(trajectories: Int, levels: Int)
    /// Points read from a CSV file (one column per key, one row per point).
    case file(DesignFile)

    /// What `sweep.json`'s `sampling` says.
    public var sampling: Sampling {
        switch self {
        case .grid: return .grid
        case .latinHypercube: return .latinHypercube
        case .sobol: return .sobol
        case .morris: return .morris
        case .file: return .designFile
        }
    }

    /// The name written to `sweep.json`'s `sampling`.
    public var name: String { sampling.rawValue }

    /// Checks the design against the axes; returns the points' parameter assignments.
    func points(axes: [SweepAxis], baseSeed: UInt64) throws(SweepError) -> [[(key: String, value: ParameterValue)]] {
        let ranges = axes.compactMap { a -> (key: String, low: Double, high: Double)? in
            if case .continuous(let lo, let hi) = a.values { return (a.key, lo, hi) }
            return nil
        }
        switch self {
        case .grid, .latinHypercube:
            let samples: Int
            if case .latinHypercube(let n) = self { samples = n } else { samples = 0 }
            if !ranges.isEmpty && samples <= 0 {
                throw .badVary(spec: ranges[0].key, message: "a range without a step (low:high) needs a design: --lhs N, "
                    + "--design sobol --samples N or --design morris --trajectories R; or give a step, low:high:step")
            }
            if ranges.isEmpty && samples > 0 {
                throw .badPlan("--lhs \(samples) needs at least one range without a step, e.g. --vary sensors.density=0:0.1")
            }
            return SweepPlan.enumerate(axes: axes, lhsSamples: samples, base: baseSeed)
        case .sobol(let n), .morris(let n, _):
            if let list = axes.first(where: { if case .list = $0.values { return true } else { return false } }) {
                throw .badVary(spec: list.key, message: "--design \(self.name) varies ranges only (key=low:high); "
                    + "fix this key with --set or run one sweep per value")
            }
            guard !ranges.isEmpty else { throw .badPlan("--design \(self.name) needs at least one --vary key=low:high") }
            guard n >= 2 && n <= Sampling.maxSamples else {
                throw .badPlan("--design \(self.name): \(self.countFlag) must be 2…\(Sampling.maxSamples), got \(n)")
            }
            let unit: [[Double]]
            if case .morris(let r, let levels) = self {
                guard levels >= 2 && levels <= 1000 && levels % 2 == 0 else {
                    throw .badPlan("--levels must be an even number in 2…1000 (SALib's num_levels), got \(levels)")
                }
                unit = MorrisDesign(factors: ranges.count, trajectories: r, levels: levels, seed: Sampling.designSeed(base: baseSeed)).rows
            } else {
                guard 2 * ranges.count <= SobolSequence.maxDimensions else {
                    throw .badPlan("--design sobol takes at most \(SobolSequence.maxDimensions / 2) ranges, got \(ranges.count)")
                }
                unit = SaltelliDesign(factors: ranges.count, baseSamples: n).rows
            }
            return unit.map { u in
                ranges.indices.map { j in (ranges[j].key, Self.scale(u[j], low: ranges[j].low, high: ranges[j].high, key: ranges[j].key)) }
            }
        case .file(let f):
            guard axes.isEmpty else { throw .badPlan("--design-file gives every point: drop --vary \(axes[0].key) (or add it as a column of \(f.path))") }
            return f.rows.map { row in zip(f.keys, row).map { ($0, $1) } }
        }
    }

    /// How many points `points(axes:baseSeed:)` would make, computed without enumerating them
    /// and without overflow (nil: more than `Int.max`), so a sweep's size is checked first.
    func pointCount(axes: [SweepAxis]) -> Int? {
        var lists = 1, ranges = 0
        for a in axes {
            switch a.values {
            case .list(let v):
                let (m, o) = lists.multipliedReportingOverflow(by: v.count)
                if o { return nil }
                lists = m
            case .continuous: ranges += 1
            }
        }
        func times(_ a: Int, _ b: Int) -> Int? { let (m, o) = a.multipliedReportingOverflow(by: b); return o ? nil : m }
        switch self {
        case .grid: return lists
        case .latinHypercube(let n): return ranges == 0 ? lists : times(lists, max(n, 0))
        case .sobol(let n): return times(max(n, 0), ranges + 2)
        case .morris(let r, _): return times(max(r, 0), ranges + 1)
        case .file(let f): return f.rows.count
        }
    }

    private var countFlag: String {
        if case .morris = self { return "--trajectories" }
        return "--samples"
    }

    /// A unit coordinate u ∈ [0, 1] mapped onto low…high; integer keys round to the nearest integer.
    static func scale(_ u: Double, low: Double, high: Double, key: String) -> ParameterValue {
        let v = min(high, max(low, low + u * (high - low)))
        if case .int = ParameterCatalog.spec(for: key)!.type { return .int(Int(v.rounded())) }
        return .double(v)
    }

    /// Fields that describe the design in `sweep.json`, after `sampling`.
    var json: [(String, JSONValue)] {
        switch self {
        case .grid: return [("lhs_samples", .int(0))]
        case .latinHypercube(let n): return [("lhs_samples", .int(n))]
        case .sobol(let n):
            return [("samples", .int(n)), ("sobol", .string("Joe-Kuo new-joe-kuo-6.21201, unscrambled, from point 0; "
                + "per base sample: A, AB_1..AB_k, B (SALib sobol.sample, calc_second_order=False)"))]
        case .morris(let r, let l): return [("trajectories", .int(r)), ("levels", .int(l))]
        case .file(let f):
            return [("design_file", .string(f.path)), ("design_fingerprint", .string(f.fingerprint)),
                    ("design_keys", .array(f.keys.map { .string($0) })),
                    ("design_rows", .int(f.rows.count))]
        }
    }
}
