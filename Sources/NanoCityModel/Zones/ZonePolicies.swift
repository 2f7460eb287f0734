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
    mutating func sweepZones() {
        for (z, l) in zoneLevers.enumerated() where l.wasteCleanup > 0 {
            let keep = Float(1 - l.wasteCleanup)
            for c in map.zones.targets[z].cells { waste.values[Int(c)] *= keep }
        }
    }

    /// Toxicity clean-up: each zone cell loses `toxicity_cleanup` of its toxicity (sensors phase).
    mutating func cleanZoneToxicity() {
        for (z, l) in zoneLevers.enumerated() where l.toxicityCleanup > 0 {
            let keep = Float(1 - l.toxicityCleanup)
            for c in map.zones.targets[z].cells { toxicity.values[Int(c)] *= keep }
        }
    }

    /// Zone-scoped containment: with containment off city-wide, every active sensor, in list
    /// order, cleans the cells of its radius that lie in a zone with `containment` on (the
    /// same rate and recovery as city-wide containment).
    mutating func containZones() {
        guard zoneContainment, !params.containment.enabled, params.containment.cleanRate > 0 else { return }
        let rate = Float(params.containment.cleanRate)
        var cleaned = 0.0
        let owner = map.zones.zoneOfCell
        for s in 0..<sensors.count where !sensors.hacked[s] {
            map.size.forEachCell(around: Int(sensors.cell[s]), radius: params.sensors.radius) { cell in
                let z = Int(owner[cell])
                guard z > 0, zoneLevers[z - 1].containment else { return }
                let removed = toxicity.values[cell] * rate
                toxicity.values[cell] -= removed
                cleaned += Double(removed)
            }
        }
        counters.toxicityCleaned += cleaned
        reservoir += cleaned * params.containment.recovery
    }

    /// The sensor probability of street cell `c`: `sensors.density`, or its zone's
    /// `sensor_density` where higher.
    @inline(__always) func sensorDensity(at c: Int) -> Double {
        let d = params.sensors.density
        guard !zoneLevers.isEmpty, case let z = Int(map.zones.zoneOfCell[c]), z > 0 else { return d }
        return max(d, zoneLevers[z - 1].sensorDensity)
    }

    /// The hardening probability of a sensor at `c`: `sensors.hardened`, or its zone's where higher.
    @inline(__always) func hardenedShare(at c: Int) -> Double {
        let h = params.sensors.hardened
        guard !zoneLevers.isEmpty, case let z = Int(map.zones.zoneOfCell[c]), z > 0 else { return h }
        return max(h, zoneLevers[z - 1].hardened)
    }

    /// short2008: the factor on the burglary probability at `c` (1 outside suppressed zones).
    @inline(__always) func burglaryFactor(at c: Int) -> Double {
        guard !zoneLevers.isEmpty, case let z = Int(map.zones.zoneOfCell[c]), z > 0 else { return 1 }
        return 1 - zoneLevers[z - 1].burglarySuppression
    }
}

extension AgentView {
    /// The zone guard `g` patrols this tick, or -1.
    @inline(__always) func patrolZone(ofGuard g: Int) -> Int {
        for (z, end) in guardZoneEnd.enumerated() where g < Int(end) { return z }
        return -1
    }

    @inline(__always) func inZone(_ c: Int, _ z: Int) -> Bool { Int(map.zones.zoneOfCell[c]) == z + 1 }

    /// Whether containment holds on cell `c`: city-wide, or in a zone with `containment` on.
    @inline(__always) func containmentOn(at c: Int) -> Bool {
        if params.containment.enabled { return true }
        guard zoneContainment, case let z = Int(map.zones.zoneOfCell[c]), z > 0 else { return false }
        return zoneLevers[z - 1].containment
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
