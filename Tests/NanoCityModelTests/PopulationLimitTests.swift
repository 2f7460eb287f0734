import Testing
@testable import NanoCityModel

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
}
