import NanoCityEngine

extension City {
    /// Chance per tick that a `hotspot` guard takes a random step instead of climbing.
    static let hotspotNoise = 0.2
    /// A `sensor` guard with no alert to answer stays within this Chebyshev radius of its station.
    static let stationLeash = 4
}

extension AgentView {

    /// Guard (README "Guards"), one tick:
    /// - **arrest**: if free crew stand within `guards.reach`, the first found (row order) is
    ///   arrested with probability `guards.arrest_prob` (or `containment.trapped_arrest_prob` when
    ///   containment holds it, if higher; one attempt per guard per tick); loot is
    ///   returned to the reservoir; the member is jailed `jail_ticks` ticks, or removed when 0;
    /// - **move** by `guards.patrol`: `random` — a uniform random neighbour; `hotspot` — the
    ///   neighbour (or own cell) of highest attractiveness A, ties broken at random, with a random
    ///   step 20% of the time; `sensor` — run to the nearest open alert and close it on arrival
    ///   (except the heist alarm, which stays open while the heist lasts, so guards who answer
    ///   it hold the Heart), otherwise patrol within 4 cells of the home station.
    ///
    /// The arrest attempt, closing alerts and the move are applied by `resolveGuard`.
    func decideGuard(_ g: Int, _ gc: GuardStore.Columns) -> AgentIntent {
        var rng = stream(gc.id[g])
        var c = Int(gc.cell[g])
        var intent = AgentIntent(at: c)
        if let k = crewWithinReach(of: c) {
            intent.actions.insert(.arrest)
            intent.arg = Int32(k)
        }
        let zone = patrolZone(ofGuard: g)
        if zone >= 0 {
            intent.to = Int32(zonePatrol(g, zone: zone, from: c, &rng, gc, &intent))
            return intent
        }
        switch params.guards.patrol {
        case .random:
            c = randomNeighbor(c, &rng)
        case .hotspot:
            c = rng.chance(City.hotspotNoise) ? randomNeighbor(c, &rng) : climbAttractiveness(c, &rng)
        case .sensor:
            c = sensorStep(g, from: c, home: Int(gc.station[g]), zone: -1, &rng, gc, &intent)
        }
        intent.to = Int32(c)
        return intent
    }

    /// A `sensor` guard's move: on to its alert (or the nearest open one: within `zone` only
    /// when ≥ 0), closing it on arrival, else idling within `City.stationLeash` of `home`.
    @inline(__always) func sensorStep(_ g: Int, from c: Int, home: Int, zone: Int, _ rng: inout AgentStream, _ gc: GuardStore.Columns,
                                      _ intent: inout AgentIntent) -> Int {
        var next = c
        var target = Int(gc.target[g])
        if target < 0, let a = nearestOpenAlert(to: c, zone: zone) { target = a }
        if target >= 0 {
            if c == target {
                // The heist alarm stays open while the heist lasts: guards hold the Heart.
                if !(heistActive && c == Int(map.heart)) {
                    intent.actions.insert(.closeAlerts)
                    target = -1
                }
            } else {
                next = stepToward(c, target)
            }
        } else {
            next = distance(c, home) > City.stationLeash ? stepToward(c, home) : randomNeighbor(c, &rng)
        }
        gc.target[g] = Int32(target)
        gc.state[g] = (target >= 0 ? GuardStore.State.responding : .patrolling).rawValue
        return next
    }

    /// The first free crew member (row order, then cell list order) within `guards.reach` of `c`.
    @inline(__always) func crewWithinReach(of c: Int) -> Int? {
        let r = params.guards.reach
        let w = size.width, h = size.height
        let x = c % w, y = c / w
        for yy in max(0, y - r)...min(h - 1, y + r) {
            for xx in max(0, x - r)...min(w - 1, x + r) {
                let head = crewHead[yy * w + xx]
                if head >= 0 { return Int(head) }
            }
        }
        return nil
    }

    /// The cell of highest attractiveness among `c` and its neighbours; ties (common where B is
    /// still 0) broken uniformly with one draw: the k-th tied cell in row order.
    /// With `zone` ≥ 0 only that zone's cells are candidates (`c` must be one).
    @inline(__always) func climbAttractiveness(_ c: Int, _ rng: inout AgentStream, zone: Int = -1) -> Int {
        let w = size.width, h = size.height
        let x = c % w, y = c / w
        let ys = max(0, y - 1)...min(h - 1, y + 1), xs = max(0, x - 1)...min(w - 1, x + 1)
        var best = c, bestValue = attractiveness.values[c], ties = 0
        for yy in ys {
            for xx in xs {
                let n = yy * w + xx, v = attractiveness.values[n]
                if zone >= 0 && !inZone(n, zone) { continue }
                if v > bestValue { best = n; bestValue = v; ties = 1 } else if v == bestValue { ties += 1 }
            }
        }
        guard ties > 1 else { return best }
        var k = rng.below(ties)
        for yy in ys {
            for xx in xs where attractiveness.values[yy * w + xx] == bestValue && (zone < 0 || inZone(yy * w + xx, zone)) {
                if k == 0 { return yy * w + xx }
                k -= 1
            }
        }
        return best
    }

    /// The nearest open alert (the first in list order at equal distance); with `zone` ≥ 0,
    /// among those inside that zone.
    @inline(__always) func nearestOpenAlert(to c: Int, zone: Int = -1) -> Int? {
        var best: Int?
        var bestD = Int.max
        for a in alertCell where zone < 0 || inZone(Int(a), zone) {
            let d = distance(c, Int(a))
            if d < bestD { bestD = d; best = Int(a) }
        }
        return best
    }
}

extension City {
    /// Applies a guard's decision in its turn: the arrest attempt (if the member it saw is
    /// still free), closing the alerts it reached, then its move.
    mutating func resolveGuard(_ g: Int, _ intent: AgentIntent) {
        if intent.actions.contains(.arrest) {
            let k = Int(intent.arg)
            if crew.isFree(k) {
                let p = crew.trapped[k] ? max(params.guards.arrestProb, params.containment.trappedArrestProb) : params.guards.arrestProb
                var rng = resolveStream(guards.id[g])
                if rng.chance(p) { arrest(k, by: g) }
            }
        }
        if intent.actions.contains(.closeAlerts) { closeAlerts(at: Int(intent.from)) }
        if intent.to != intent.from { placeGuard(g, at: Int(intent.to)) }
    }

    mutating func arrest(_ k: Int, by g: Int) {
        let c = Int(crew.cell[k])
        let loot = Double(crew.loot[k])
        reservoir += loot
        counters.heistReturned += Double(crew.heistLoot[k])
        crew.loot[k] = 0
        crew.lootValue[k] = 0
        crew.heistLoot[k] = 0
        crew.trapped[k] = false
        crewIndex.remove(k)
        if params.guards.jailTicks > 0 {
            crew.state[k] = CrewStore.State.jailed.rawValue
            crew.jail[k] = Int32(params.guards.jailTicks)
        } else {
            crew.state[k] = CrewStore.State.gone.rawValue
        }
        counters.arrests += 1
        emit(.arrest, cell: c, agent: crew.id[k], amount: loot)
    }

    mutating func closeAlerts(at c: Int) {
        var k = 0
        while k < alertCell.count {
            if Int(alertCell[k]) == c {
                alertCell.remove(at: k); alertTick.remove(at: k); alertTTL.remove(at: k)
            } else {
                k += 1
            }
        }
    }
}
