import NanoCityEngine

/// The `metrics.csv` columns a world's zones add, after the catalog's: for each zone, in
/// declaration order, `zone.<name>.<metric>` for its cells, then (when it has a buffer)
/// `zone.<name>.buffer.<metric>` for its buffer ring.
public enum ZoneMetrics {
    /// What is measured in each area.
    public enum Measure: String, CaseIterable, Sendable {
        case thefts, burglaries, dumps, arrests, guards
        case toxicityMean = "toxicity_mean"
        case wasteMean = "waste_mean"

        /// The event kind a counter counts (at the event's cell); nil for levels.
        public var event: EventKind? {
            switch self {
            case .thefts: .theft
            case .burglaries: .burglary
            case .dumps: .dump
            case .arrests: .arrest
            case .guards, .toxicityMean, .wasteMean: nil
            }
        }

        var unit: String {
            switch self {
            case .thefts, .burglaries, .dumps, .arrests: "events"
            case .guards: "agents"
            case .toxicityMean: "tox"
            case .wasteMean: "mass"
            }
        }

        func doc(_ area: String) -> String {
            switch self {
            case .thefts: "thefts at \(area)'s cells"
            case .burglaries: "short2008 burglaries at \(area)'s cells"
            case .dumps: "biohazard dumps at \(area)'s cells"
            case .arrests: "arrests at \(area)'s cells (where the crew member stood)"
            case .guards: "guards standing on \(area)'s cells"
            case .toxicityMean: "mean toxicity over \(area)'s cells"
            case .wasteMean: "mean waste over \(area)'s cells"
            }
        }
    }

    /// The measures that count events: the ones displacement accounting splits into target,
    /// buffer and rest.
    public static let eventMeasures = Measure.allCases.filter { $0.event != nil }

    /// The column of `measure` in zone `zone`'s cells (`buffer` false) or buffer.
    public static func column(zone: String, buffer: Bool, _ measure: Measure) -> String {
        "zone.\(zone)." + (buffer ? "buffer." : "") + measure.rawValue
    }

    static func columns(names: [String], targets: [ZoneLayout.Area], buffers: [ZoneLayout.Area], size: GridSize) -> [MetricSpec] {
        var out: [MetricSpec] = []
        for z in names.indices {
            out += area(zone: names[z], buffer: false, targets[z], inZone: UInt8(z + 1), size: size)
            if !buffers[z].cells.isEmpty { out += area(zone: names[z], buffer: true, buffers[z], inZone: nil, size: size) }
        }
        return out
    }

    /// The column names `columns` gives for these declarations (without the map: a zone with a
    /// buffer width has buffer columns, since `ZoneLayout` refuses an empty buffer ring).
    public static func names(for zones: [ZoneDeclaration]) -> [(name: String, kind: MetricKind)] {
        zones.flatMap { z in
            ([false] + (z.buffer > 0 ? [true] : [])).flatMap { b in
                Measure.allCases.map { (column(zone: z.name, buffer: b, $0), $0.event != nil ? MetricKind.counter : .level) }
            }
        }
    }

    /// The kind of a zone column (`zone.<name>[.buffer].<measure>`), or nil when `name` is none.
    public static func kind(ofColumn name: String) -> MetricKind? {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3 || (parts.count == 4 && parts[2] == "buffer"), parts[0] == "zone",
              ZoneDeclaration.isValidName(parts[1]), let m = Measure(rawValue: parts[parts.count - 1]) else { return nil }
        return m.event != nil ? .counter : .level
    }

    /// One area's columns. `inZone`: the zone code of the area's cells in `zoneOfCell` (a
    /// zone's own cells are looked up there; a buffer's by search).
    static func area(zone: String, buffer: Bool, _ area: ZoneLayout.Area, inZone: UInt8?, size: GridSize) -> [MetricSpec] {
        let w = size.width
        @Sendable func contains(_ city: City, _ c: Int) -> Bool {
            if let inZone { return city.map.zones.zoneOfCell[c] == inZone }
            return area.contains(c)
        }
        let where_ = buffer ? "zone \(zone)'s buffer" : "zone \(zone)"
        return Measure.allCases.map { m in
            let name = column(zone: zone, buffer: buffer, m), doc = m.doc(where_)
            if let kind = m.event {
                return MetricSpec(name: name, kind: .counter, unit: m.unit, doc: doc) { ctx in
                    var n = 0
                    for e in ctx.city.events where e.kind == kind && e.x >= 0 && contains(ctx.city, Int(e.y) * w + Int(e.x)) { n += 1 }
                    return Double(n)
                }
            }
            switch m {
            case .guards:
                return MetricSpec(name: name, kind: .level, unit: m.unit, doc: doc) { ctx in
                    var n = 0
                    for c in ctx.city.guards.cell where contains(ctx.city, Int(c)) { n += 1 }
                    return Double(n)
                }
            default:
                let toxicity = m == .toxicityMean
                return MetricSpec(name: name, kind: .level, unit: m.unit, doc: doc) { ctx in
                    let f = toxicity ? ctx.city.toxicity.values : ctx.city.waste.values
                    var s = 0.0
                    for c in area.cells { s += Double(f[Int(c)]) }
                    return s / Double(area.cells.count)
                }
            }
        }
    }
}
