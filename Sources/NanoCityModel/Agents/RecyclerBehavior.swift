import NanoCityEngine

extension City {
    /// Smallest amount of waste a recycler bothers to walk to: 5% of its capacity.
    static let recyclerMinimumPickup: Float = 0.05

}

extension AgentView {
    /// Recycler state machine (README "Recyclers"):
    /// - every tick, health falls by `health_loss × toxicity(cell)`; below `sick_threshold` a
    ///   working recycler goes home sick;
    /// - **sick**: walk home; at home regain `recovery_rate × public health` per tick; back to
    ///   work at full health;
    /// - **seeking**: walk to the nearest cell with waste within `sense_radius` (plus
    ///   `sensors.waste_tracking` where an active sensor covers the recycler's cell; ring search,
    ///   the fullest cell of the nearest ring), collect up to `capacity`; with nothing in sight,
    ///   deliver a load of at least half capacity, else wander the streets;
    /// - **delivering**: walk to the nearest recycling centre and hand the load to its queue.
    ///
    /// Pick-ups and deliveries are left to the resolution (`resolveRecycler`): two recyclers
    /// may stand on the same waste.
    func decideRecycler(_ i: Int, _ r: RecyclerStore.Columns) -> AgentIntent {
        let p = params.recyclers
        var rng = stream(r.id[i])
        var c = Int(r.cell[i])
        var intent = AgentIntent(at: c)
        var health = r.health[i] - Float(p.healthLoss) * toxicity.values[c]
        if health < 0 { health = 0 }
        var state = RecyclerStore.State(rawValue: r.state[i])!
        if state != .sick && health < Float(p.sickThreshold) {
            state = .sick
            intent.actions.insert(.fellSick)
            intent.value = health
        }
        let capacity = Float(p.capacity)
        switch state {
        case .sick:
            let home = Int(r.home[i])
            if c == home {
                health = min(1, health + Float(p.recoveryRate * publicHealth))
                if health >= 1 { state = .seeking }
            } else {
                c = stepToward(c, home)
            }
        case .delivering:
            let centre = nearestCentreCell(c)
            if c == centre { intent.actions.insert(.handOver) } else { c = stepToward(c, centre) }
        case .seeking:
            var target = Int(r.target[i])
            if target >= 0 && waste.values[target] < City.recyclerMinimumPickup * capacity { target = -1 }
            if target < 0 {
                // Zia's network tracks waste: where an active sensor reports, recyclers see farther.
                let radius = p.senseRadius + (coverActive[c] > 0 ? params.sensors.wasteTracking : 0)
                target = City.nearestRich(waste, tiles: wasteTiles, size: size, from: c, radius: radius,
                                          minimum: City.recyclerMinimumPickup * capacity)
            }
            if target == c {
                intent.actions.insert(.pickUp)
                target = -1
            } else if target >= 0 {
                c = stepToward(c, target)
            } else if r.load[i] >= capacity / 2 {
                state = .delivering
            } else {
                c = streetWalk(c, &rng)
            }
            r.target[i] = Int32(target)
        }
        r.health[i] = health
        r.state[i] = state.rawValue
        r.cell[i] = Int32(c)
        intent.to = intent.from
        return intent
    }

}

extension City {
    /// Applies a recycler's decision to shared state: its sick event, the waste it takes from
    /// its cell (what is left of it when its turn comes), a load handed to a centre.
    mutating func resolveRecycler(_ i: Int, _ intent: AgentIntent) {
        let c = Int(intent.from)
        if intent.actions.contains(.fellSick) { emit(.sick, cell: c, agent: recyclers.id[i], amount: Double(intent.value)) }
        if intent.actions.contains(.pickUp) {
            let capacity = Float(params.recyclers.capacity)
            let take = min(waste.values[c], capacity - recyclers.load[i])
            waste.values[c] -= take
            recyclers.load[i] += take
            if recyclers.load[i] >= capacity * 0.999 { recyclers.state[i] = RecyclerStore.State.delivering.rawValue }
        }
        if intent.actions.contains(.handOver) {
            let load = Double(recyclers.load[i])
            centres.queue[map.centreIndex(at: c)] += load
            counters.delivered += load
            recyclers.load[i] = 0
            recyclers.state[i] = RecyclerStore.State.seeking.rawValue
        }
    }

    /// Nearest cell (Chebyshev rings outward from `c`) whose value is at least `minimum`; within
    /// the nearest such ring, the largest value (first in row order on ties). -1 if none.
    /// `tiles` must bound the field from above (see `TileMaximum`).
    static func nearestRich(_ field: ScalarField, tiles: TileMaximum, size: GridSize, from c: Int, radius: Int, minimum: Float) -> Int {
        let w = size.width, h = size.height
        let x = c % w, y = c / w
        if !tiles.mayContain(atLeast: minimum, x0: max(0, x - radius), y0: max(0, y - radius),
                             x1: min(w - 1, x + radius), y1: min(h - 1, y + radius)) { return -1 }
        return field.values.withUnsafeBufferPointer { v -> Int in
            if v[c] >= minimum { return c }
            guard radius > 0 else { return -1 }
            for r in 1...radius {
                var best = -1
                var bestValue = minimum
                let y0 = y - r, y1 = y + r, x0 = x - r, x1 = x + r
                for yy in max(0, y0)...min(h - 1, y1) {
                    let edgeRow = yy == y0 || yy == y1
                    var xx = max(0, x0)
                    let xEnd = min(w - 1, x1)
                    while xx <= xEnd {
                        let cell = yy * w + xx
                        let value = v[cell]
                        if value >= bestValue && (best < 0 || value > bestValue) { best = cell; bestValue = value }
                        // Interior rows of the ring only have their two end cells.
                        if edgeRow || xx == x1 { xx += 1 } else { xx = x1 }
                    }
                }
                if best >= 0 { return best }
                if x0 <= 0 && y0 <= 0 && x1 >= w - 1 && y1 >= h - 1 { return -1 }
            }
            return -1
        }
    }
}
