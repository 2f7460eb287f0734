import NanoCityEngine

extension City {
    /// Short et al. (2008) burglars (`crew.behavior = "short2008"`), in a shuffled order: a
    /// burglar at cell s burgles with probability 1 − exp(−A_s·δt), adds one event to E_s and
    /// leaves the world; otherwise it moves to one of its in-grid 4-neighbours with probability
    /// proportional to that neighbour's A.
    mutating func stepShortBurglars() {
        let dt = params.crime.dt
        let w = map.size.width, h = map.size.height
        order.removeAll(keepingCapacity: true)
        for k in 0..<crew.count where crew.state[k] != CrewStore.State.gone.rawValue { order.append(UInt32(k)) }
        rng.shuffle(&order)
        for code in order {
            let k = Int(code)
            let c = Int(crew.cell[k])
            if rng.chance((1 - expD(-attractivenessA(c) * dt)) * burglaryFactor(at: c)) {
                crimeCells.append(Int32(truncatingIfNeeded: c))
                counters.burglaries += 1
                emit(.burglary, cell: c, agent: crew.id[k])
                removeCrew(k)
                continue
            }
            let x = c % w, y = c / w
            var choice = WeightedChoice()
            if x > 0 { choice.add(c - 1, weight: attractivenessA(c - 1)) }
            if x < w - 1 { choice.add(c + 1, weight: attractivenessA(c + 1)) }
            if y > 0 { choice.add(c - w, weight: attractivenessA(c - w)) }
            if y < h - 1 { choice.add(c + w, weight: attractivenessA(c + w)) }
            let next = choice.pick(&rng)
            crew.cell[k] = Int32(next)
            crewIndex.move(k, to: next)
        }
    }

    /// New burglars appear at each cell independently with probability Γ·δt per tick.
    mutating func spawnShortBurglars() {
        let p = params.crew.spawnRate * params.crime.dt
        guard p > 0 else { return }
        for c in 0..<map.size.count where rng.chance(p) { addCrew(at: Int32(c)) }
    }
}
