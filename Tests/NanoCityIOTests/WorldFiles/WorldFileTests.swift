import Foundation
import Testing
@testable import NanoCityIO
@testable import NanoCityModel

@Suite struct WorldFileTests {
    static let repoRoot = sequence(first: URL(fileURLWithPath: #filePath).deletingLastPathComponent(), next: { $0.path == "/" ? nil : $0.deletingLastPathComponent() }).first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("Package.swift").path) && FileManager.default.fileExists(atPath: $0.appendingPathComponent("worlds").path) }!.path  // the repository root, wherever this file sits below it

    func parse(_ text: String) throws(WorldError) -> World {
        try WorldFile.parse(text: text, origin: "test.toml", baseDirectory: "/tmp")
    }

    @Test func missingKeysTakeDefaults() throws {
        let w = try parse("name = \"x\"\n[guards]\ncount = 3\n")
        var expected = WorldParameters()
        expected.name = "x"
        expected.guards.count = 3
        #expect(w.parameters == expected)
    }

    @Test func embeddedDefaultIsWorldsDefaultToml() throws {
        let file = try String(contentsOfFile: Self.repoRoot + "/worlds/default.toml", encoding: .utf8)
        #expect(EmbeddedWorlds.defaultTOML == file)
        let a = try WorldFile.embeddedDefault(), b = try WorldFile.load(path: Self.repoRoot + "/worlds/default.toml")
        #expect(a.parameters == b.parameters)
    }

    @Test func everyShippedWorldValidates() throws {
        let dir = Self.repoRoot + "/worlds"
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".toml") }
        #expect(files.count >= 1)
        for f in files {
            let w = try WorldFile.load(path: dir + "/" + f)
            #expect(w.validate().isEmpty, "\(f): \(w.validate())")
        }
    }

    @Test func unknownKeysAndBadValuesNameKeyAndLine() {
        let text = """
            name = "x"
            [guards]
            count = 3
            cout = 4
            [toxicity]
            decay = 2.0
            [sensors]
            density = "lots"
            """
        do {
            _ = try parse(text)
            Issue.record("accepted a bad world")
        } catch {
            let byKey = Dictionary(uniqueKeysWithValues: error.problems.map { ($0.key ?? "", $0) })
            #expect(error.problems.count == 3)
            #expect(byKey["guards.cout"]?.line == 4)
            #expect(byKey["guards.cout"]?.message.contains("guards.count") == true)
            #expect(byKey["toxicity.decay"]?.line == 6)
            #expect(byKey["toxicity.decay"]?.message.contains("0.0...1.0") == true)
            #expect(byKey["sensors.density"]?.line == 8)
            #expect(error.description.contains("test.toml:4: "))
        }
    }

    @Test func syntaxErrorsGiveTheLine() {
        do {
            _ = try parse("name = \"x\"\n[guards\ncount = 3\n")
            Issue.record("accepted broken TOML")
        } catch {
            #expect(error.problems.count == 1)
            #expect(error.problems[0].line == 2)
        }
    }

    @Test func overridesApplyAndAreRecorded() throws {
        var w = try parse("[guards]\ncount = 3\n")
        try w.applyOverrides(["guards.count=9", "toxicity.diffusion=0.5"])
        #expect(w.parameters.guards.count == 9)
        #expect(w.overrides.map(\.key) == ["guards.count", "toxicity.diffusion"])
        #expect(throws: WorldError.self) { try w.applyOverrides(["nope.key=1"]) }
    }

    @Test func scheduleEntriesParseAndRejectBadKeys() throws {
        let w = try parse("""
            [[schedule]]
            tick = 50
            set = { "guards.count" = 12, containment.enabled = true }
            [[schedule]]
            tick = 10
            set = { "education.level" = 0.9 }
            """)
        #expect(w.parameters.schedule.map(\.tick) == [10, 50])
        #expect(w.parameters.schedule[1].changes.count == 2)
        #expect(w.parameters.schedule[1].changes.contains { $0.key == "containment.enabled" && $0.value == .bool(true) })
        do {
            _ = try parse("[[schedule]]\ntick = 5\nset = { \"map.width\" = 10, \"guards.cnt\" = 1 }\n")
            Issue.record("accepted a bad schedule")
        } catch {
            #expect(error.problems.count == 2)
            #expect(error.problems.allSatisfy { $0.line == 3 })
        }
    }

    @Test func inlineAsciiMapErrorsPointIntoTheWorldFile() throws {
        let w = try parse("""
            [map]
            kind = "ascii"
            ascii = \"\"\"
            ....
            .HC.
            .GX?
            ....
            \"\"\"
            """)
        do {
            _ = try w.buildMap()
            Issue.record("accepted a bad map")
        } catch {
            #expect(error.problems.first?.line == 6)
        }
    }
}
