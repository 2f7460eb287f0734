/// One of the story's headline numbers, declared on its metric (`MetricCatalog`): what every
/// view shows when the user names no metric — the tables `sweep`, `compare` and `analyze`
/// print, run and sweep charts, reports and the frames' heads-up strip. Views show the headline
/// metrics in catalog order.
public struct MetricHeadline: Sendable {
    /// The summary of a run a sweep's views show (the `summary.csv` column `<metric>_<summary>`).
    public enum Summary: String, Sendable {
        /// The value at the last tick (a level).
        case final
        /// The mean over the run's ticks.
        case mean
        /// The sum over the run's ticks (counters only).
        case total
    }

    /// What sweeps show; nil: the metric heads only the run views (its charts and the strip).
    public let summary: Summary?
    /// Its label on the frames' strip (≤ 16 characters) and the characters kept for its value,
    /// so the strip does not shift as the number grows; nil: not on the strip.
    public let strip: (label: String, digits: Int)?
}
