import NanoCityEngine

extension City {
    /// Radius (cells) within which scavengers count guards when weighing the black market.
    static let scavengerGuardRadius = 5

    /// Scavenger state machine (README "Scavengers"):
    /// - **seeking**: walk to the nearest components within `sense_radius` and pick them up (up
    ///   to `capacity`); wander the streets otherwise. When full, or after `patience` fruitless
    ///   ticks with something in hand, decide where to sell;
    /// - the decision is a logit choice: U_black = black_price − risk_aversion·(guards within 5
    ///   cells) − black_market_effect·education; U_legal = centre_price;
    ///   P(black) = 1 / (1 + exp(−(U_black − U_legal) / choice_noise));
    /// - **selling legal**: walk to the nearest centre; its component stock grows;
    /// - **selling black**: walk to the nearest crew hideout; crew cash grows by load × black_price.
    mutating func stepScavenger(_ i: Int) {
        let p = params.scavengers
        var c = Int(scavengers.cell[i])
        var state = ScavengerStore.State(rawValue: scavengers.state[i])!
        let capacity = Float(p.capacity)
        switch state {
        case .seeking:
            let minimum = capacity * 0.05
            var target = Int(scavengers.target[i])
            if target >= 0 && components.values[target] < minimum { target = -1 }
            if target < 0 { target = Self.nearestRich(components, tiles: componentTiles, size: map.size, from: c, radius: p.senseRadius, minimum: minimum) }
            if target == c {
                let take = min(components.values[c], capacity - scavengers.load[i])
                components.values[c] -= take
                scavengers.load[i] += take
                scavengers.idle[i] = 0
                target = -1
            } else if target >= 0 {
                c = stepToward(c, target)
            } else {
                scavengers.idle[i] += 1
                c = streetWalk(c)
            }
            scavengers.target[i] = Int32(target)
            let load = scavengers.load[i]
            if load >= capacity * 0.999 || (load > 0 && Int(scavengers.idle[i]) >= p.patience) {
                state = chooseBlackMarket(at: c) ? .sellingBlack : .sellingLegal
                scavengers.idle[i] = 0
            }
        case .sellingLegal:
            let centre = nearestCentreCell(c)
            if c == centre {
                let load = Double(scavengers.load[i])
                centres.components[map.centreIndex(at: c)] += load
                counters.salesLegal += load
                scavengers.load[i] = 0
                state = .seeking
            } else {
                c = stepToward(c, centre)
            }
        case .sellingBlack:
            let hideout = nearestHideoutCell(c)
            if c == hideout {
                let load = Double(scavengers.load[i])
                crewCash += load * params.market.blackPrice
                counters.salesBlack += load
                scavengers.load[i] = 0
                state = .seeking
            } else {
                c = stepToward(c, hideout)
            }
        }
        scavengers.state[i] = state.rawValue
        scavengers.cell[i] = Int32(c)
    }

    /// The sell decision described on `stepScavenger`; one PRNG draw.
    mutating func chooseBlackMarket(at c: Int) -> Bool {
        var guardsNear = 0
        Self.forEachCell(map.size, around: c, radius: Self.scavengerGuardRadius) { guardsNear += Int(guardCount[$0]) }
        let uBlack = params.market.blackPrice - params.scavengers.riskAversion * Double(guardsNear)
            - params.education.blackMarketEffect * educationLevel
        let uLegal = params.market.centrePrice
        let pBlack = 1 / (1 + expD(-(uBlack - uLegal) / params.scavengers.choiceNoise))
        return rng.chance(pBlack)
    }
}
