import NanoCityIO
import NanoCityStats
import NanoCityAnalysis

/// `--until-precision`: add replicates in fixed batches until every point's 95% half-width of
/// each named outcome is within `relative`·|mean|, or the point has `maxReplicates`.
///
/// With `difference` (`--on-difference SELECTOR`) the target is the question a comparison
/// asks instead: the 95% half-width of each point's difference from the baseline point (paired
/// over the replicate indices both have, under common random numbers) within `relative`·
/// |difference|, or within the absolute `tolerance` (for effects near zero). The baseline gets
/// a batch whenever any point does, so it always has at least as many replicates as any other.
///
/// Sequential stopping is slightly optimistic: stopping at the first batch whose interval
/// looks narrow enough favours intervals that are narrow by chance, so the realised coverage
/// of a stopped 95% interval is a little below 95% (more so with small batches). The batch
/// schedule itself is fixed (first batch, then `batch` replicates at a time, decided only from
/// complete earlier batches), so the runs and every file are the same for any `--jobs`.
///
/// Run numbering keeps `run = point × maxReplicates + replicate`, so every run has the seed it
/// would have in a plain sweep with `--replicates maxReplicates`. `summary.csv` is written batch
/// by batch (within a batch in run order). Which points get another batch depends only on the
/// complete rows of earlier batches, so runs and files are the same for any `--jobs` and after
/// any interruption.
public struct PrecisionTarget: Sendable, Equatable {
    /// Wanted half-width relative to |mean|, in (0, 10].
    public var relative: Double
    /// summary.csv outcome columns, e.g. `thefts_total`.
    public var outcomes: [String]
    public var maxReplicates: Int
    /// Replicates added per round to each point that is not precise yet.
    public var batch: Int
    /// With `--on-difference`: the baseline point's selector (`key=value`, as `compare` takes it).
    public var difference: String?
    /// With `--on-difference`: an absolute half-width that also counts as precise (≥ 0).
    public var tolerance: Double?

    /// `columns`: the metrics the sweep's runs summarise (the outcomes must be theirs).
    public init(relative: Double, outcomes: [String], maxReplicates: Int, batch: Int, difference: String? = nil,
                tolerance: Double? = nil, columns: OutcomeColumns) throws(SweepError) {
        guard relative > 0 && relative <= 10 else { throw .badPlan("--until-precision must be in (0, 10] (0.05 = ±5% of the mean), got \(relative)") }
        guard !outcomes.isEmpty else { throw .badPlan("--until-precision needs --outcome NAME (a summary.csv column such as thefts_total)") }
        try RunOutcome.check(outcomes: outcomes, columns: columns)
        guard maxReplicates >= 2 && maxReplicates <= 100_000 else { throw .badPlan("--max-replicates must be 2…100000, got \(maxReplicates)") }
        guard batch >= 1 && batch <= maxReplicates else { throw .badPlan("--batch must be 1…--max-replicates (\(maxReplicates)), got \(batch)") }
        if let tolerance { guard tolerance >= 0 && tolerance.isFinite else { throw .badPlan("--tolerance must be a finite number ≥ 0, got \(tolerance)") } }
        if tolerance != nil && difference == nil { throw .badPlan("--tolerance goes with --on-difference BASELINE") }
        if let difference, difference.isEmpty || difference.count > 1000 { throw .badPlan("--on-difference: give the baseline point as key=value, e.g. guards.count=6") }
        self.relative = relative
        self.outcomes = outcomes
        self.maxReplicates = maxReplicates
        self.batch = batch
        self.difference = difference
        self.tolerance = tolerance
    }

    var json: JSONValue {
        .object([("relative", .number(relative)), ("outcomes", .array(outcomes.map { .string($0) })),
                 ("max_replicates", .int(maxReplicates)), ("batch", .int(batch))]
            + (difference.map { [("on_difference", JSONValue.string($0))] } ?? [])
            + (tolerance.map { [("tolerance", JSONValue.number($0))] } ?? []))
    }

    /// Why a point stopped getting replicates (or why it has not).
    public enum Stop: Sendable, Equatable {
        /// The half-width is within `relative` of |mean| (or |difference|).
        case relative
        /// The half-width is within the absolute tolerance.
        case tolerance
        /// It reached `maxReplicates` before either.
        case cap
        /// The baseline of a difference target: it runs as long as any other point does.
        case baseline
        /// Not precise yet and below the cap (the sweep was stopped or is still running).
        case running

