import NanoCityEngine

/// A restored state is untrusted input (a checkpoint's checksum catches damage, not intent):
/// every value is checked against the map, the parameters and the rest of the state before
/// the city runs, so that a crafted file is one clear error — never a trap in the tick, a
/// hang, or outputs that quietly describe another run.
extension City {
    /// Ticks a state may have reached (runs are at most 10⁷ ticks; events store the tick as 32 bits).
    public static let maxRestoredTick = 100_000_000
    /// Largest agent id a state may hold (ids are counted up from 0; far from overflowing).
    static let maxRestoredID: Int64 = 1 << 62

    /// The first problem with a restored state, or nil.
    func restoredStateProblem() -> String? {
        let n = map.size.count
        guard (0...Self.maxRestoredTick).contains(tick) else { return "tick \(tick) is outside 0…\(Self.maxRestoredTick)" }
        guard rng.s0 | rng.s1 | rng.s2 | rng.s3 != 0 else { return "the random generator's state is all zero (no run produces it)" }
        if let p = ParameterCatalog.consistencyProblems(params).first { return "parameters: \(p)" }
        for entry in params.schedule {
            for c in entry.changes where ParameterCatalog.spec(for: c.key)?.schedulable != true {
                return "schedule entry at tick \(entry.tick) changes \(c.key), which cannot change during a run"
            }
        }

        // Fields: finite and non-negative (every rule only adds to them or takes what is there).
        for (name, field) in [("waste", waste), ("components", components), ("toxicity", toxicity), ("attractiveness", attractiveness)] {
            for (c, v) in field.values.enumerated() where !(v.isFinite && v >= 0) {
                return "\(name) at cell \(c) is \(v); fields hold finite values ≥ 0"
            }
        }
        for (name, v) in [("reservoir", reservoir), ("crew cash", crewCash)] where !(v.isFinite && v >= 0) {
            return "\(name) is \(v); it must be finite and ≥ 0"
        }
        guard publicHealth.isFinite, (0...1).contains(publicHealth) else { return "public health \(publicHealth) is outside 0…1" }

        // Agents: finite loads, ids unique and below the next id (state codes and cells were
        // checked against each column's declared range as it was decoded).
        var ids = Set<Int64>()
        func id(_ i: Int64, _ what: String) -> String? {
            guard i >= 0, i < nextID else { return "\(what) has id \(i), outside 0…\(nextID - 1) (the next id is \(nextID))" }
            guard ids.insert(i).inserted else { return "\(what) has id \(i), which another agent has too" }
            return nil
        }
        guard (0...Self.maxRestoredID).contains(nextID) else { return "next agent id \(nextID) is outside 0…2⁶²" }
        func load(_ v: Float) -> Bool { v.isFinite && v >= 0 }
        for k in 0..<recyclers.count {
            if let p = id(recyclers.id[k], "recycler \(k)") { return p }
            guard load(recyclers.load[k]) else { return "recycler \(k) carries \(recyclers.load[k])" }
            guard recyclers.health[k].isFinite, (0...1).contains(recyclers.health[k]) else { return "recycler \(k) has health \(recyclers.health[k]), outside 0…1" }
        }
        for k in 0..<scavengers.count {
            if let p = id(scavengers.id[k], "scavenger \(k)") { return p }
            guard load(scavengers.load[k]) else { return "scavenger \(k) carries \(scavengers.load[k])" }
            guard (0...Int32(clamping: tick)).contains(scavengers.idle[k]) else {
                return "scavenger \(k) has been idle \(scavengers.idle[k]) ticks, more than the run's \(tick)"
            }
        }
        guard scavengers.count == params.scavengers.count else {
            return "\(scavengers.count) scavengers, but scavengers.count is \(params.scavengers.count) (nothing else changes their number)"
        }
        for k in 0..<crew.count {
            if let p = id(crew.id[k], "crew member \(k)") { return p }
            guard let s = CrewStore.State(rawValue: crew.state[k]) else { return "crew member \(k) has state code \(crew.state[k])" }
            guard load(crew.loot[k]), load(crew.lootValue[k]) else { return "crew member \(k) carries loot \(crew.loot[k]) worth \(crew.lootValue[k])" }
            if crew.isFree(k) && crew.cell[k] < 0 { return "crew member \(k) is out in the city but at no cell" }
            let jail = crew.jail[k]
            guard jail >= 0, Int(jail) <= Self.maxRestoredTick else { return "crew member \(k) (\(s)) has \(jail) ticks of jail left" }
        }
        var guardsAt = [UInt32](repeating: 0, count: n)
        for k in 0..<guards.count {
            if let p = id(guards.id[k], "guard \(k)") { return p }
            guardsAt[Int(guards.cell[k])] += 1
        }
        for k in 0..<informants.count {
            if let p = id(informants.id[k], "informant \(k)") { return p }
            // Silenced informants leave at the end of the tick that silenced them.
            guard informants.state[k] == InformantStore.State.walking.rawValue else { return "informant \(k) has state code \(informants.state[k])" }
        }
        for k in 0..<tipDue.count {
            // Due tips were delivered in the tick's sensors phase; no delay exceeds the catalog's 100,000.
            guard Int(tipDue[k]) > tick, Int(tipDue[k]) <= tick + 100_000 else {
                return "tip \(k) is due at tick \(tipDue[k]), outside \(tick + 1)…\(tick + 100_000)"
            }
            guard tipAgent[k] >= 0, tipAgent[k] < nextID else { return "tip \(k) names agent \(tipAgent[k]), outside 0…\(nextID - 1)" }
        }
        if let c = guardCount.indices.first(where: { guardCount[$0] != guardsAt[$0] }) {
            return "guard counts: cell \(c) counts \(guardCount[c]) guards, \(guardsAt[c]) stand there"
        }
        for (kind, count) in [("recyclers", recyclers.count), ("guards", guards.count), ("crew", crew.count),
                              ("informants", informants.count), ("tips", tipDue.count)] where count > Self.maxRestoredTick {
            return "\(count) \(kind); at most \(Self.maxRestoredTick)"
        }

        // Sensors: the counts and coverage the sensors themselves imply.
        let hacked = sensors.hacked.reduce(0) { $0 + ($1 ? 1 : 0) }
        guard sensors.hackedCount == hacked else { return "sensors: \(sensors.hackedCount) counted as hacked, \(hacked) are" }
        for (s, c) in sensors.cell.enumerated() where sensors.sensorAt[Int(c)] != Int32(s) {
            return "sensors: sensor \(s) is not where the map of sensors says"
        }
        if let p = coverageProblem() { return p }
        for (i, q) in centres.queue.enumerated() where !(q.isFinite && q >= 0) { return "centre \(i) has a queue of \(q)" }
        for (i, q) in centres.components.enumerated() where !(q.isFinite && q >= 0) { return "centre \(i) stores \(q) components" }

        // Alerts, crimes and the heist: times within the run, counts that cannot overflow.
        for k in 0..<alertCell.count {
            guard (0...Int32(clamping: tick)).contains(alertTick[k]) else { return "alert \(k) was raised at tick \(alertTick[k]), not in 0…\(tick)" }
            guard alertTTL[k] >= 0, Int(alertTTL[k]) <= Self.maxRestoredTick else { return "alert \(k) has time-to-live \(alertTTL[k])" }
        }
        for (i, v) in crimeWindow.enumerated() where !(0...(1 << 30)).contains(v) { return "crime window slot \(i) counts \(v) crimes" }
        if heist.active {
            guard (0...tick).contains(heist.start) else { return "the heist under way started at tick \(heist.start), not in 0…\(tick)" }
        } else if !(0...tick).contains(heist.start) {
            return "the last heist started at tick \(heist.start), not in 0…\(tick)"
        }
        guard (0...max(params.heist.holdTicks, 0)).contains(heist.hold) else { return "the heist has held the Heart \(heist.hold) ticks" }
        guard heist.lastEnd == HeistState().lastEnd || (0...tick).contains(heist.lastEnd) else {
            return "the last heist ended at tick \(heist.lastEnd), not in 0…\(tick)"
        }
        return countersProblem() ?? eventsProblem()
    }

