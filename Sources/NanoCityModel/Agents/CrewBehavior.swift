import NanoCityEngine

extension City {
    /// Guard-avoidance weight of a neighbour cell next to a guard, for crew who see leaked guard positions.
    static let leakedGuardPenalty = 0.05
    /// Extra weight of a neighbour that brings a prowling crew member closer to its target.
    static let targetPull = 4.0
}

extension AgentView {

    /// Dumpsley's crew (README "Crew"), one member's tick:
    /// - **jailed**: count down; on release, reappear at a hideout;
    /// - **containment**: inside an active sensor's radius, with probability `containment.slow`
    ///   the member is trapped this tick: it does nothing, guards arrest it with
    ///   `containment.trapped_arrest_prob`, and it does not count as holding the Heart;
    /// - **dumping**: with `dump_prob`, dump `dump_toxicity` on the cell, unless an active sensor
    ///   covers it and the member refrains (`sensor_awareness`); a dump is a crime and may be detected;
    /// - **hacking**: on a cell covered by a hackable sensor, with `hack_prob` hack it;
    /// - **prowling**: pick a target among the centres and the Heart with probability ∝ A^bias;
    ///   step to a neighbour with weight A(n)^bias × (4 if it nears the target) × (0.05 next to a
    ///   guard, when a hacked sensor leaks guard positions here); on the target, steal
    ///   `steal_amount` (centre components or Heart stock), which is a crime, then flee;
    /// - **fleeing**: walk to the nearest hideout and fence the loot: components at
    ///   `market.black_price`, Heart stock at `market.stock_price` (per unit of mass);
    /// - **heist**: walk to the Heart and stay within `heist.radius`.
    ///
    /// The dump, hack, theft, fence and the move itself are applied by `resolveCrew`, where a
    /// member a guard arrested earlier in the tick's order does nothing more.
    func decideCrew(_ k: Int, _ m: CrewStore.Columns) -> AgentIntent {
        guard let state = CrewStore.State(rawValue: m.state[k]), state != .gone else { return AgentIntent(at: 0) }
        var rng = stream(m.id[k])
        if state == .jailed {
            m.jail[k] -= 1
            guard m.jail[k] <= 0 else { return AgentIntent(at: 0) }
            var intent = AgentIntent(at: Int(map.hideouts[rng.below(map.hideouts.count)]))
            intent.actions.insert(.release)
            m.state[k] = CrewStore.State.prowling.rawValue
            m.target[k] = -1
            return intent
        }
        let c = Int(m.cell[k])
        var intent = AgentIntent(at: c)
        m.trapped[k] = containmentOn(at: c) && coverActive[c] > 0 && rng.chance(params.containment.slow)
        if m.trapped[k] { return intent }
        if rng.chance(params.crew.dumpProb) {
            let seen = coverActive[c] > 0
            if !(seen && rng.chance(params.crew.sensorAwareness)) { intent.actions.insert(.dump) }
        }
        if coverHackable[c] > 0 && rng.chance(params.crew.hackProb) { intent.actions.insert(.hack) }
        var to = c
        switch state {
        case .prowling:
            var target = Int(m.target[k])
            if target < 0 { target = chooseCrewTarget(&rng) }
            if c == target {
                intent.actions.insert(.steal)
                m.target[k] = -1
                return intent
            }
            to = crewStep(from: c, toward: target, &rng)
            m.target[k] = Int32(target)
        case .fleeing:
            let hideout = nearestHideoutCell(c)
            if c == hideout { intent.actions.insert(.fence) } else { to = crewStep(from: c, toward: hideout, &rng) }
        case .heist:
            let heart = Int(map.heart)
            if distance(c, heart) > params.heist.radius { to = stepToward(c, heart) }
        case .jailed, .gone:
            break
        }
        intent.to = Int32(to)
        return intent
    }

    /// A target for a prowling crew member: a centre or the Heart, with probability ∝ A^bias
    /// (the weights of `City.crewTargetWeights`, filled before agents decide).
    @inline(__always) func chooseCrewTarget(_ rng: inout AgentStream) -> Int {
        let centres = map.centres
        return crewTargetWeights.withUnsafeBufferPointer { weights in
            var u = rng.uniform() * weights[centres.count]
            for k in 0..<centres.count {
                u -= weights[k]
                if u < 0 { return Int(centres[k]) }
            }
            return Int(map.heart)
        }
    }

    /// One biased step of a crew member (see `decideCrew`).
    @inline(__always) func crewStep(from c: Int, toward target: Int, _ rng: inout AgentStream) -> Int {
        let leaked = coverHacked[c] > 0
        let bias = params.crime.moveBias
        let d0 = distance(c, target)
        var choice = WeightedChoice()
        size.forEachNeighbour(of: c) { nc in
            var wt = City.attractivenessWeight(attractivenessA(nc), bias: bias)
            if distance(nc, target) < d0 { wt *= City.targetPull }
            if leaked && guardNear(nc) { wt *= City.leakedGuardPenalty }
            choice.add(nc, weight: wt)
        }
        return choice.pick(&rng)
    }

