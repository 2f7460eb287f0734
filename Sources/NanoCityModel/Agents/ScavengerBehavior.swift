import NanoCityEngine

extension City {
    /// Radius (cells) within which scavengers count guards when weighing the black market.
    static let scavengerGuardRadius = 5
}

extension AgentView {

    /// Scavenger state machine (README "Scavengers"):
    /// - **seeking**: walk to the nearest components within `sense_radius` and pick them up (up
    ///   to `capacity`); wander the streets otherwise. When full, or after `patience` fruitless
    ///   ticks with something in hand, decide where to sell;
    /// - the decision is a logit choice: U_black = black_price − risk_aversion·(guards within 5
    ///   cells) − black_market_effect·education; U_legal = centre_price;
    ///   P(black) = 1 / (1 + exp(−(U_black − U_legal) / choice_noise));
    /// - **selling legal**: walk to the nearest centre; its component stock grows;
    /// - **selling black**: walk to the nearest crew hideout; crew cash grows by load × black_price.
    ///
    /// Pick-ups, sales and the sell decision (which counts guards where they stand when the
    /// scavenger's turn comes) are left to the resolution (`resolveScavenger`).
    func decideScavenger(_ i: Int, _ s: ScavengerStore.Columns) -> AgentIntent {
        let p = params.scavengers
        var rng = stream(s.id[i])
        var c = Int(s.cell[i])
        var intent = AgentIntent(at: c)
        let capacity = Float(p.capacity)
        switch ScavengerStore.State(rawValue: s.state[i])! {
        case .seeking:
            let minimum = capacity * 0.05
            var target = Int(s.target[i])
            var idle = s.idle[i]
            if target >= 0 && components.values[target] < minimum { target = -1 }
            if target < 0 {
                target = City.nearestRich(components, tiles: componentTiles, size: size, from: c, radius: p.senseRadius, minimum: minimum)
            }
            if target == c {
                intent.actions.insert(.pickUp)
                idle = 0
                target = -1
            } else if target >= 0 {
                c = stepToward(c, target)
            } else {
                idle += 1
                c = streetWalk(c, &rng)
            }
            s.target[i] = Int32(target)
            s.idle[i] = idle
            let load = s.load[i]
            if !intent.actions.contains(.pickUp) && (load >= capacity * 0.999 || (load > 0 && Int(idle) >= p.patience)) {
                intent.actions.insert(.chooseMarket)
            }
        case .sellingLegal:
            let centre = nearestCentreCell(c)
            if c == centre { intent.actions.insert(.handOver) } else { c = stepToward(c, centre) }
        case .sellingBlack:
            let hideout = nearestHideoutCell(c)
            if c == hideout { intent.actions.insert(.handOver) } else { c = stepToward(c, hideout) }
        }
        s.cell[i] = Int32(c)
        intent.from = Int32(c)
        intent.to = intent.from
        return intent
    }
}

extension City {
    /// Applies a scavenger's decision at its (new) cell: what it picks up (what is left when its
    /// turn comes), where it then decides to sell, what it sells.
    mutating func resolveScavenger(_ i: Int, _ intent: AgentIntent) {
        let p = params.scavengers
        let c = Int(intent.from)
        let capacity = Float(p.capacity)
        var choose = intent.actions.contains(.chooseMarket)
        if intent.actions.contains(.pickUp) {
            let take = min(components.values[c], capacity - scavengers.load[i])
            components.values[c] -= take
            scavengers.load[i] += take
            let load = scavengers.load[i]
            choose = load >= capacity * 0.999 || (load > 0 && Int(scavengers.idle[i]) >= p.patience)
        }
        if choose {
            var rng = resolveStream(scavengers.id[i])
            let black = chooseBlackMarket(at: c, &rng)
            scavengers.state[i] = (black ? ScavengerStore.State.sellingBlack : .sellingLegal).rawValue
            scavengers.idle[i] = 0
        }
        guard intent.actions.contains(.handOver) else { return }
        let load = Double(scavengers.load[i])
        if scavengers.state[i] == ScavengerStore.State.sellingLegal.rawValue {
            centres.components[map.centreIndex(at: c)] += load
            counters.salesLegal += load
        } else {
            crewCash += load * params.market.blackPrice
            counters.salesBlack += load
        }
        scavengers.load[i] = 0
        scavengers.state[i] = ScavengerStore.State.seeking.rawValue
    }

    /// The sell decision described on `decideScavenger`; one draw.
    mutating func chooseBlackMarket(at c: Int, _ rng: inout AgentStream) -> Bool {
        var guardsNear = 0
        map.size.forEachCell(around: c, radius: Self.scavengerGuardRadius) { guardsNear += Int(guardCount[$0]) }
        let uBlack = params.market.blackPrice - params.scavengers.riskAversion * Double(guardsNear)
            - params.education.blackMarketEffect * educationLevel
        let uLegal = params.market.centrePrice
        let pBlack = 1 / (1 + expD(-(uBlack - uLegal) / params.scavengers.choiceNoise))
        return rng.chance(pBlack)
    }
}
