import Testing
import NanoCityEngine
import NanoCityIO
import NanoCityModel
import NanoCityTestSupport

/// A city encoded at tick T and restored continues exactly as the uninterrupted city does:
/// every metric row and every event, for every shipped world, including schedules that fire
/// after the checkpoint.
@Suite struct WorldCheckpointTests {

    /// The Model tests run the default city from `TestWorlds.defaults()` without a world
    /// file: this holds the shipped default world (and the embedded copy) to it.
    @Test func theDefaultWorldIsTestSupportsDefaultCity() throws {
        let support = try TestWorlds.defaults().parameters
        #expect(try WorldFile.embeddedDefault().parameters == support)
        let file = try WorldFile.load(path: TestWorlds.repositoryRoot() + "/worlds/default.toml")
        #expect(file.parameters == support)
        let a = try file.buildMap(), b = try TestWorlds.defaults().map
        #expect(a.terrain == b.terrain && a.centres == b.centres && a.stations == b.stations && a.hideouts == b.hideouts && a.sensorCells == b.sensorCells)
    }

    @Test(arguments: [("default.toml", 150, 150, [String]()),
                      ("heist.toml", 640, 200, []),             // heist at 650, schedules at 700 and 800
                      ("harbour.toml", 60, 120, []),
                      ("short2008.toml", 40, 60, []),
                      ("default.toml", 30, 120, ["guards.recruit_threshold=1", "education.workshop_every=7",
                                                 "guards.recruit_window=11"]),
                      // Informants mid-network: tips in flight across the checkpoint, some silenced.
                      ("default.toml", 200, 150, ["informants.count=20", "informants.tip_delay=25", "informants.exposure_risk=0.2"])])
    func restoredCityContinuesLikeTheOriginal(world: String, at: Int, then: Int, overrides: [String]) throws {
        var w = try WorldFile.load(path: TestWorlds.repositoryRoot() + "/worlds/" + world)
        try w.applyOverrides(overrides)
        let map = try w.buildMap()
        var city = City(map: map, parameters: w.parameters, seed: 77)
        city.run(ticks: at)
        var restored = try TestWorlds.stateRoundTrip(city, map: map)
        #expect(MetricCatalog.sample(restored) == MetricCatalog.sample(city))
        #expect(restored.events == city.events)
        let original = TestWorlds.trace(&city, ticks: then)
        let resumed = TestWorlds.trace(&restored, ticks: then)
        #expect(original.0 == resumed.0)
        #expect(original.1 == resumed.1)
        #expect(!original.1.isEmpty)
    }
}
