import Foundation
import Testing

/// `nanocity capsule` and `nanocity verify`: a capsule re-runs to byte-identical results; a
/// changed byte is named; hostile capsules are clear errors that write nothing outside.
@Suite struct CapsuleTests {
    func lines(_ text: String) -> [Substring] { text.split(separator: "\n") }

    @Test func aSweepAndAForkCapsuleVerify() throws {
        let dir = CLI.tempDir("capsule")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try CLI.run(["sweep", "--vary", "guards.count=2,8", "--vary", "map.seed=1,2", "--replicates", "2", "--seeds", "per-replicate",
                             "--ticks", "40", "--out", dir + "/sw", "--quiet"]).status == 0)
        let c = try CLI.run(["capsule", dir + "/sw", "--out", dir + "/cap.tar.gz"])
        #expect(c.status == 0, "\(c.stderr)")
        let v = try CLI.run(["verify", dir + "/cap.tar.gz"])
        #expect(v.status == 0 && v.stdout.contains("summary.csv: 8 of 8 runs identical") && v.stdout.contains("verified"), "\(v.stdout)")
        let sampled = try CLI.run(["verify", dir + "/cap.tar.gz", "--sample", "25%"])
        #expect(sampled.status == 0 && sampled.stdout.contains("2 of 2 runs identical"), "\(sampled.stdout)")

        #expect(try CLI.run(["sweep", "--fork-at", "15", "--arms", "examples/arms-guards.toml", "--replicates", "2", "--ticks", "30",
                             "--out", dir + "/fk", "--quiet"]).status == 0)
        #expect(try CLI.run(["capsule", dir + "/fk", "--out", dir + "/fcap"]).status == 0)
        let fv = try CLI.run(["verify", dir + "/fcap"])
        #expect(fv.status == 0 && fv.stdout.contains("6 of 6 arm rows"), "\(fv.stdout)")
        for f in ["README.md", "capsule.json", "odd.md", "CITATION.cff", "ro-crate-metadata.json", "SHA256SUMS", "inputs/arms.toml",
                  "inputs/default.toml", "outputs/summary.csv"] {
            #expect(FileManager.default.fileExists(atPath: dir + "/fcap/" + f), "\(f)")
        }
        let crate = try JSONSerialization.jsonObject(with: Data(CLI.read(dir + "/fcap/ro-crate-metadata.json").utf8)) as? [String: Any]
        #expect((crate?["@graph"] as? [Any])?.count ?? 0 > 10)
    }

    @Test func aChangedResultIsNamed() throws {
        let dir = CLI.tempDir("capsule-tamper")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try CLI.run(["run", "--ticks", "40", "--frame-every", "20", "--out", dir + "/run", "--quiet"]).status == 0)
        #expect(try CLI.run(["capsule", dir + "/run", "--out", dir + "/cap"]).status == 0)
        #expect(try CLI.run(["verify", dir + "/cap"]).status == 0)
        // One byte of an output: caught by its checksum, the file named.
        let path = dir + "/cap/outputs/metrics.csv"
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let at = bytes.lastIndex(of: UInt8(ascii: "1"))!
        bytes[at] = UInt8(ascii: "2")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let v = try CLI.run(["verify", dir + "/cap"])
        #expect(v.status == 1 && v.stdout.contains("DIFF  outputs/metrics.csv: its bytes differ from its SHA-256"), "\(v.stdout)")
        // The same change with its checksum redone: caught by the re-run, the file named.
        let sums = CLI.read(dir + "/cap/SHA256SUMS")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["sha256sum", "outputs/metrics.csv"]
        p.currentDirectoryURL = URL(fileURLWithPath: dir + "/cap")
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let line = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        let resealed = sums.split(separator: "\n").map { $0.hasSuffix("  outputs/metrics.csv") ? Substring(line.trimmingCharacters(in: .newlines)) : $0 }
            .joined(separator: "\n") + "\n"
        try resealed.write(toFile: dir + "/cap/SHA256SUMS", atomically: true, encoding: .utf8)
        let again = try CLI.run(["verify", dir + "/cap"])
        #expect(again.status == 1 && again.stdout.contains("DIFF  outputs/metrics.csv: differs from the re-run"), "\(again.stdout)")
        #expect(again.stdout.contains("ok    outputs/frames/frame_000020.png: identical"))
    }

    @Test func hostileCapsulesAreClearErrors() throws {
        let dir = CLI.tempDir("capsule-hostile")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try CLI.run(["run", "--ticks", "10", "--out", dir + "/run", "--quiet"]).status == 0)
        #expect(try CLI.run(["capsule", dir + "/run", "--out", dir + "/cap"]).status == 0)
        // An existing capsule is not replaced without --force.
        let again = try CLI.run(["capsule", dir + "/run", "--out", dir + "/cap"])
        #expect(again.status == 2 && again.stderr.contains("--force"))
        func variant(_ name: String, _ change: (String) throws -> Void) throws -> CLI.Result {
            let v = dir + "/" + name
            try FileManager.default.copyItem(atPath: dir + "/cap", toPath: v)
            try change(v)
            return try CLI.run(["verify", v])
        }
        let escape = try variant("escape") { v in
            try (CLI.read(v + "/SHA256SUMS") + String(repeating: "0", count: 64) + "  ../../etc/passwd\n").write(toFile: v + "/SHA256SUMS", atomically: true, encoding: .utf8)
        }
        #expect(escape.status == 2 && escape.stderr.contains("is not a path inside the capsule"), "\(escape.stderr)")
        let missing = try variant("missing") { v in try FileManager.default.removeItem(atPath: v + "/outputs/events.csv") }
        #expect(missing.status == 1 && missing.stdout.contains("outputs/events.csv: listed in SHA256SUMS but missing"), "\(missing.stdout)")
        let huge = try variant("huge") { v in
            FileManager.default.createFile(atPath: v + "/capsule.json", contents: Data(count: (64 << 20) + 10))
        }
        #expect(huge.status == 2 && huge.stderr.contains("capsule.json"), "\(huge.stderr)")
        let world = try variant("world") { v in
            let text = CLI.read(v + "/capsule.json").replacingOccurrences(of: "\"inputs/default.toml\"", with: "\"../x.toml\"")
            try text.write(toFile: v + "/capsule.json", atomically: true, encoding: .utf8)
        }
        #expect(world.status == 2 && world.stderr.contains("world must be a path inside"), "\(world.stderr)")
        let notACapsule = try CLI.run(["verify", dir + "/run"])
        #expect(notACapsule.status == 2)
        #expect(try CLI.run(["capsule", dir + "/nothing", "--out", dir + "/c2"]).status == 2)
        #expect(!FileManager.default.fileExists(atPath: dir + "/c2"))
    }
}
