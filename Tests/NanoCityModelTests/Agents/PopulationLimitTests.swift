import Testing
@testable import NanoCityModel
import NanoCityTestSupport

/// Values inside the documented ranges never trap: more guards on one cell than a 16-bit
/// counter holds.
@Suite struct PopulationLimitTests {
    @Test func seventyThousandGuardsOnOneStation() {
        var p = TestWorlds.quiet()
        p.guards.count = 70_000
        p.guards.max = 80_000
        var city = City(map: TestWorlds.map(), parameters: p, seed: 3)
        #expect(city.guards.count == 70_000)
        #expect(city.guardCount.reduce(0, +) == 70_000)
        #expect(city.guardCount.max()! > UInt32(UInt16.max))  // they all start on the one station
        city.run(ticks: 2)
        #expect(city.guardCount.reduce(0, +) == 70_000)
    }

    @Test func idsBeyondTwoToThe31() {
        var p = TestWorlds.quiet()
        p.guards.count = 1
        var city = City(map: TestWorlds.map(), parameters: p, seed: 3)
        city.nextID = Int64(Int32.max)  // as after 2³¹ − 1 agents created over a long run
        city.params.guards.count = 3
        city.reconcilePopulations()
        #expect(city.guards.id.suffix(2) == [Int64(Int32.max), Int64(Int32.max) + 1])
        city.run(ticks: 1)
    }
}
