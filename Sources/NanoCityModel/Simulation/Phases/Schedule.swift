// Tick phase 1, schedule (the order: `TickPhase`, Tick.swift).
extension City {
    mutating func applySchedule() {
        var populations: Set<AgentKind> = [], sensorsChanged = false
        for (i, entry) in params.schedule.enumerated() where entry.tick == tick {
            for change in entry.changes {
                guard let spec = ParameterCatalog.spec(for: change.key) else { continue }
                spec.apply(change.value, to: &params)
                switch spec.effect {
                case .none: break
                case .reconcileRecyclers, .reconcileScavengers, .reconcileCrew, .reconcileGuards, .reconcileInformants:
                    populations.insert(spec.effect.population!)
                case .replaceSensors: sensorsChanged = true
                case .setEducationLevel: educationLevel = params.education.level
                case .resizeCrimeWindow: crimeWindow = [Int32](repeating: 0, count: max(1, params.guards.recruitWindow))
                }
            }
            emit(.schedule, cell: -1, agent: Int64(i), amount: Double(entry.changes.count))
        }
        refreshZoneLevers()
        if sensorsChanged { placeSensors() }
        // Only the populations whose count was set: the others keep what recruitment and
        // departures made of them (the count parameters are starting values and targets,
        // never overwritten by the tick).
        if !populations.isEmpty { reconcilePopulations(populations) }
    }
}
