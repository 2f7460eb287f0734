import Testing
import NanoCityTestSupport
@testable import NanoCityModel

/// Policy levers move outcomes the way the model's rules imply, summed over seeded replicates
/// of the default world (few ticks, so the suite stays fast).
@Suite struct PolicyResponseTests {
    static let world = try! TestWorlds.defaults()
    static let map = world.map

    func total(_ metric: String, ticks: Int = 300, seeds: ClosedRange<UInt64> = 1...4, _ change: (inout WorldParameters) -> Void) -> Double {
        var p = Self.world.parameters
        change(&p)
        let col = MetricCatalog.names.firstIndex(of: metric)!
        var sum = 0.0
        for seed in seeds {
            var city = City(map: Self.map, parameters: p, seed: seed)
            for _ in 0..<ticks {
                city.step()
                sum += MetricCatalog.sample(city)[col]
            }
        }
        return sum
    }

    @Test func moreGuardsFewerThefts() {
        let none = total("thefts") { $0.guards.count = 0; $0.guards.recruitThreshold = 0 }
        let many = total("thefts") { $0.guards.count = 30; $0.guards.recruitThreshold = 0 }
        #expect(many < none * 0.6, "thefts: \(many) with 30 guards vs \(none) with none")
    }

    @Test func denserSensorsFewerUndetectedDumps() {
        let none = total("dumps_undetected") { $0.sensors.density = 0 }
        let dense = total("dumps_undetected") { $0.sensors.density = 0.15 }
        #expect(dense < none * 0.6, "undetected dumps: \(dense) dense vs \(none) none")
    }

    @Test func moreEducationMoreRecyclers() {
        func finalRecyclers(_ level: Double) -> Double {
            var p = Self.world.parameters
            p.education.level = level
            p.education.workshopEvery = 0
            var n = 0.0
            for seed: UInt64 in 1...3 {
                var city = City(map: Self.map, parameters: p, seed: seed)
                city.run(ticks: 300)
                n += Double(city.recyclers.count)
            }
            return n
        }
        #expect(finalRecyclers(0.9) > finalRecyclers(0) + 20)
    }
}
