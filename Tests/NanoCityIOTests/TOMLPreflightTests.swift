import Foundation
import Testing
import TOMLKit
@testable import NanoCityIO

/// The preflight keeps the C++ TOML library away from inputs that abort or overflow it, and
/// never rejects valid TOML.
@Suite struct TOMLPreflightTests {
    static let suite = URL(fileURLWithPath: WorldFileTests.repoRoot).deletingLastPathComponent().path + "/shared/toml-test/tests"

    /// Each of these aborted the whole program inside the library (fuzzer finds).
    @Test(arguments: ["[\n", "[.map]\n", "[=\n", "[{\n", "[#]\n", "[\u{2028}\n", "[map\n", "[[schedule]\n", "x = 1\n[ .a]\n"])
    func crashingHeadersAreRejectedWithTheirLine(_ text: String) throws {
        guard case .failure(let e) = TOMLPreflight.check(text) else { Issue.record("accepted \(text.debugDescription)"); return }
        #expect(e.line == text.split(separator: "\n").count)
        #expect(throws: WorldError.self) { try WorldFile.parse(text: text, origin: "w.toml", baseDirectory: "/") }
    }

    @Test func deepNestingIsRejectedNotRecursedInto() {
        let deepHeader = "[" + Array(repeating: "a", count: 30_000).joined(separator: ".") + "]\n"
        let deepKey = Array(repeating: "a", count: 30_000).joined(separator: ".") + " = 1\n"
        let deepArray = "x = " + String(repeating: "[", count: 30_000) + String(repeating: "]", count: 30_000) + "\n"
        let deepInline = "x = " + String(repeating: "{a=", count: 5_000) + "1" + String(repeating: "}", count: 5_000) + "\n"
        let deepInlineKey = "x = { b = 1, " + Array(repeating: "c", count: 5_000).joined(separator: ".") + " = 2 }\n"
        for text in [deepHeader, deepKey, deepArray, deepInline, deepInlineKey] {
            guard case .failure(let e) = TOMLPreflight.check(text) else { Issue.record("accepted a deep input"); continue }
            #expect(e.line == 1 && e.message.contains("at most \(TOMLPreflight.maxDepth)"))
        }
        // Depth up to the limit is fine.
        #expect((try? TOMLPreflight.check("[" + Array(repeating: "a", count: 32).joined(separator: ".") + "]\n").get()) != nil)
    }

    @Test func crlfAndByteOrderMarkAreNormalised() throws {
        let text = "\u{FEFF}# a world\r\nname = \"crlf\"\r\n[guards]\r\ncount = 3\r\ncolour = 1\r\n"
        #expect(try TOMLPreflight.check(text).get() == "# a world\nname = \"crlf\"\n[guards]\ncount = 3\ncolour = 1\n")
        do {
            _ = try WorldFile.parse(text: text, origin: "w.toml", baseDirectory: "/")
            Issue.record("an unknown key was accepted")
        } catch {
            #expect(error.problems.first?.line == 5, "the line number survives CRLF: \(error.problems)")
        }
    }

    /// Every valid file of the official suite (TOML 1.0) passes; no invalid one crashes, and each
    /// is rejected by the preflight or the library.
    @Test func officialSuite() throws {
        guard let list = try? String(contentsOfFile: Self.suite + "/files-toml-1.0.0", encoding: .utf8) else {
            print("skipped: ../shared/toml-test is absent")
            return
        }
        var valid = 0, invalid = 0, rejected = 0
        for name in list.split(separator: "\n") where name.hasSuffix(".toml") {
            guard let data = FileManager.default.contents(atPath: Self.suite + "/" + name) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            if name.hasPrefix("valid/") {
                valid += 1
                if case .failure(let e) = TOMLPreflight.check(text) { Issue.record("\(name):\(e.line): \(e.message)") }
            } else {
                invalid += 1
                // Bytes that are not UTF-8 never reach the library (world files are read as UTF-8).
                guard String(data: data, encoding: .utf8) != nil else { rejected += 1; continue }
                switch TOMLPreflight.check(text) {
                case .failure: rejected += 1
                case .success(let t): if (try? TOMLTable(string: t)) == nil { rejected += 1 }
                }
            }
        }
        #expect(valid > 150 && invalid > 400)
        print("toml-test 1.0: \(valid) valid files pass the preflight; \(rejected) of \(invalid) invalid files rejected, none crashed")
    }
}
