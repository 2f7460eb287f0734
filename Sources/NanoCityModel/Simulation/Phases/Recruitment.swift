// Tick phase 12, recruitment (the order: `TickPhase`, Tick.swift).
extension City {
    /// Community recruitment: when reported crimes (thefts, detected dumps, heist starts) over
    /// the last `guards.recruit_window` ticks exceed `guards.recruit_threshold`, `recruit_size`
    /// guards join at the stations (up to `guards.max`) and the window starts afresh.
    mutating func recruitGuards() {
        let g = params.guards
        guard g.recruitThreshold > 0 else { return }
        let reported = crimeWindow.reduce(0) { $0 + Int($1) }
        guard reported > g.recruitThreshold else { return }
        var added = 0
        while added < g.recruitSize && guards.count < g.max {
            addGuard(at: map.stations[guards.count % map.stations.count])
            added += 1
        }
        for i in crimeWindow.indices { crimeWindow[i] = 0 }
        if added > 0 {
            counters.guardsRecruited += added
            emit(.recruit, cell: Int(map.stations[0]), amount: Double(added))
        }
    }

    /// The crew buys new members with its cash (`crew.recruit_cost` each, up to `crew.max`
    /// members outside jail), who start at a hideout.
    mutating func recruitCrew() {
        var present = crew.present
        while crewCash >= params.crew.recruitCost && present < params.crew.max {
            crewCash -= params.crew.recruitCost
            let at = pick(map.hideouts)
            let id = addCrew(at: at)
            present += 1
            counters.crewRecruited += 1
            emit(.crewJoin, cell: Int(at), agent: id)
        }
    }
}
