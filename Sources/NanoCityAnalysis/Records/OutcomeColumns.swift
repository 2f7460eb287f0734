import NanoCityModel

/// The metrics a sweep's or fork's runs are summarised over: the catalog's, then the world's
/// zones' (`zone.<name>.<metric>`), each with its kind (counters also get a `_total`).
public struct OutcomeColumns: Sendable, Equatable {
    /// Metric names, in `metrics.csv` order.
    public let metrics: [String]
    /// Per metric: whether it is a per-tick counter.
    public let counters: [Bool]

    /// The catalog's metrics alone (a world without zones).
    public static let catalog = OutcomeColumns(metrics: MetricCatalog.all.map(\.name), counters: MetricCatalog.all.map { $0.kind == .counter })

    init(metrics: [String], counters: [Bool]) {
        self.metrics = metrics
        self.counters = counters
    }

    /// The columns of runs of a world with these parameters (its zones' columns depend only
    /// on their declarations).
    public init(world p: WorldParameters) {
        let zones = ZoneMetrics.names(for: p.zones)
        self.init(metrics: Self.catalog.metrics + zones.map(\.name), counters: Self.catalog.counters + zones.map { $0.kind == .counter })
    }

    /// From the zone columns a `sweep.json` lists; nil when one is not a zone column.
    public init?(zoneColumns: [String]) {
        guard zoneColumns.count <= ZoneDeclaration.maxZones * 2 * ZoneMetrics.Measure.allCases.count else { return nil }
        var counters: [Bool] = []
        for c in zoneColumns {
            guard let k = ZoneMetrics.kind(ofColumn: c) else { return nil }
            counters.append(k == .counter)
        }
        self.init(metrics: Self.catalog.metrics + zoneColumns, counters: Self.catalog.counters + counters)
    }

    public var count: Int { metrics.count }

    /// The zones' metric names (after the catalog's).
    public var zoneColumns: [String] { Array(metrics.dropFirst(Self.catalog.count)) }

    /// The summary columns: per metric `_final`, `_mean` and, for counters, `_total`.
    public var names: [String] {
        metrics.indices.flatMap { i in [metrics[i] + "_final", metrics[i] + "_mean"] + (counters[i] ? [metrics[i] + "_total"] : []) }
    }
}
