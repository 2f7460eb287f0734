import Testing
@testable import NanoCityModel
import NanoCityEngine
import NanoCityTestSupport

@Suite struct DeterminismTests {
    func trace(seed: UInt64, ticks: Int = 120) -> ([[Double]], [Event]) {
        var p = WorldParameters()
        p.map.width = 40; p.map.height = 40
        let map = try! MapGenerator.generate(p.map)
        var city = City(map: map, parameters: p, seed: seed)
        var rows = [MetricCatalog.sample(city)]
        var events: [Event] = []
        for _ in 0..<ticks {
            city.step()
            rows.append(MetricCatalog.sample(city))
            events += city.events
        }
        return (rows, events)
    }

    @Test func sameSeedSameTrajectoryDifferentSeedDifferent() {
        let a = trace(seed: 5), b = trace(seed: 5), c = trace(seed: 6)
        #expect(a.0 == b.0)
        #expect(a.1 == b.1)
        #expect(a.0 != c.0)
        #expect(!a.1.isEmpty)
    }

    /// Every agent kind has its population column, counting `City.population(kind)`.
    @Test func everyAgentKindHasItsPopulationMetric() {
        var p = TestWorlds.quiet()
        (p.recyclers.count, p.scavengers.count, p.crew.count, p.guards.count, p.informants.count) = (3, 4, 5, 6, 7)
        let city = TestWorlds.city(p)
        let context = MetricContext(city)
        for kind in AgentKind.allCases {
            let spec = MetricCatalog.all.first { $0.name == kind.metric.name }
            #expect(spec?.kind == .level, "no population metric for \(kind)")
            #expect(spec.map { $0.compute(context) } == Double(city.population(kind)))
        }
        #expect(AgentKind.allCases.map { city.population($0) } == [3, 4, 5, 6, 7])
    }

    @Test func metricsHaveUniqueNamesAndCountersResetEachTick() {
        #expect(Set(MetricCatalog.names).count == MetricCatalog.names.count)
        var city = TestWorlds.city(TestWorlds.quiet())
        city.counters.thefts = 5
        city.step()
        #expect(city.counters.thefts == 0)
    }
}

/// `City.threads` changes how the field phases and the agents' decisions run, never what they compute.
@Suite struct ThreadCountTests {
    /// A world big enough that the field phases split into 2 and 3 bands (512 × 384 cells), with
    /// every agent kind and the crime field, stepped and sampled every tick; its 210 agents
    /// decide in parts of `agentsPerTask`.
    func trace(threads: Int, agentsPerTask: Int = City.minimumAgentsPerTask, ticks: Int = 12)
        -> (state: [UInt8], rows: [[Double]], events: [Event]) {
        var p = WorldParameters()
        p.map.width = 512; p.map.height = 384; p.map.centres = 6; p.map.hideouts = 3
        (p.recyclers.count, p.scavengers.count, p.crew.count, p.guards.count) = (120, 40, 30, 20)
        p.toxicity.diffusion = 0.6
        let map = try! MapGenerator.generate(p.map)
        var city = City(map: map, parameters: p, seed: 11)
        // Agents that meet at once, so the resolution has conflicts to settle: guards on crew,
        // crew stealing together at the Heart, recyclers sharing one heap of waste.
        for g in 0..<10 { city.placeGuard(g, at: Int(city.crew.cell[g])) }
        for k in 10..<16 { city.placeCrew(k, at: Int(map.heart)); city.crew.target[k] = map.heart }
        let heap = Int(map.streets[map.streets.count / 2])
        city.waste.values[heap] = 3
        for r in 0..<6 { city.recyclers.cell[r] = Int32(heap) }
        city.threads = threads
        city.agentsPerTask = agentsPerTask
        var rows = [MetricCatalog.sample(city)], events: [Event] = []
        for _ in 0..<ticks {
            city.step()
            rows.append(MetricCatalog.sample(city))
            events += city.events
        }
        var w = StateWriter()
        city.encodeState(&w)
        return (w.bytes, rows, events)
    }

