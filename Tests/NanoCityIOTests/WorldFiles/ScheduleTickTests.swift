import Foundation
import Testing
@testable import NanoCityIO
@testable import NanoCityModel

/// `schedule.<name>.tick`: a named schedule entry's tick as a parameter.
@Suite struct ScheduleTickTests {
    static func world(_ crackdown: Int, _ extra: String = "") throws -> World {
        try WorldFile.parse(text: """
            [run]
            ticks = 80
            [[schedule]]
            tick = 20
            set = { "guards.count" = 2 }
            [[schedule]]
            name = "crackdown"
            tick = \(crackdown)
            set = { "guards.count" = 12 }
            [[schedule]]
            tick = 40
            set = { "crew.dump_prob" = 0.1 }
            """ + extra, origin: "w.toml", baseDirectory: "/tmp")
    }

    static func rows(_ w: World) throws -> [[Double]] {
        var rows: [[Double]] = []
        var city = City(map: try w.buildMap(), parameters: w.parameters, seed: 4)
        _ = RunLoop.run(&city, to: 80, recorders: [MetricsObserver { rows.append($0) }], shouldStop: { false })
        return rows
    }

    @Test func movingAnEntryEqualsWritingItsTickInTheFile() throws {
        var moved = try Self.world(30)
        try moved.applyOverrides(["schedule.crackdown.tick=60"])
        let written = try Self.world(60)
        // Moved after the tick-40 entry, as the file with tick 60 sorts it.
        #expect(moved.parameters.schedule == written.parameters.schedule)
        #expect(moved.parameters.schedule.map(\.tick) == [20, 40, 60])
        #expect(try Self.rows(moved) == Self.rows(written))
        #expect(try Self.rows(moved) != Self.rows(try Self.world(30)))
        #expect(ParameterCatalog.spec(for: "schedule.crackdown.tick")!.value(in: moved.parameters) == .int(60))
        // Entries of one tick stay in file order: moved to 20, it runs after the first entry.
        var early = try Self.world(30)
        try early.applyOverrides(["schedule.crackdown.tick=20"])
        #expect(early.parameters.schedule.map(\.name) == [nil, "crackdown", nil])
    }

    @Test(arguments: [
        ("schedule.crakdown.tick=5", "did you mean schedule.crackdown.tick"),
        ("schedule.crackdown.tick=-1", "an integer in 0...100000000"),
        ("schedule.crackdown.when=5", "schedule.<name>.tick"),
    ])
    func badKeysSayWhatIsWrong(_ assignment: String, _ fragment: String) throws {
        var w = try Self.world(30)
        #expect { try w.applyOverrides([assignment]) } throws: { "\($0)".contains(fragment) }
    }

    @Test(arguments: [
        ("\n[[schedule]]\nname = \"crackdown\"\ntick = 5\nset = { \"guards.count\" = 1 }", "names must be unique"),
        ("\n[[schedule]]\nname = \"Crack Down\"\ntick = 5\nset = { \"guards.count\" = 1 }", "a lowercase letter"),
    ])
    func badNamesInAWorldFileSayWhatIsWrong(_ extra: String, _ fragment: String) {
        #expect { _ = try Self.world(30, extra) } throws: { "\($0)".contains(fragment) }
    }

    @Test func aNamedEntryIsWrittenBackWithItsName() throws {
        let w = try Self.world(30)
        let text = WorldFileWriter.text(w)
        #expect(text.contains("name = \"crackdown\""))
        let again = try WorldFile.parse(text: text, origin: "again.toml", baseDirectory: "/tmp")
        #expect(again.parameters.schedule.map(\.name) == w.parameters.schedule.map(\.name))
    }
}