    /// Whether a guard stands on `c` or one of its 8 neighbours.
    @inline(__always) func guardNear(_ c: Int) -> Bool {
        let w = size.width, h = size.height
        let x = c % w, y = c / w
        for yy in max(0, y - 1)...min(h - 1, y + 1) {
            for xx in max(0, x - 1)...min(w - 1, x + 1) where guardCount[yy * w + xx] > 0 { return true }
        }
        return false
    }
}

extension City {
    /// Applies a crew member's decision in its turn: a release from jail; else, if a guard has
    /// not arrested it earlier in the tick's order, its dump, hack, theft or fence (in that
    /// order), then its move.
    mutating func resolveCrew(_ k: Int, _ intent: AgentIntent) {
        if intent.actions.contains(.release) {
            crew.cell[k] = intent.to
            crewIndex.insert(k, at: Int(intent.to))
            emit(.release, cell: Int(intent.to), agent: crew.id[k])
            return
        }
        guard crew.isFree(k) else { return }
        let c = Int(intent.from)
        var rng = resolveStream(crew.id[k])
        if intent.actions.contains(.dump) {
            let amount = params.crew.dumpToxicity
            toxicity.values[c] += Float(amount)
            counters.dumps += 1
            emit(.dump, cell: c, agent: crew.id[k], amount: amount)
            let detected = detect(at: c, &rng)
            if detected { counters.dumpsDetected += 1 }
            recordCrime(at: c, reported: detected)
        }
        if intent.actions.contains(.hack) { hackSensor(near: c, by: crew.id[k]) }
        if intent.actions.contains(.steal) { stealHere(k, at: c, &rng) }
        if intent.actions.contains(.fence) {
            crewCash += Double(crew.lootValue[k])
            crew.loot[k] = 0
            crew.lootValue[k] = 0
            crew.heistLoot[k] = 0
            crew.state[k] = CrewStore.State.prowling.rawValue
        }
        if intent.to != intent.from {
            crew.cell[k] = intent.to
            crewIndex.move(k, to: Int(intent.to))
        }
    }

    /// Crew target weights (`crewTargetWeights`) for this tick: attractiveness, `crime.a0` and
    /// `crime.move_bias` do not change while agents decide.
    mutating func fillCrewTargetWeights() {
        crewTargetWeights.removeAll(keepingCapacity: true)
        let bias = params.crime.moveBias
        var total = Self.attractivenessWeight(attractivenessA(Int(map.heart)), bias: bias)
        crewTargetWeights.reserveCapacity(map.centres.count + 1)
        for c in map.centres {
            let w = Self.attractivenessWeight(attractivenessA(Int(c)), bias: bias)
            crewTargetWeights.append(w)
            total += w
        }
        crewTargetWeights.append(total)
    }

    /// A cell's weight in the crew's choices: A^bias.
    @inline(__always) static func attractivenessWeight(_ a: Double, bias: Double) -> Double {
        bias == 1 ? a : powD(a, bias)
    }

    /// Theft at a centre (its components) or at the Heart (reservoir stock in transit).
    mutating func stealHere(_ k: Int, at c: Int, _ rng: inout AgentStream) {
        let amount: Double, price: Double
        let centre = map.centreIndex(at: c)
        if centre >= 0 {
            amount = min(params.crew.stealAmount, centres.components[centre])
            centres.components[centre] -= amount
            price = params.market.blackPrice
        } else if c == Int(map.heart) {
            amount = min(params.crew.stealAmount, reservoir)
            reservoir -= amount
            price = params.market.stockPrice
        } else {
            return
        }
        guard amount > 0 else { return }
        crew.loot[k] += Float(amount)
        crew.lootValue[k] += Float(amount * price)
        crew.state[k] = CrewStore.State.fleeing.rawValue
        counters.thefts += 1
        counters.stolen += amount
        emit(.theft, cell: c, agent: crew.id[k], amount: amount)
        recordCrime(at: c, reported: true)
        _ = detect(at: c, &rng)
    }

    /// Hacks the first (row order) active, non-hardened sensor whose radius covers `c`.
    mutating func hackSensor(near c: Int, by agent: Int64) {
        var found = -1
        let r = params.sensors.radius
        map.size.forEachCell(around: c, radius: r) { cell in
            if found < 0, case let s = Int(sensors.sensorAt[cell]), s >= 0, !sensors.hacked[s], !sensors.hardened[s] {
                found = s
            }
        }
        guard found >= 0 else { return }
        updateCoverage(sensor: found, delta: -1)
        sensors.hacked[found] = true
        updateCoverage(sensor: found, delta: 1)
        sensors.hackedCount += 1
        counters.hacks += 1
        emit(.hack, cell: Int(sensors.cell[found]), agent: agent)
    }
}