    @Test func outputsAreBitIdenticalForOneTwoAndThreeThreads() {
        #expect(RowBands.count(rows: 384, width: 512, threads: 3) == 3)
        let one = trace(threads: 1)
        // Agents meet in the resolution: crew steal and get arrested, recyclers share waste.
        for kind in [EventKind.theft, .arrest, .dump] { #expect(one.events.contains { $0.kind == kind }, "no \(kind) event") }
        for (threads, perTask) in [(2, City.minimumAgentsPerTask), (3, City.minimumAgentsPerTask), (2, 7), (3, 25)] {
            let other = trace(threads: threads, agentsPerTask: perTask)
            // Compared first, then expected, so a failure prints one line, not megabytes.
            let sameState = other.state == one.state
            let sameRows = other.rows.map { $0.map(\.bitPattern) } == one.rows.map { $0.map(\.bitPattern) }
            let sameEvents = other.events == one.events
            #expect(sameState, "\(threads) threads, \(perTask) agents a task: the state differs")
            #expect(sameRows, "\(threads) threads, \(perTask) agents a task: metrics differ")
            #expect(sameEvents, "\(threads) threads, \(perTask) agents a task: events differ")
        }
    }
}

/// Each agent's draws are its own (`AgentStream`): a policy that changes other agents leaves
/// an agent's decisions alone.
@Suite struct AgentStreamForkTests {
    /// A fork at tick 30 that adds five guards (new agents, new draws, a longer shuffled order):
    /// on the first tick after it every recycler and scavenger decides exactly as in the
    /// unchanged arm, since they decide from the same world on the same streams. Under model
    /// version 1, with one shared generator, the extra guards shifted everyone's draws.
    @Test func addingGuardsLeavesOtherAgentsDecisionsAlone() {
        var p = WorldParameters()
        p.map.width = 48; p.map.height = 48
        (p.recyclers.count, p.scavengers.count, p.crew.count, p.guards.count) = (60, 30, 12, 4)
        let map = try! MapGenerator.generate(p.map)
        var base = City(map: map, parameters: p, seed: 21)
        base.run(ticks: 30)
        var arm = base
        arm.params.guards.count = 9
        arm.reconcilePopulations([.guard])
        #expect(arm.guards.count == 9)
        base.step(); arm.step()
        #expect(arm.recyclers.cell == base.recyclers.cell && arm.recyclers.health == base.recyclers.health)
        #expect(arm.recyclers.target == base.recyclers.target)
        #expect(arm.scavengers.cell == base.scavengers.cell && arm.scavengers.target == base.scavengers.target)
        // The arms did change: the new guards moved, and the tick's order differs.
        #expect(arm.order != base.order)
    }

    /// A megacity holds a million intents: they stay 16 bytes, and a recycler's health
    /// survives the trip through the crew-index field it shares.
    @Test func intentsAreSmall() {
        #expect(MemoryLayout<AgentIntent>.stride == 16)
        var intent = AgentIntent(at: 7)
        intent.value = 0.3125
        #expect(intent.value == 0.3125 && intent.from == 7 && intent.to == 7)
    }
}

@Suite struct MapOrderTests {
    /// Re-storing orders by row, keeps an agent's row-mates in their order, and moves every
    /// column together.
    @Test func recyclersAreReStoredByRowWithTheirColumns() {
        // A 4-wide grid: cells 9, 3, 7, 2, 1 lie in rows 2, 0, 1, 0, 0.
        #expect(MapOrder.permutation([9, 3, 7, 2, 1], width: 4, height: 3) == [1, 3, 4, 2, 0])
        var store = RecyclerStore()
        for (k, c) in [9, 3, 7, 2, 1].enumerated() { store.append(id: Int64(100 + k), cell: Int32(c), home: Int32(c * 10)) }
        store.load = [0.9, 0.3, 0.7, 0.2, 0.1]
        store.sortByRow(GridSize(width: 4, height: 3))
        #expect(store.cell == [3, 2, 1, 7, 9])
        #expect(store.id == [101, 103, 104, 102, 100])
        #expect(store.home == store.cell.map { $0 * 10 })
        #expect(store.load == [0.3, 0.2, 0.1, 0.7, 0.9])
    }

    /// The counting sort and the in-place cycles agree with a plain stable sort and copy.
    @Test func countingSortAndInPlacePermutationMatchPlainOnes() {
        var rng = Xoshiro256StarStar(seed: 4)
        let size = GridSize(width: 300, height: 200)
        for n in [0, 1, 2, 63, 64, 65, 3_000] {
            let cells = (0..<n).map { _ in Int32(rng.below(size.count)) }
            let p = MapOrder.permutation(cells, width: size.width, height: size.height)
            let plain = cells.indices.sorted { (cells[$0] / 300, $0) < (cells[$1] / 300, $1) }
            #expect(p.map { Int($0) } == plain, "n = \(n)")
            var values = (0..<n).map { _ in rng.next() }
            let expected = plain.map { values[$0] }
            var done: [UInt64] = []
            values.permute(p, done: &done)
            #expect(values == expected, "n = \(n)")
        }
    }
}
