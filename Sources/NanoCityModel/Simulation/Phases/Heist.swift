import NanoCityEngine

/// The state of the crew's heist on the Heart of Recycling.
struct HeistState: Sendable {
    var active = false
    var start = 0
    /// Consecutive ticks the crew has held the Heart.
    var hold = 0
    /// Tick the last heist ended (for `heist.cooldown`).
    var lastEnd = Int.min / 2
}

extension City {
    /// Whether a heist is under way.
    public var heistActive: Bool { heist.active }

    /// Free (not jailed) crew members.
    public var freeCrew: Int {
        var n = 0
        for k in 0..<crew.count where crew.isFree(k) { n += 1 }
        return n
    }

    /// Phase 2: a heist starts at `heist.tick`, or when free crew reach `heist.strength`
    /// (at least `heist.cooldown` ticks after the previous heist ended). Every free member joins;
    /// the Heart raises an alert that stays open for `heist.max_duration` ticks.
    mutating func triggerHeistIfDue() {
        guard !heist.active else { return }
        let h = params.heist
        let scheduled = h.tick >= 0 && tick == h.tick
        let strong = h.strength > 0 && freeCrew >= h.strength && tick - heist.lastEnd >= h.cooldown
        guard scheduled || strong else { return }
        var joined = 0
        for k in 0..<crew.count
        where crew.state[k] == CrewStore.State.prowling.rawValue || crew.state[k] == CrewStore.State.fleeing.rawValue {
            crew.state[k] = CrewStore.State.heist.rawValue
            joined += 1
        }
        guard joined > 0 else { return }
        heist = HeistState(active: true, start: tick, hold: 0, lastEnd: heist.lastEnd)
        counters.heistAttempts += 1
        emit(.heistStart, cell: Int(map.heart), amount: Double(joined))
        recordCrime(at: Int(map.heart), reported: true)
        raiseAlert(at: Int(map.heart), ttl: h.maxDuration)
    }

    /// Phase 5: the crew holds the Heart this tick when its members within `heist.radius` (not
    /// trapped by containment) outnumber `heist.guard_weight` × the guards there. After `hold_ticks` consecutive held
    /// ticks the heist succeeds: `loss_fraction` of the reservoir is lost, shared as loot among
    /// the members at the Heart, who flee. A heist fails after `max_duration` ticks or when no
    /// member is left.
    mutating func resolveHeist() {
        guard heist.active else { return }
        let h = params.heist
        let heart = Int(map.heart)
        var near: [Int] = []
        var members = 0
        for k in 0..<crew.count where crew.state[k] == CrewStore.State.heist.rawValue {
            members += 1
            if distance(Int(crew.cell[k]), heart) <= h.radius && !crew.trapped[k] { near.append(k) }
        }
        var guardsNear = 0
        map.size.forEachCell(around: heart, radius: h.radius) { guardsNear += Int(guardCount[$0]) }
        if !near.isEmpty && Double(near.count) > h.guardWeight * Double(guardsNear) {
            heist.hold += 1
        } else {
            heist.hold = 0
        }
        if heist.hold >= h.holdTicks {
            let loss = reservoir * h.lossFraction
            reservoir -= loss
            counters.heistLosses += loss
            emit(.heist, cell: heart, amount: loss)
            let share = loss / Double(near.count)
            for k in near {
                crew.loot[k] += Float(share)
                crew.heistLoot[k] += Float(share)
                crew.lootValue[k] += Float(share * params.market.stockPrice)
            }
            endHeist()
        } else if tick - heist.start >= h.maxDuration || members == 0 {
            emit(.heistFailed, cell: heart, amount: Double(tick - heist.start))
            endHeist()
        }
    }

    mutating func endHeist() {
        for k in 0..<crew.count where crew.state[k] == CrewStore.State.heist.rawValue {
            crew.state[k] = (crew.loot[k] > 0 ? CrewStore.State.fleeing : .prowling).rawValue
            crew.target[k] = -1
        }
        heist.active = false
        heist.lastEnd = tick
        closeAlerts(at: Int(map.heart))
    }
}
