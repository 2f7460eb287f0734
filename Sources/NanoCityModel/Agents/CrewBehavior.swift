import NanoCityEngine

extension City {
    /// Guard-avoidance weight of a neighbour cell next to a guard, for crew who see leaked guard positions.
    static let leakedGuardPenalty = 0.05
    /// Extra weight of a neighbour that brings a prowling crew member closer to its target.
    static let targetPull = 4.0

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
    mutating func stepCrew(_ k: Int) {
        guard let state = CrewStore.State(rawValue: crew.state[k]), state != .gone else { return }
        if state == .jailed {
            crew.jail[k] -= 1
            if crew.jail[k] <= 0 {
                let at = pick(map.hideouts)
                crew.cell[k] = at
                crew.state[k] = CrewStore.State.prowling.rawValue
                crew.target[k] = -1
                crewIndex.insert(k, at: Int(at))
                emit(.release, cell: Int(at), agent: crew.id[k])
            }
            return
        }
        var c = Int(crew.cell[k])
        crew.trapped[k] = params.containment.enabled && sensors.coverActive[c] > 0 && rng.chance(params.containment.slow)
        if crew.trapped[k] { return }
        if rng.chance(params.crew.dumpProb) {
            let seen = sensors.coverActive[c] > 0
            if !(seen && rng.chance(params.crew.sensorAwareness)) {
                let amount = params.crew.dumpToxicity
                toxicity.values[c] += Float(amount)
                counters.dumps += 1
                emit(.dump, cell: c, agent: crew.id[k], amount: amount)
                let detected = detect(at: c)
                if detected { counters.dumpsDetected += 1 }
                recordCrime(at: c, reported: detected)
            }
        }
        if sensors.coverHackable[c] > 0 && rng.chance(params.crew.hackProb) {
            hackSensor(near: c, by: crew.id[k])
        }
        switch state {
        case .prowling:
            var target = Int(crew.target[k])
            if target < 0 { target = chooseCrewTarget() }
            if c == target {
                stealHere(k, at: c)
                crew.target[k] = -1
                return
            }
            c = crewStep(from: c, toward: target)
            crew.target[k] = Int32(target)
        case .fleeing:
            let hideout = nearestHideoutCell(c)
            if c == hideout {
                crewCash += Double(crew.lootValue[k])
                crew.loot[k] = 0
                crew.lootValue[k] = 0
                crew.state[k] = CrewStore.State.prowling.rawValue
            } else {
                c = crewStep(from: c, toward: hideout)
            }
        case .heist:
            let heart = Int(map.heart)
            if distance(c, heart) > params.heist.radius { c = stepToward(c, heart) }
        case .jailed, .gone:
            return
        }
        crew.cell[k] = Int32(c)
        crewIndex.move(k, to: c)
    }

    /// A target for a prowling crew member: a centre or the Heart, with probability ∝ A^bias.
    /// The weights are those of the tick's first call (attractiveness, `crime.a0` and
    /// `crime.move_bias` do not change while agents act), so each later call reads one short
    /// array instead of every centre's cell in the field; same numbers in the same order.
    mutating func chooseCrewTarget() -> Int {
        if crewTargetWeights.isEmpty {
            let bias = params.crime.moveBias
            var total = attractivenessWeight(Int(map.heart), bias: bias)
            crewTargetWeights.reserveCapacity(map.centres.count + 1)
            for c in map.centres {
                let w = attractivenessWeight(Int(c), bias: bias)
                crewTargetWeights.append(w)
                total += w
            }
            crewTargetWeights.append(total)
        }
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

    @inline(__always) func attractivenessWeight(_ c: Int, bias: Double) -> Double {
        let a = attractivenessA(c)
        return bias == 1 ? a : powD(a, bias)
    }

    /// One biased step of a crew member (see `stepCrew`).
    mutating func crewStep(from c: Int, toward target: Int) -> Int {
        let leaked = sensors.coverHacked[c] > 0
        let bias = params.crime.moveBias
        let d0 = distance(c, target)
        var choice = WeightedChoice()
        Self.forEachNeighbour(map.size, of: c) { nc in
            var wt = attractivenessWeight(nc, bias: bias)
            if distance(nc, target) < d0 { wt *= Self.targetPull }
            if leaked && guardNear(nc) { wt *= Self.leakedGuardPenalty }
            choice.add(nc, weight: wt)
        }
        return choice.pick(&rng)
    }

    /// Whether a guard stands on `c` or one of its 8 neighbours.
    @inline(__always) func guardNear(_ c: Int) -> Bool {
        let w = map.size.width, h = map.size.height
        let x = c % w, y = c / w
        for yy in max(0, y - 1)...min(h - 1, y + 1) {
            for xx in max(0, x - 1)...min(w - 1, x + 1) where guardCount[yy * w + xx] > 0 { return true }
        }
        return false
    }

    /// Theft at a centre (its components) or at the Heart (reservoir stock in transit).
    mutating func stealHere(_ k: Int, at c: Int) {
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
        _ = detect(at: c)
    }

    /// Hacks the first (row order) active, non-hardened sensor whose radius covers `c`.
    mutating func hackSensor(near c: Int, by agent: Int64) {
        var found = -1
        let r = params.sensors.radius
        Self.forEachCell(map.size, around: c, radius: r) { cell in
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
