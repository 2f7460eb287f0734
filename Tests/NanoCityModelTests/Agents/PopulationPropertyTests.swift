import PropertyBased
import Testing
import NanoCityEngine
@testable import NanoCityModel
import NanoCityTestSupport

/// Whatever the populations, rates and mid-run population changes, no metric (agent counts,
/// masses, events) ever goes negative or stops being a finite number.
@Suite struct PopulationPropertyTests {
    @Test func countsAndMassesNeverGoNegative() async {
        let populations = zip(Gen.int(in: 0...12), Gen.int(in: 0...12), Gen.int(in: 0...12), Gen.int(in: 0...12))
        let rates = zip(Gen.double(in: 0...1), Gen.double(in: 0...1), Gen.double(in: 0...0.05), Gen.int(in: 0...1000))
        let changes = zip(Gen.int(in: 1...20), Gen.int(in: 0...3),
                          Gen.int(in: 0...15)).array(of: 0...4)
        await propertyCheck(count: 40, input: populations, rates, changes) { pop, rates, changes in
            var p = WorldParameters()
            (p.recyclers.count, p.scavengers.count, p.crew.count, p.guards.count) = pop
            p.crew.dumpProb = rates.0
            p.crew.hackProb = rates.1
            p.waste.industrialRate = rates.2
            let keys = ["recyclers.count", "scavengers.count", "crew.count", "guards.count"]
            for (tick, key, value) in changes {
                p.schedule.append(ScheduleEntry(tick: tick, changes: [(keys[key], .int(value))]))
            }
            p.schedule.sort { $0.tick < $1.tick }
            var city = City(map: TestWorlds.map(), parameters: p, seed: UInt64(rates.3))
            for tick in 0..<30 {
                city.step()
                let context = MetricContext(city)
                for metric in MetricCatalog.all {
                    let v = metric.compute(context)
                    #expect(v.isFinite && v >= 0, "\(metric.name) = \(v) at tick \(tick) with \(pop), \(changes)")
                }
                #expect(city.recyclers.count >= 0 && city.crew.count >= 0 && city.guards.count >= 0 && city.scavengers.count >= 0)
            }
        }
    }
}
