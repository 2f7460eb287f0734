import NanoCityIO
import NanoCityStats

/// `--until-precision`: add replicates in fixed batches until every point's 95% half-width of
/// each named outcome is within `relative`·|mean|, or the point has `maxReplicates`.
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

    public init(relative: Double, outcomes: [String], maxReplicates: Int, batch: Int) throws(SweepError) {
        guard relative > 0 && relative <= 10 else { throw .badPlan("--until-precision must be in (0, 10] (0.05 = ±5% of the mean), got \(relative)") }
        guard !outcomes.isEmpty else { throw .badPlan("--until-precision needs --outcome NAME (a summary.csv column such as thefts_total)") }
        for o in outcomes where !RunOutcome.columns.contains(o) {
            throw .badPlan("--outcome \(o): not a summary.csv column; columns are <metric>_final, <metric>_mean and, for counters, <metric>_total (`nanocity params --metrics`)")
        }
        guard maxReplicates >= 2 && maxReplicates <= 100_000 else { throw .badPlan("--max-replicates must be 2…100000, got \(maxReplicates)") }
        guard batch >= 1 && batch <= maxReplicates else { throw .badPlan("--batch must be 1…--max-replicates (\(maxReplicates)), got \(batch)") }
        self.relative = relative
        self.outcomes = outcomes
        self.maxReplicates = maxReplicates
        self.batch = batch
    }

    var json: JSONValue {
        .object([("relative", .number(relative)), ("outcomes", .array(outcomes.map { .string($0) })),
                 ("max_replicates", .int(maxReplicates)), ("batch", .int(batch))])
    }

    /// The batch a replicate belongs to (0 for the first `initial`).
    func batch(ofReplicate r: Int, initial: Int) -> Int { r < initial ? 0 : 1 + (r - initial) / batch }

    /// Where a run's row stands in `summary.csv`: batch by batch, within a batch by run.
    func rowOrder(run: Int, initial: Int) -> (Int, Int) { (batch(ofReplicate: run % maxReplicates, initial: initial), run) }

    /// Whether a point's complete replicates meet the target for every outcome column index.
    func isPrecise(_ point: SweepResults.Point, columns: [Int]) -> Bool {
        columns.allSatisfy { c in
            let s = SampleSummary(point.replicates.map { $0.outcomes[c] })
            guard let h = s.halfWidth95 else { return false }
            return h <= relative * abs(s.mean)
        }
    }

    /// The runs of the next batch, ascending, given the complete results so far; empty when done.
    /// `initial` is the first batch's replicate count per point.
    func nextBatch(results: SweepResults?, points: [Int], initial: Int) throws(SweepError) -> [Int] {
        guard let results else {
            return points.flatMap { p in (0..<initial).map { p * maxReplicates + $0 } }
        }
        var columns: [Int] = []
        for o in outcomes { columns.append(try results.outcomeIndex(o)) }
        var runs: [Int] = []
        for p in results.points {
            let n = p.replicates.count
            guard n < maxReplicates, !isPrecise(p, columns: columns) else { continue }
            runs += (n..<min(n + batch, maxReplicates)).map { p.index * maxReplicates + $0 }
        }
        return runs
    }
}
