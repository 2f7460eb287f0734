import NanoCityEngine

// What zone levers do to the tick (README "Model", place-based policies). Every rule is inert
// at the levers' defaults: a world with zones and no lever set runs exactly as without them.

extension City {
    /// The zones' current levers, in zone order, from `params.zoneLevers` (at the start and
    /// after every schedule entry, so the tick never looks names up).
    mutating func refreshZoneLevers() {
        let names = map.zones.names
        if zoneLevers.count != names.count { zoneLevers = [ZoneLevers](repeating: ZoneLevers(), count: names.count) }
        for (z, name) in names.enumerated() { zoneLevers[z] = params.zoneLevers[name] ?? ZoneLevers() }
        zoneContainment = zoneLevers.contains { $0.containment }
    }

    /// Which guards patrol which zone this tick: zone z takes the guards (store order) from
    /// `guardZoneEnd[z − 1]` (0 for the first zone) up to `guardZoneEnd[z]`, max(guards,
    /// ⌊share · force⌋) of them, as many as the zones before it left.
    mutating func assignGuardsToZones() {
        guard !zoneLevers.isEmpty else { return }
        if guardZoneEnd.count != zoneLevers.count { guardZoneEnd = [Int32](repeating: 0, count: zoneLevers.count) }
        let force = guards.count
        var used = 0
        for (z, l) in zoneLevers.enumerated() {
            let share = Int((l.guardShare * Double(force)).rounded(.down))
            used = min(force, used + max(l.guards, share))
            guardZoneEnd[z] = Int32(used)
        }
    }

    /// Street sweeping: each zone cell loses `waste_cleanup` of its waste (after generation,
    /// before agents look for waste).
    mutating func sweepZones() { Self.thin(&waste, zoneLevers, map.zones, by: \.wasteCleanup) }

    /// Toxicity clean-up: each zone cell loses `toxicity_cleanup` of its toxicity (sensors phase).
    mutating func cleanZoneToxicity() { Self.thin(&toxicity, zoneLevers, map.zones, by: \.toxicityCleanup) }

    /// Removes the share `lever` gives from `field` on every cell of each zone.
    static func thin(_ field: inout ScalarField, _ levers: [ZoneLevers], _ zones: ZoneLayout, by lever: KeyPath<ZoneLevers, Double>) {
        for (z, l) in levers.enumerated() where l[keyPath: lever] > 0 {
            let keep = Float(1 - l[keyPath: lever])
            for c in zones.targets[z].cells { field.values[Int(c)] *= keep }
        }
    }

    /// Whether containment holds on cell `c`: city-wide, or in a zone with `containment` on.
    @inline(__always) func containmentOn(at c: Int) -> Bool {
        params.containment.enabled || (zoneContainment && zoneLevers.at(c, in: map.zones)?.containment == true)
    }

    /// The sensor probability of street cell `c`: `sensors.density`, or its zone's
    /// `sensor_density` where higher.
    @inline(__always) func sensorDensity(at c: Int) -> Double {
        max(params.sensors.density, zoneLevers.at(c, in: map.zones)?.sensorDensity ?? 0)
    }

    /// The hardening probability of a sensor at `c`: `sensors.hardened`, or its zone's where higher.
    @inline(__always) func hardenedShare(at c: Int) -> Double {
        max(params.sensors.hardened, zoneLevers.at(c, in: map.zones)?.hardened ?? 0)
    }

    /// short2008: the factor on the burglary probability at `c` (1 outside suppressed zones).
    @inline(__always) func burglaryFactor(at c: Int) -> Double {
        1 - (zoneLevers.at(c, in: map.zones)?.burglarySuppression ?? 0)
    }
}

extension [ZoneLevers] {
    /// The levers of the zone holding cell `c` (these are the zones' levers in zone order),
    /// or nil outside every zone.
    @inline(__always) func at(_ c: Int, in zones: ZoneLayout) -> ZoneLevers? {
        guard !isEmpty, case let z = Int(zones.zoneOfCell[c]), z > 0 else { return nil }
        return self[z - 1]
    }
}

extension AgentView {
    /// The zone guard `g` patrols this tick, or -1.
    @inline(__always) func patrolZone(ofGuard g: Int) -> Int {
        for (z, end) in guardZoneEnd.enumerated() where g < Int(end) { return z }
        return -1
    }

    @inline(__always) func inZone(_ c: Int, _ z: Int) -> Bool { Int(map.zones.zoneOfCell[c]) == z + 1 }

    /// Whether containment holds on cell `c` (as `City.containmentOn`, on the world as the phase began).
    @inline(__always) func containmentOn(at c: Int) -> Bool {
        params.containment.enabled || (zoneContainment && zoneLevers.at(c, in: map.zones)?.containment == true)
    }

    /// A zone guard's move: outside its zone it heads for the zone's anchor; inside, it patrols
    /// by `guards.patrol` but never steps out (a step that would leave is not taken; `hotspot`
    /// climbs among the zone's cells; `sensor` answers only alerts inside the zone and idles
    /// about the anchor instead of its station).
    func zonePatrol(_ g: Int, zone z: Int, from c: Int, _ rng: inout AgentStream, _ gc: GuardStore.Columns,
                    _ intent: inout AgentIntent) -> Int {
        let anchor = Int(map.zones.anchors[z])
        guard inZone(c, z) else {
            gc.target[g] = -1
            gc.state[g] = GuardStore.State.patrolling.rawValue
            return stepToward(c, anchor)
        }
        var next = c
        switch params.guards.patrol {
        case .random:
            next = randomNeighbor(c, &rng)
        case .hotspot:
            next = rng.chance(City.hotspotNoise) ? randomNeighbor(c, &rng) : climbAttractiveness(c, &rng, zone: z)
        case .sensor:
            next = sensorStep(g, from: c, home: anchor, zone: z, &rng, gc, &intent)
        }
        return inZone(next, z) ? next : c
    }
}
