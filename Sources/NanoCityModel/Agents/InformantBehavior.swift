import NanoCityEngine

extension AgentActions {
    /// Informant: looks around (may notice crew activity, may be discovered).
    static let watch = AgentActions(rawValue: 1 << 11)
}

// Mars's informants (README "Model", informants). Each tick an informant
// 1. **walks** one step along the streets (decided alone, on its own stream, like a recycler);
// 2. **watches**, at its turn in the shuffled resolution: if free crew stand within one cell of
//    it, they discover and silence it with `informants.exposure_risk`; otherwise, if it notices
//    crew activity within `informants.radius` (Chebyshev) — a crime already committed this
//    tick (a theft, a dump, a heist start) or free crew at a hideout — it passes a tip with
//    `informants.tip_probability`, about the most recent such crime (else the hideout);
// 3. a tip becomes an alert at its cell `informants.tip_delay` ticks later (sensors phase),
//    which the guards answer like a sensor's; a tip already passed arrives even if its
//    informant has been silenced since.
// Silenced informants leave at the tick's cleanup and are not replaced (only setting
// `informants.count` again brings the network back to that size).
extension AgentView {
    func decideInformant(_ i: Int, _ m: InformantStore.Columns) -> AgentIntent {
        let c = Int(m.cell[i])
        var rng = stream(m.id[i])
        let to = streetWalk(c, &rng)
        m.cell[i] = Int32(truncatingIfNeeded: to)
        var intent = AgentIntent(at: to)
        intent.actions = .watch
        return intent
    }
}

extension City {
    mutating func resolveInformant(_ i: Int, _ intent: AgentIntent) {
        guard intent.actions.contains(.watch), informants.state[i] == InformantStore.State.walking.rawValue else { return }
        let c = Int(informants.cell[i]), id = informants.id[i]
        var rng = resolveStream(id)
        if freeCrewNear(c, radius: 1) {
            if rng.chance(params.informants.exposureRisk) {
                informants.state[i] = InformantStore.State.silenced.rawValue
                counters.informantsSilenced += 1
                emit(.silenced, cell: c, agent: id)
                return
            }
        }
        guard let seen = noticedActivity(near: c), rng.chance(params.informants.tipProbability) else { return }
        tipCell.append(Int32(seen))
        tipDue.append(Int32(clamping: tick + params.informants.tipDelay))
        tipAgent.append(id)
    }

    /// Whether a free crew member stands within `radius` (Chebyshev) of `c`.
    func freeCrewNear(_ c: Int, radius: Int) -> Bool {
        var found = false
        map.size.forEachCell(around: c, radius: radius) { if crewIndex.head[$0] >= 0 { found = true } }
        return found
    }

    /// The cell of the most recent crime this tick within `informants.radius` of `c`, else a
    /// hideout in that radius where free crew stand, else nil.
    func noticedActivity(near c: Int) -> Int? {
        let r = params.informants.radius
        for crime in crimeCells.reversed() where map.size.distance(c, Int(crime)) <= r { return Int(crime) }
        for h in map.hideouts where map.size.distance(c, Int(h)) <= r && crewIndex.head[Int(h)] >= 0 { return Int(h) }
        return nil
    }

    /// Sensors phase: tips that are due become alerts for the guards, oldest first.
    mutating func deliverTips() {
        guard !tipDue.isEmpty else { return }
        var k = 0
        while k < tipDue.count {
            guard Int(tipDue[k]) <= tick else { k += 1; continue }
            let cell = Int(tipCell[k])
            raiseAlert(at: cell, ttl: params.sensors.alertTTL)
            counters.tips += 1
            emit(.tip, cell: cell, agent: tipAgent[k])
            tipCell.remove(at: k); tipDue.remove(at: k); tipAgent.remove(at: k)
        }
    }

    /// Cleanup phase: silenced informants leave storage.
    mutating func removeSilencedInformants() {
        var k = 0
        while k < informants.count {
            if informants.state[k] == InformantStore.State.silenced.rawValue { informants.swapRemove(k) } else { k += 1 }
        }
    }
}
