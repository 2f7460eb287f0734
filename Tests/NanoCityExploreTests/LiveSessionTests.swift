import Foundation
import Testing
@testable import NanoCityExplore
import NanoCityIO
import NanoCityModel

/// The live session: changes as schedule entries, forks with common random numbers, and
/// saved worlds that `run` reproduces byte for byte.
@Suite struct LiveSessionTests {
    static func session(_ name: String, seed: UInt64 = 3) throws -> LiveSession {
        let world = try WorldFile.embeddedDefault()
        let dir = NSTemporaryDirectory() + "explore-\(name)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return try LiveSession(world: world, map: try world.buildMap(), seed: seed, directory: dir)
    }

    /// `nanocity run`'s metrics.csv for a world file's text.
    static func runMetrics(_ text: String, _ name: String) throws -> String {
        let world = try WorldFile.parse(text: text, origin: name, baseDirectory: NSTemporaryDirectory())
        var options = RunOptions(ticks: world.parameters.run.ticks, seed: UInt64(world.parameters.run.seed))
        options.outDirectory = NSTemporaryDirectory() + "explore-rerun-\(UUID().uuidString)"
        options.progress = false
        let result = try SimulationRun.execute(world: world, map: try world.buildMap(), options: options, from: nil)
        return try String(contentsOfFile: result.directory + "/metrics.csv", encoding: .utf8)
    }

    static func metrics(_ s: LiveSession, _ sub: String = "") throws -> String {
        try s.flush()
        return try String(contentsOfFile: s.directory + sub + "/metrics.csv", encoding: .utf8)
    }

    @Test func aChangeAppliesAtTheNextTickAsAScheduleEntry() throws {
        let s = try Self.session("change")
        for _ in 0..<5 { try s.step() }
        let change = try s.set("guards.count", to: "25", on: .a)
        #expect(change.tick == 6 && change.previous == .int(6) && change.value == .int(25))
        #expect(s.a.guards.count == 6)  // not before the next tick
        try s.step()
        #expect(s.a.guards.count >= 25)
        // The same city as a world file whose schedule says so.
        var world = try WorldFile.embeddedDefault()
        world.parameters.schedule.append(ScheduleEntry(tick: 6, changes: [("guards.count", .int(25))]))
        var city = City(map: s.map, parameters: world.parameters, seed: 3)
        for _ in 0..<6 { city.step() }
        #expect(MetricCatalog.sample(city) == s.metricsA)
    }

    @Test func theSavedWorldReproducesTheSessionByteForByte() throws {
        let s = try Self.session("save")
        for _ in 0..<8 { try s.step() }
        try s.set("crew.dump_prob", to: "0.9", on: .a)
        try s.set("sensors.density", to: "0.2", on: .a)
        for _ in 0..<7 { try s.step() }
        try s.set("recyclers.count", to: "3", on: .a)  // pending at the save: not in the file
        let text = try s.worldText(.a)
        #expect(text.contains("ticks = 15"))
        #expect(!text.contains("\"recyclers.count\""))
        #expect(try Self.runMetrics(text, "saved-a") == Self.metrics(s))
    }

    @Test func aForkLeavesCityAAsItWasAndCityBReproducesFromItsWorld() throws {
        let plain = try Self.session("plain"), forked = try Self.session("forked")
        for _ in 0..<6 { try plain.step(); try forked.step() }
        try forked.fork()
        #expect(forked.b.map(MetricCatalog.sample) == forked.metricsA)
        try forked.set("guards.count", to: "1", on: .b)
        #expect(forked.changes.last?.branch == .b)
        for _ in 0..<10 { try plain.step(); try forked.step() }
        // A is untouched by the fork (common random numbers: B is a copy, not a re-run).
        #expect(try Self.metrics(forked) == Self.metrics(plain))
        #expect(forked.metricsB != forked.metricsA)
        // B's world reproduces B: its rows from the fork's tick are the fork's file.
        let rerun = try Self.runMetrics(try forked.worldText(.b), "saved-b").split(separator: "\n")
        let live = try Self.metrics(forked, "/fork-000006").split(separator: "\n")
        #expect(live.first == rerun.first)
        #expect(Array(rerun.dropFirst(1 + 6)) == Array(live.dropFirst()))
        forked.dropFork()
        #expect(forked.b == nil && !forked.isForked)
    }

    @Test func refusesWhatAWorldFileWouldRefuse() throws {
        let s = try Self.session("refuse")
        #expect(throws: LiveError.notSchedulable("map.width")) { try s.set("map.width", to: "32", on: .a) }
        #expect(throws: LiveError.noBranch(.b)) { try s.set("guards.count", to: "3", on: .b) }
        do { try s.set("guards.cuont", to: "3", on: .a); Issue.record("unknown key accepted") } catch {
            #expect(error.description.contains("guards.count"))  // the suggestion
        }
        do { try s.set("guards.count", to: "-1", on: .a); Issue.record("out of range accepted") } catch {
            #expect(error.description.contains("0...10000000"))
        }
        do { try s.set("zones.harbour.guards", to: "3", on: .a); Issue.record("undeclared zone accepted") } catch {
            #expect(error.description.contains("harbour"))
        }
        let schedule = try WorldFile.embeddedDefault().parameters.schedule
        #expect(s.changes.isEmpty && s.a.params.schedule == schedule)
    }

    @Test func checkpointsContinueWhereTheSessionIs() throws {
        let s = try Self.session("checkpoint")
        for _ in 0..<4 { try s.step() }
        try s.set("guards.count", to: "9", on: .a)
        for _ in 0..<3 { try s.step() }
        let path = try s.saveCheckpoint(.a)
        var city = try Checkpoint.read(path: path).city
        #expect(city.tick == 7)
        var live = s.a
        city.step(); live.step()
        #expect(MetricCatalog.sample(city) == MetricCatalog.sample(live))
    }
}

extension LiveSessionTests {
    @Test func recordingWritesAFrameEveryTickUntilStopped() throws {
        let s = try Self.session("record")
        try s.step()
        try s.startRecording(fps: 24, video: false)
        #expect(s.recordingSince == 1)
        for _ in 0..<3 { try s.step() }
        let paths = try s.stopRecording()
        #expect(paths == [s.directory + "/frames"])
        try s.step()
        let names = try FileManager.default.contentsOfDirectory(atPath: s.directory + "/frames").sorted()
        #expect(names == ["frame_000002.png", "frame_000003.png", "frame_000004.png"])
        #expect(s.recordingSince == nil)
    }
}
