import Testing
@testable import NanoCityIO
@testable import NanoCityModel

/// `bench` runs through the run loop and counts what a run does (no timing is asserted).
@Suite struct BenchmarkTests {
    @Test func agentStepsAndPhasesCoverTheRun() throws {
        let world = try WorldFile.embeddedDefault()
        let map = try world.buildMap()
        let f = Benchmark.measure(world: world, map: map, ticks: 30, seed: 4, repeats: 1)
        var city = City(map: map, parameters: world.parameters, seed: 4)
        var expected = 0
        for _ in 0..<30 {
            expected += city.recyclers.count + city.scavengers.count + city.freeCrew + city.guards.count
            city.step()
        }
        #expect(f.agentSteps == expected)
        #expect(f.phases.map(\.name) == TickPhase.allCases.map(\.rawValue) + ["metrics"])
        #expect(f.phases.first { $0.name == "agents" }!.seconds > 0)
        #expect(f.phases.first { $0.name == "metrics" }!.seconds > 0)
    }
}
