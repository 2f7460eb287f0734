import NanoCityEngine

/// Every store's columns at once (see `withAgentColumns`).
struct AgentColumns {
    let recyclers: RecyclerStore.Columns, scavengers: ScavengerStore.Columns
    let crew: CrewStore.Columns, guards: GuardStore.Columns, informants: InformantStore.Columns

    @inline(__always) func count(_ kind: AgentKind) -> Int {
        switch kind {
        case .recycler: recyclers.id.count
        case .scavenger: scavengers.id.count
        case .crew: crew.id.count
        case .guard: guards.id.count
        case .informant: informants.id.count
        }
    }
}

extension City {
    /// Fewest agents one task of the decision half takes; smaller populations decide on one core.
    static let minimumAgentsPerTask = 2_048
    /// Ticks between re-storing recyclers and scavengers in map order (`MapOrder`); the first
    /// tick does it too.
    static let mapOrderEvery = 16

    /// Phase 4: every agent acts once, in two halves (model version 2, README "Model").
    /// 1. **Decide.** Each agent reads the world as the phase began (`AgentView`), draws from
    ///    its own random stream (`AgentStream`, keyed by seed, agent id and tick) and updates
    ///    what only it owns; what it does to shared state becomes an `AgentIntent`. No agent
    ///    sees another's decision, so the agents are split over `threads` cores.
    /// 2. **Resolve.** In an order shuffled afresh each tick (so no kind or index goes first),
    ///    each agent's intent is applied to the state as the agents before it left it: who
    ///    gets the waste two recyclers reach, whether a member is still free when a guard's
    ///    arrest comes, the sums of deliveries and sales.
    /// Every output is therefore the same for any number of threads. `step()` calls
    /// `prepareAgents`, `decideAgents`, `resolveAgents` (three phases for the profiler).
    ///
    /// This part: what agents read while deciding and the tick's order (tile maxima, crew target
    /// weights, the shuffle, room for the intents).
    mutating func prepareAgents() {
        // Waste and components only decrease while agents act, so these stay upper bounds.
        if recyclers.count > 0 { wasteTiles.rebuild(waste, threads: threads) }
        if scavengers.count > 0 { componentTiles.rebuild(components, threads: threads) }
        if crew.count > 0 { fillCrewTargetWeights() }
        assignGuardsToZones()
        if tick % Self.mapOrderEvery == 1 {
            recyclers.sortByRow(map.size)
            scavengers.sortByRow(map.size)
        }
        order.removeAll(keepingCapacity: true)
        let n = AgentKind.allCases.reduce(0) { $0 + storedCount($1) }
        if order.capacity < n { order.reserveCapacity(n + n / 16) }
        for kind in AgentKind.allCases {
            for i in 0..<storedCount(kind) { order.append(kind.rawValue << 28 | UInt32(i)) }
        }
        rng.shuffle(&order)
        if intents.count < n {
            // Room for a little growth, not the doubling `append` would give a million agents.
            intents.reserveCapacity(n + n / 16)
            intents.append(contentsOf: repeatElement(AgentIntent(at: 0), count: n - intents.count))
        }
    }

    /// The resolution half of the agents phase: each agent's intent, in the shuffled order.
    mutating func resolveAgents() {
        // `intents` are by kind, then index (recyclers first, guards last).
        let scavengerStart = recyclers.count, crewStart = scavengerStart + scavengers.count, guardStart = crewStart + crew.count
        let informantStart = guardStart + guards.count
        for code in order {
            let i = Int(code & 0x0FFF_FFFF)
            let f: Int
            switch AgentKind(rawValue: code >> 28)! {
            case .recycler: f = i
            case .scavenger: f = scavengerStart + i
            case .crew: f = crewStart + i
            case .guard: f = guardStart + i
            case .informant: f = informantStart + i
            }
            if !intents[f].isQuiet { resolve(code, intents[f]) }
        }
    }

