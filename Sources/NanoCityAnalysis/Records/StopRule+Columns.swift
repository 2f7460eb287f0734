import NanoCityIO

extension StopRule {
    /// A stop rule over the metrics of a run's outcome columns (the catalog's, then the zones').
    public init(_ text: String, columns: OutcomeColumns, origin: String = "--stop-when") throws(ParseError) {
        try self.init(text, metrics: columns.metrics, counters: columns.counters, origin: origin)
    }
}
