import NanoCityEngine

/// Whether a metric counts what happened during one tick or measures a level at the tick's end.
public enum MetricKind: String, Sendable {
    /// Per-tick count or amount (summed over a run in sweep summaries).
    case counter
    /// State at the end of the tick.
    case level
}

/// Whole-field statistics computed once per sample, shared by several metrics.
public struct FieldStats: Sendable {
    public var total = 0.0
    public var max: Float = 0

    init() {}

    init(_ field: ScalarField) {
        (total, max) = ScalarField.sumAndMaximum(field.values)
    }
}

/// What a metric is computed from: the city plus shared field statistics.
public struct MetricContext {
    public let city: City
    public let waste: FieldStats
    public let components: FieldStats
    public let toxicity: FieldStats
    public let attractiveness: FieldStats

    public init(_ city: City) {
        self.city = city
        // Four independent sums, one task each (each sum's order is fixed: same bits on any
        // core), into stack space: no allocation per tick.
        let parallel = city.threads > 1 && city.map.size.count >= 4 * RowBands.minimumCellsPerBand
        (waste, components, toxicity, attractiveness) = withUnsafeTemporaryAllocation(of: FieldStats.self, capacity: 4) { out in
            ConcurrentTasks.run(count: 4, threads: parallel ? city.threads : 1) { k in
                let field = k == 0 ? city.waste : k == 1 ? city.components : k == 2 ? city.toxicity : city.attractiveness
                (out.baseAddress! + k).initialize(to: FieldStats(field))
            }
            return (out[0], out[1], out[2], out[3])
        }
    }
}

/// One column of `metrics.csv`.
public struct MetricSpec: Sendable {
    public let name: String
    public let kind: MetricKind
    public let unit: String
    public let doc: String
    /// Set when the metric is one of the story's headline numbers.
    public private(set) var headline: MetricHeadline?
    let compute: @Sendable (MetricContext) -> Double

    init(name: String, kind: MetricKind, unit: String, doc: String, compute: @escaping @Sendable (MetricContext) -> Double) {
        self.name = name
        self.kind = kind
        self.unit = unit
        self.doc = doc
        self.compute = compute
    }

    /// This metric as a headline number: `summary` for sweeps (nil: run views only), `strip`
    /// its label on the frames' strip with `digits` characters for the value.
    func headline(_ summary: MetricHeadline.Summary?, strip label: String? = nil, digits: Int = 0) -> MetricSpec {
        precondition(summary != .total || kind == .counter, "\(name): only a counter has a total")
        var m = self
        m.headline = MetricHeadline(summary: summary, strip: label.map { ($0, digits) })
        return m
    }
}

/// The declared metrics, in column order: `metrics.csv`, sweep summaries and the README table
/// all come from this one list.
public enum MetricCatalog {
    static func level(_ n: String, _ unit: String, _ doc: String, _ f: @escaping @Sendable (MetricContext) -> Double) -> MetricSpec {
        MetricSpec(name: n, kind: .level, unit: unit, doc: doc, compute: f)
    }
    /// The level metric counting agents of `kind` out in the city; every kind has one
    /// (MetricCatalogTests checks).
    static func population(_ kind: AgentKind) -> MetricSpec {
        level(kind.metric.name, "agents", kind.metric.doc) { Double($0.city.population(kind)) }
    }
    static func counter(_ n: String, _ unit: String, _ doc: String, _ f: @escaping @Sendable (MetricContext) -> Double) -> MetricSpec {
        MetricSpec(name: n, kind: .counter, unit: unit, doc: doc, compute: f)
    }
    static func count<T: Sequence>(_ s: T, _ p: (T.Element) -> Bool) -> Double {
        var n = 0
        for e in s where p(e) { n += 1 }
        return Double(n)
    }