    /// The decision half of the agents phase, into `intents` by kind, then index: agents decide in
    /// the order they are stored (their columns read front to back), split into parts over
    /// `threads` cores.
    mutating func decideAgents() {
        let n = order.count
        let parts = threads <= 1 ? 1 : min(threads * 4, max(1, n / max(1, agentsPerTask)))
        let view = AgentView(self), threads = self.threads
        Self.withAgentColumns(&recyclers, &scavengers, &crew, &guards, &informants, &intents) { columns, out in
            ConcurrentTasks.run(count: parts, threads: threads) { part in
                let partStart = part * n / parts, partEnd = (part + 1) * n / parts
                var start = 0
                for kind in AgentKind.allCases {
                    let count = columns.count(kind)
                    defer { start += count }
                    let lo = max(partStart, start), hi = min(partEnd, start + count)
                    guard lo < hi else { continue }
                    for f in lo..<hi {
                        // Only within the part: the rows of agents beyond it may be another core's.
                        if f &+ AgentView.prefetchNear < hi { view.prefetchCells(kind, f &+ AgentView.prefetchNear &- start, columns) }
                        out[f] = view.decide(kind, f &- start, columns)
                    }
                }
            }
        }
    }

    /// The stream an agent's resolution draws from this tick (its decision's is `AgentView.stream`).
    @inline(__always) func resolveStream(_ agent: Int64) -> AgentStream {
        AgentStream(seed: agentSeed, agent: agent, tick: tick, purpose: .resolve)
    }

    /// Applies one agent's intent (the resolution half of the agents phase).
    mutating func resolve(_ code: UInt32, _ intent: AgentIntent) {
        let i = Int(code & 0x0FFF_FFFF)
        switch AgentKind(rawValue: code >> 28)! {
        case .recycler: resolveRecycler(i, intent)
        case .scavenger: resolveScavenger(i, intent)
        case .crew: resolveCrew(i, intent)
        case .guard: resolveGuard(i, intent)
        case .informant: resolveInformant(i, intent)
        }
    }

    /// Agent `i` of `kind` decides and acts alone, as in a tick's agent phase (for tests of
    /// one behaviour).
    mutating func stepAgent(_ kind: AgentKind, _ i: Int) {
        if kind == .recycler { wasteTiles.rebuild(waste) }
        if kind == .scavenger { componentTiles.rebuild(components) }
        if kind == .crew { fillCrewTargetWeights() }
        let intent = decideAlone(kind, i)
        if !intent.isQuiet { resolve(kind.rawValue << 28 | UInt32(i), intent) }
    }

    private mutating func decideAlone(_ kind: AgentKind, _ i: Int) -> AgentIntent {
        let view = AgentView(self)
        var scratch: [AgentIntent] = []
        return Self.withAgentColumns(&recyclers, &scavengers, &crew, &guards, &informants, &scratch) { columns, _ in
            view.decide(kind, i, columns)
        }
    }

    /// Runs `body` with every store's columns and `intents` as buffers. Static, with the
    /// stores passed separately, so that `body` cannot touch the city while it holds them.
    static func withAgentColumns<R>(_ r: inout RecyclerStore, _ s: inout ScavengerStore, _ c: inout CrewStore,
                                    _ g: inout GuardStore, _ inf: inout InformantStore, _ intents: inout [AgentIntent],
                                    _ body: (AgentColumns, UnsafeMutableBufferPointer<AgentIntent>) -> R) -> R {
        r.withColumns { r in s.withColumns { s in c.withColumns { c in g.withColumns { g in inf.withColumns { inf in
            intents.withUnsafeMutableBufferPointer { out in
                body(AgentColumns(recyclers: r, scavengers: s, crew: c, guards: g, informants: inf), out)
            }
        } } } } }
    }
}

extension AgentView {
    @inline(__always) func decide(_ kind: AgentKind, _ i: Int, _ columns: AgentColumns) -> AgentIntent {
        switch kind {
        case .recycler: decideRecycler(i, columns.recyclers)
        case .scavenger: decideScavenger(i, columns.scavengers)
        case .crew: decideCrew(i, columns.crew)
        case .guard: decideGuard(i, columns.guards)
        case .informant: decideInformant(i, columns.informants)
        }
    }
}
