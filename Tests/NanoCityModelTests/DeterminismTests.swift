import Testing
@testable import NanoCityModel
import NanoCityEngine

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
        (p.recyclers.count, p.scavengers.count, p.crew.count, p.guards.count) = (3, 4, 5, 6)
        let city = TestWorlds.city(p)
        let context = MetricContext(city)
        for kind in AgentKind.allCases {
            let spec = MetricCatalog.all.first { $0.name == kind.metric.name }
            #expect(spec?.kind == .level, "no population metric for \(kind)")
            #expect(spec.map { $0.compute(context) } == Double(city.population(kind)))
        }
        #expect(AgentKind.allCases.map { city.population($0) } == [3, 4, 5, 6])
    }

    @Test func metricsHaveUniqueNamesAndCountersResetEachTick() {
        #expect(Set(MetricCatalog.names).count == MetricCatalog.names.count)
        var city = TestWorlds.city(TestWorlds.quiet())
        city.counters.thefts = 5
        city.step()
        #expect(city.counters.thefts == 0)
    }
}
