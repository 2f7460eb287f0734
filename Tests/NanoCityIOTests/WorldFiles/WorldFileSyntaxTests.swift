import Foundation
import Testing
import NanoCityTOML
@testable import NanoCityIO

/// Syntax errors in world files: one problem, with the file, the line and the column; inputs
/// that used to abort the program (inside the C++ TOML library) or overflow the stack are
/// ordinary errors now.
@Suite struct WorldFileSyntaxTests {
    static func problem(_ text: String) -> WorldProblem? {
        do {
            _ = try WorldFile.parse(text: text, origin: "w.toml", baseDirectory: "/")
            return nil
        } catch { return error.problems.first }
    }

    /// Each of these aborted the whole program inside the old library (fuzzer finds).
    @Test(arguments: ["[\n", "[.map]\n", "[=\n", "[{\n", "[#]\n", "[\u{2028}\n", "[map\n", "[[schedule]\n", "x = 1\n[ .a]\n"])
    func crashingHeadersAreRejectedWithTheirLine(_ text: String) throws {
        guard let p = Self.problem(text) else { Issue.record("accepted \(text.debugDescription)"); return }
        #expect(p.file == "w.toml")
        #expect(p.line == text.split(separator: "\n").count)
        #expect(p.message.hasPrefix("TOML syntax:") && p.message.contains("column"))
    }

    @Test func deepNestingIsRejectedNotRecursedInto() {
        let deepHeader = "[" + Array(repeating: "a", count: 30_000).joined(separator: ".") + "]\n"
        let deepKey = Array(repeating: "a", count: 30_000).joined(separator: ".") + " = 1\n"
        let deepArray = "x = " + String(repeating: "[", count: 30_000) + String(repeating: "]", count: 30_000) + "\n"
        let deepInline = "x = " + String(repeating: "{a=", count: 5_000) + "1" + String(repeating: "}", count: 5_000) + "\n"
        let deepInlineKey = "x = { b = 1, " + Array(repeating: "c", count: 5_000).joined(separator: ".") + " = 2 }\n"
        for (text, limit) in [(deepHeader, TOMLParser.maxKeyParts), (deepKey, TOMLParser.maxKeyParts), (deepArray, TOMLParser.maxDepth),
                              (deepInline, TOMLParser.maxDepth), (deepInlineKey, TOMLParser.maxKeyParts)] {
            guard let p = Self.problem(text) else { Issue.record("accepted a deep input"); continue }
            #expect(p.line == 1 && p.message.contains("at most \(limit)"), "\(p.message)")
        }
        // Depth up to the limit parses (and is then an unknown key, not a syntax error).
        let atLimit = Self.problem("[" + Array(repeating: "a", count: 32).joined(separator: ".") + "]\nb = 1\n")
        #expect(atLimit?.message.hasPrefix("TOML syntax") == false)
    }

    /// Size limits are checked before parsing: the file's bytes, then the number of values.
    @Test func hugeInputsAreRefusedWithTheLimit() throws {
        let path = NSTemporaryDirectory() + "nanocity-huge-\(getpid()).toml"
        defer { unlink(path) }
        try Data(repeating: UInt8(ascii: "#"), count: WorldFile.maxBytes + 1).write(to: URL(fileURLWithPath: path))
        do { _ = try WorldFile.load(path: path); Issue.record("a file over the limit was read") } catch {
            #expect(error.problems.first?.message.contains("larger than 16 MiB") == true, "\(error)")
        }
        let many = "x = [" + String(repeating: "1,", count: TOMLParser.maxValues) + "]\n"
        let p = try #require(Self.problem(many))
        #expect(p.line == 1 && p.message.contains("more than \(TOMLParser.maxValues) values"), "\(p.message)")
        let tables = (0..<(TOMLParser.maxValues + 1)).map { "[t\($0)]\n" }.joined()
        #expect(Self.problem(tables)?.message.contains("more than \(TOMLParser.maxValues)") == true)
    }

    @Test func crlfAndByteOrderMarkKeepLineNumbers() throws {
        let text = "\u{FEFF}# a world\r\nname = \"crlf\"\r\n[guards]\r\ncount = 3\r\ncolour = 1\r\n"
        let p = try #require(Self.problem(text))
        #expect(p.line == 5 && p.key == "guards.colour", "\(p)")
        // A lone carriage return is not a line end.
        #expect(Self.problem("name = \"x\"\r[guards]\n")?.message.contains("carriage return") == true)
    }

    @Test func problemsAfterParsingNameTheirLine() throws {
        let text = "name = \"x\"\n\n[guards]\ncount = 3\n\n[[schedule]]\ntick = 5\nset = { \"guards.count\" = \"many\" }\n"
        let p = try #require(Self.problem(text))
        #expect(p.line == 8 && p.key == "guards.count", "\(p)")
    }

    @Test func duplicateKeysNameBothLines() throws {
        let p = try #require(Self.problem("[guards]\ncount = 3\n\n[guards]\ncount = 4\n"))
        #expect(p.line == 4 && p.message.contains("defined"), "\(p)")
        let q = try #require(Self.problem("[guards]\ncount = 3\ncount = 4\n"))
        #expect(q.line == 3 && q.message.contains("at line 2"), "\(q)")
    }

    /// Every shipped world parses exactly as before the parser was replaced: same parameters.
    @Test func shippedWorldsParse() throws {
        let dir = WorldFileTests.repoRoot + "/worlds"
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".toml") }
        #expect(names.count >= 5)
        for name in names {
            let world = try WorldFile.load(path: dir + "/" + name)
            #expect(world.consistencyProblems().isEmpty, "\(name)")
        }
    }
}