    /// The tick's counters: finite, non-negative, and no larger than a tick can make them.
    func countersProblem() -> String? {
        let c = counters
        let ints = [("thefts", c.thefts), ("dumps", c.dumps), ("dumps detected", c.dumpsDetected), ("arrests", c.arrests),
                    ("alerts", c.alerts), ("hacks", c.hacks), ("heist attempts", c.heistAttempts), ("guards recruited", c.guardsRecruited),
                    ("crew recruited", c.crewRecruited), ("recyclers recruited", c.recyclersRecruited), ("burglaries", c.burglaries)]
        for (name, v) in ints where !(0...(1 << 40)).contains(v) { return "counter \(name) is \(v) for one tick" }
        guard c.dumpsDetected <= c.dumps else { return "counter dumps detected (\(c.dumpsDetected)) exceeds dumps (\(c.dumps))" }
        guard c.heistAttempts <= 1 else { return "\(c.heistAttempts) heists started in one tick (at most 1)" }
        let doubles = [("delivered", c.delivered), ("recycled", c.recycled), ("stolen", c.stolen), ("heist losses", c.heistLosses),
                       ("legal sales", c.salesLegal), ("black sales", c.salesBlack), ("toxicity cleaned", c.toxicityCleaned),
                       ("littered", c.littered), ("returned heist loot", c.heistReturned)]
        for (name, v) in doubles where !(v.isFinite && v >= 0) { return "counter \(name) is \(v)" }
        return nil
    }

    func eventsProblem() -> String? {
        let w = Int32(map.size.width), h = Int32(map.size.height)
        for (i, e) in events.enumerated() {
            guard Int(e.tick) == tick else { return "event \(i) is of tick \(e.tick); a state holds its own tick's (\(tick))" }
            guard (e.x == -1 && e.y == -1) || ((0..<w).contains(e.x) && (0..<h).contains(e.y)) else { return "event \(i) is at (\(e.x), \(e.y)), outside the map" }
            guard e.amount.isFinite else { return "event \(i) has amount \(e.amount)" }
        }
        return nil
    }

    /// Coverage counts recomputed from the sensors, against the restored ones.
    func coverageProblem() -> String? {
        let n = map.size.count
        var active = [Int32](repeating: 0, count: n), hackable = active, hacked = active
        for s in 0..<sensors.count {
            let isHacked = sensors.hacked[s], hard = sensors.hardened[s]
            map.size.forEachCell(around: Int(sensors.cell[s]), radius: params.sensors.radius) { cell in
                if isHacked { hacked[cell] += 1 } else {
                    active[cell] += 1
                    if !hard { hackable[cell] += 1 }
                }
            }
        }
        for c in 0..<n where Int32(sensors.coverActive[c]) != active[c] || Int32(sensors.coverHackable[c]) != hackable[c]
            || Int32(sensors.coverHacked[c]) != hacked[c] {
            return "sensor coverage at cell \(c) does not match the sensors around it"
        }
        return nil
    }
}