        public var description: String {
            switch self {
            case .relative: return "precise (95% half-width ≤ target × |estimate|)"
            case .tolerance: return "within tolerance (95% half-width ≤ --tolerance)"
            case .cap: return "stopped at --max-replicates (not precise)"
            case .baseline: return "baseline (runs while any point does)"
            case .running: return "not precise yet"
            }
        }
    }

    /// One point and outcome: the estimate a rule looks at and where it stands.
    public struct Status: Sendable {
        public let point: SweepResults.Point
        public let outcome: String
        /// Replicates of the point (pairs, with a difference target).
        public let n: Int
        /// The mean, or the difference from the baseline.
        public let estimate: Double?
        public let halfWidth: Double?
        public let stop: Stop
    }

    /// Where every point and outcome stands; `outcomeIndex` errors for unknown outcomes.
    public func statuses(_ results: SweepResults) throws(SweepError) -> [Status] {
        var columns: [Int] = []
        for o in outcomes { columns.append(try results.outcomeIndex(o)) }
        let base = try difference.map { s throws(SweepError) in try PolicyComparison.select(s, in: results) }
        var out: [Status] = []
        for p in results.points {
            let capped = p.replicates.count >= maxReplicates
            for c in columns {
                if let base {
                    if p.index == base.index {
                        out.append(Status(point: p, outcome: results.outcomes[c], n: p.replicates.count, estimate: nil, halfWidth: nil, stop: .baseline))
                        continue
                    }
                    let row = PolicyComparison.row(point: p, baseline: base, outcome: c, name: results.outcomes[c],
                                                   method: results.seedRule == .perReplicate ? .paired : .welch)
                    let d = row.difference
                    let h = d.map { ($0.high - $0.low) / 2 }
                    var stop: Stop = capped ? .cap : .running
                    if let d, let h {
                        if h <= relative * abs(d.difference) { stop = .relative } else if let tolerance, h <= tolerance { stop = .tolerance }
                    }
                    out.append(Status(point: p, outcome: results.outcomes[c], n: d?.n ?? 0, estimate: d?.difference, halfWidth: h, stop: stop))
                } else {
                    let s = SampleSummary(p.values(c))
                    let h = s.halfWidth95
                    let stop: Stop = h.map { $0 <= relative * abs(s.mean) } == true ? .relative : capped ? .cap : .running
                    out.append(Status(point: p, outcome: results.outcomes[c], n: s.n, estimate: s.n > 0 ? s.mean : nil, halfWidth: h, stop: stop))
                }
            }
        }
        return out
    }

    /// The batch a replicate belongs to (0 for the first `initial`).
    func batch(ofReplicate r: Int, initial: Int) -> Int { r < initial ? 0 : 1 + (r - initial) / batch }

    /// Where a run's row stands in `summary.csv`: batch by batch, within a batch by run.
    func rowOrder(run: Int, initial: Int) -> (Int, Int) { (batch(ofReplicate: run % maxReplicates, initial: initial), run) }

    /// The runs of the next batch, ascending, given the complete results so far; empty when done.
    /// `initial` is the first batch's replicate count per point.
    func nextBatch(results: SweepResults?, points: [Int], initial: Int) throws(SweepError) -> [Int] {
        guard let results else {
            return points.flatMap { p in (0..<initial).map { p * maxReplicates + $0 } }
        }
        // A point runs on while any of its outcomes is still short of the target (and below the
        // cap); on a difference target the baseline runs whenever any point does.
        let all = try statuses(results)
        let waiting = Set(all.filter { $0.stop == .running }.map(\.point.index))
        guard !waiting.isEmpty else { return [] }
        let baseline = Set(all.filter { $0.stop == .baseline }.map(\.point.index))
        var runs: [Int] = []
        for p in results.points where waiting.contains(p.index) || baseline.contains(p.index) {
            let n = p.replicates.count
            runs += (n..<min(n + batch, maxReplicates)).map { p.index * maxReplicates + $0 }
        }
        return runs.sorted()
    }
}
