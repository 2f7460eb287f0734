import NanoCityEngine

/// The policy levers of one zone: parameters `zones.<name>.<lever>` (`--set`, `[[schedule]]`,
/// arms and `--vary` set them like any other). Every default leaves the city as it would be
/// without the zone, so declaring a zone changes no simulated output.
public struct ZoneLevers: Sendable, Equatable {
    /// Guards assigned to patrol the zone (taken from the force, not added to it).
    public var guards = 0
    /// Share of the force assigned to patrol the zone: the zone gets max(guards, ⌊share · force⌋).
    public var guardShare = 0.0
    /// Probability that a street cell of the zone holds a sensor, where above `sensors.density`.
    public var sensorDensity = 0.0
    /// Share of the zone's sensors that are hardened, where above `sensors.hardened`.
    public var hardened = 0.0
    /// Containment on the zone's cells only (as `containment.enabled` does city-wide).
    public var containment = false
    /// Share of the waste on each zone cell removed per tick, after generation (street sweeping).
    public var wasteCleanup = 0.0
    /// Share of the toxicity on each zone cell removed per tick, in the sensors phase.
    public var toxicityCleanup = 0.0
    /// short2008: a burglar on a zone cell burgles with probability (1 − s)(1 − exp(−A δt)).
    public var burglarySuppression = 0.0

    public init() {}

    /// Whether any lever is away from its default.
    public var isDefault: Bool { self == ZoneLevers() }
}

/// The levers a zone has, with their types, units and meanings.
public enum ZoneLever {
    public typealias Spec = SettingSpec<ZoneLevers>
    static let big = 10_000_000

    /// Every lever, in documentation order.
    public static let all: [Spec] = [
        .int("guards", \.guards, 0...big, "agents",
             "guards assigned to patrol the zone, taken from the force in zone order (they head for it, then patrol inside it)"),
        .num("guard_share", \.guardShare, 0...1, "",
             "share of the force assigned to the zone: it gets max(guards, ⌊share · guards in the city⌋)"),
        .num("sensor_density", \.sensorDensity, 0...1, "1/cell",
             "probability a street cell of the zone holds a sensor, where above sensors.density (extra sensors)").rebuilding(.replaceSensors),
        .num("hardened", \.hardened, 0...1, "",
             "share of the zone's sensors that are hardened, where above sensors.hardened").rebuilding(.replaceSensors),
        .bool("containment", \.containment, "", "containment on the zone's cells only, as containment.enabled does city-wide"),
        .num("waste_cleanup", \.wasteCleanup, 0...1, "1/tick", "share of the waste on each zone cell removed per tick (street sweeping)"),
        .num("toxicity_cleanup", \.toxicityCleanup, 0...1, "1/tick", "share of the toxicity on each zone cell removed per tick"),
        .num("burglary_suppression", \.burglarySuppression, 0...1, "",
             "short2008: burglary probability on the zone's cells times 1 − s (0 = none, 1 = no burglary there)"),
    ]

    public static func spec(named lever: String) -> Spec? { all.first { $0.key == lever } }

    /// The parameter `zones.<zone>.<lever>`, reading and writing `WorldParameters.zoneLevers`.
    static func parameter(zone: String, _ lever: Spec) -> ParameterSpec {
        SettingSpec<WorldParameters>(
            key: "zones.\(zone).\(lever.key)", type: lever.type, unit: lever.unit, doc: lever.doc, schedulable: true,
            read: { lever.value(in: $0.zoneLevers[zone] ?? ZoneLevers()) },
            // A zone whose levers are all at their defaults has no entry, so equal parameters
            // are equal values however they were reached.
            write: { p, v in
                var levers = p.zoneLevers[zone] ?? ZoneLevers()
                lever.apply(v, to: &levers)
                p.zoneLevers[zone] = levers.isDefault ? nil : levers
            }
        ).rebuilding(lever.effect)
    }

    /// The parameter for a `zones.<zone>.<lever>` key (any valid zone name: whether the world
    /// declares it is a consistency check), or why not.
    static func lookup(_ key: String) -> Result<ParameterSpec, ParameterError> {
        let parts = key.split(separator: ".", omittingEmptySubsequences: false)
        let levers = all.map(\.key).joined(separator: ", ")
        guard parts.count == 3, parts[0] == "zones" else {
            return .failure(.unknownZoneKey(key: key, suggestion: nil, hint: "a zone lever is zones.<zone>.<lever>; levers: \(levers)"))
        }
        let zone = String(parts[1])
        guard ZoneDeclaration.isValidName(zone) else {
            return .failure(.unknownZoneKey(key: key, suggestion: nil, hint: "\"\(zone)\" is no zone name (\(ZoneDeclaration.nameRule))"))
        }
        guard let lever = spec(named: String(parts[2])) else {
            let guess = ParameterCatalog.suggestion(for: String(parts[2]), among: all.map(\.key)).map { "zones.\(zone).\($0)" }
            return .failure(.unknownZoneKey(key: key, suggestion: guess, hint: "levers: \(levers)"))
        }
        return .success(parameter(zone: zone, lever))
    }
}