    public static let all: [MetricSpec] = [
        level("waste_total", "mass", "waste lying on all cells") { $0.waste.total },
        level("components_total", "mass", "components lying on all cells") { $0.components.total },
        level("toxicity_total", "tox", "sum of toxicity over all cells") { $0.toxicity.total },
        level("toxicity_max", "tox", "largest cell toxicity") { Double($0.toxicity.max) },
        level("toxicity_mean", "tox", "mean cell toxicity") { $0.toxicity.total / Double($0.city.map.size.count) }
            .headline(.mean, strip: "mean toxicity", digits: 8),
        level("public_health", "", "exp(−mean residential toxicity / health.toxicity_scale), in (0, 1]") { $0.city.publicHealth }
            .headline(.mean, strip: "public health", digits: 6),
        level("reservoir_stock", "mass", "stock in the Heart of Recycling") { $0.city.reservoir }
            .headline(.final, strip: "reservoir", digits: 8),
        level("centre_queue", "mass", "waste waiting at centres") { $0.city.centres.queue.reduce(0, +) },
        level("centre_components", "mass", "components stored at centres") { $0.city.centres.components.reduce(0, +) },
        counter("delivered", "mass", "waste delivered to centres by recyclers") { $0.city.counters.delivered },
        counter("recycled", "mass", "waste processed by centres") { $0.city.counters.recycled },
        counter("littered", "mass", "waste littered onto streets (improper disposal)") { $0.city.counters.littered },
        counter("sales_legal", "mass", "components sold to centres by scavengers") { $0.city.counters.salesLegal },
        counter("sales_black", "mass", "components sold to the crew by scavengers") { $0.city.counters.salesBlack },
        counter("thefts", "events", "thefts from centres and the Heart") { Double($0.city.counters.thefts) }
            .headline(.total, strip: "thefts", digits: 7),
        counter("stolen", "mass", "mass stolen") { $0.city.counters.stolen },
        counter("dumps", "events", "biohazard dumps") { Double($0.city.counters.dumps) },
        counter("dumps_detected", "events", "dumps detected by sensors") { Double($0.city.counters.dumpsDetected) },
        counter("dumps_undetected", "events", "dumps no sensor detected") {
            Double($0.city.counters.dumps - $0.city.counters.dumpsDetected)
        }.headline(.total),
        counter("arrests", "events", "crew members arrested") { Double($0.city.counters.arrests) }
            .headline(.total, strip: "arrests", digits: 7),
        counter("alerts", "events", "alerts raised: by sensors, the heist alarm and informants' tips") { Double($0.city.counters.alerts) },
        level("alerts_open", "alerts", "alerts not yet answered or expired") { Double($0.city.alertCell.count) },
        counter("hacks", "events", "sensors hacked") { Double($0.city.counters.hacks) },
        level("sensors_active", "sensors", "sensors not hacked") { Double($0.city.sensors.count - $0.city.sensors.hackedCount) },
        level("sensors_hacked", "sensors", "hacked sensors") { Double($0.city.sensors.hackedCount) },
        counter("toxicity_cleaned", "tox", "toxicity removed by containment") { $0.city.counters.toxicityCleaned },
        counter("heist_attempts", "events", "heists started") { Double($0.city.counters.heistAttempts) },
        counter("heist_losses", "mass", "reservoir stock lost to successful heists") { $0.city.counters.heistLosses }
            .headline(.total),
        level("heist_active", "", "1 while a heist is under way") { $0.city.heistActive ? 1 : 0 },
        level("crew_cash", "price", "crew money not yet spent on recruits") { $0.city.crewCash },
        population(.recycler),
        level("recyclers_sick", "agents", "recyclers at home sick") {
            count($0.city.recyclers.state) { $0 == RecyclerStore.State.sick.rawValue }
        },
        population(.scavenger),
        population(.crew),
        level("crew_jailed", "agents", "crew members in jail") {
            count($0.city.crew.state) { $0 == CrewStore.State.jailed.rawValue }
        }.headline(nil, strip: "jailed", digits: 5),
        population(.guard),
        counter("guards_recruited", "agents", "guards added by community recruitment") { Double($0.city.counters.guardsRecruited) },
        counter("crew_recruited", "agents", "crew members bought with crew cash") { Double($0.city.counters.crewRecruited) },
        counter("recyclers_recruited", "agents", "recyclers brought in by education") { Double($0.city.counters.recyclersRecruited) },
        level("education_level", "", "education level in [0, 1]") { $0.city.educationLevel },
        level("attractiveness_mean", "1/time", "mean crime attractiveness A = A0 + B") {
            $0.city.params.crime.a0 + $0.attractiveness.total / Double($0.city.map.size.count)
        },
        level("attractiveness_max", "1/time", "largest crime attractiveness A") { $0.city.params.crime.a0 + Double($0.attractiveness.max) },
        counter("burglaries", "events", "short2008 burglaries") { Double($0.city.counters.burglaries) },
        counter("heist_losses_net", "mass",
                "heist_losses minus the heist loot arrests returned to the reservoir (negative in a tick when more came back than was taken)") {
            $0.city.counters.heistLosses - $0.city.counters.heistReturned
        }.headline(.total),
        population(.informant),
        counter("tips", "events", "informants' tips that reached the guards (each raises an alert)") { Double($0.city.counters.tips) },
        counter("informants_silenced", "agents", "informants discovered and silenced by the crew") { Double($0.city.counters.informantsSilenced) },
    ]

    /// The headline metrics, in column order.
    public static var headlines: [MetricSpec] { all.filter { $0.headline != nil } }

    /// The `summary.csv` columns of the headline metrics sweeps show (`thefts_total`, …), in
    /// column order: the outcomes `sweep`, `compare`, `analyze`, `plot` and reports show by default.
    public static var headlineOutcomes: [String] {
        headlines.compactMap { m in m.headline?.summary.map { m.name + "_" + $0.rawValue } }
    }

    /// Column names, in order.
    public static var names: [String] { all.map(\.name) }

    /// The column of the metric called `name`.
    public static func index(of name: String) -> Int? { all.firstIndex { $0.name == name } }

    /// Every `metrics.csv` column of a run on `map`: the catalog's, then its zones'
    /// (`ZoneMetrics`; none without zones).
    public static func columns(for map: CityMap) -> [MetricSpec] {
        map.zones.isEmpty ? all : all + map.zones.metrics
    }

    /// One sample of every metric (`columns(for: city.map)`) for the city's current state.
    public static func sample(_ city: City) -> [Double] {
        let ctx = MetricContext(city)
        let zones = city.map.zones.metrics
        guard !zones.isEmpty else { return all.map { $0.compute(ctx) } }
        var out: [Double] = []
        out.reserveCapacity(all.count + zones.count)
        for m in all { out.append(m.compute(ctx)) }
        for m in zones { out.append(m.compute(ctx)) }
        return out
    }
}
