import Foundation
import Testing

/// `run --checkpoint-every`, `run --from` and `run --resume` from the command line.
@Suite struct CheckpointCommandTests {
    func lines(_ path: String) -> [Substring] { CLI.read(path).split(separator: "\n", omittingEmptySubsequences: false) }

    /// Rows of a tick-keyed CSV with tick ≥ `from` (header excluded).
    func rows(_ path: String, from: Int) -> [Substring] {
        lines(path).dropFirst().filter { !$0.isEmpty && Int($0.prefix { $0 != "," })! >= from }
    }

    @Test(arguments: [("worlds/default.toml", 300, 120), ("worlds/heist.toml", 760, 100), ("worlds/short2008.toml", 60, 20)])
    func checkpointsChangeNothingAndFromContinuesTheRun(world: String, ticks: Int, every: Int) throws {
        let dir = CLI.tempDir("ckpt")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try CLI.run(["run", world, "--ticks", "\(ticks)", "--out", dir + "/plain", "--quiet"]).status == 0)
        let r = try CLI.run(["run", world, "--ticks", "\(ticks)", "--checkpoint-every", "\(every)", "--keep-checkpoints", "all",
                             "--out", dir + "/ck", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        for f in ["metrics.csv", "events.csv"] { #expect(CLI.read(dir + "/plain/" + f) == CLI.read(dir + "/ck/" + f), "\(f)") }
        let names = try FileManager.default.contentsOfDirectory(atPath: dir + "/ck/checkpoints").sorted()
        #expect(names == stride(from: every, through: ticks, by: every).map { String(format: "state_%06d.bin", $0) })
        let t = every
        let from = try CLI.run(["run", "--from", dir + "/ck/checkpoints/" + String(format: "state_%06d.bin", t), "--out", dir + "/from", "--quiet"])
        #expect(from.status == 0, "\(from.stderr)")
        #expect(lines(dir + "/from/metrics.csv").first == lines(dir + "/plain/metrics.csv").first)
        #expect(rows(dir + "/from/metrics.csv", from: 0) == rows(dir + "/plain/metrics.csv", from: t))
        #expect(rows(dir + "/from/events.csv", from: 0) == rows(dir + "/plain/events.csv", from: t))
        #expect(CLI.read(dir + "/from/manifest.json").contains("\"from_checkpoint\""))
    }

    /// A crash between checkpoints (simulated: newest checkpoint lost, CSVs cut mid-row, manifest
    /// still "running"), then the same command with --resume: byte-identical to an uninterrupted run.
    @Test func resumeAfterACrashIsByteIdentical() throws {
        let dir = CLI.tempDir("resume")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let args = ["run", "worlds/heist.toml", "--ticks", "720", "--checkpoint-every", "200", "--out", dir + "/run", "--quiet"]
        #expect(try CLI.run(args).status == 0)
        let metrics = CLI.read(dir + "/run/metrics.csv"), events = CLI.read(dir + "/run/events.csv")
        // Crash at tick ~650: the checkpoint of 600 exists, rows beyond it were written in part.
        try FileManager.default.removeItem(atPath: dir + "/run/checkpoints/state_000600.bin")
        let m = lines(dir + "/run/metrics.csv")
        try (m.prefix(652).joined(separator: "\n") + "\n" + m[652].prefix(20)).write(toFile: dir + "/run/metrics.csv", atomically: true, encoding: .utf8)
        let e = events.split(separator: "\n")
        try (e.prefix(e.count * 9 / 10).joined(separator: "\n") + "\n7").write(toFile: dir + "/run/events.csv", atomically: true, encoding: .utf8)
        let resumed = try CLI.run(args + ["--resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(CLI.read(dir + "/run/manifest.json").contains("\"resumed_from_tick\": 400"))
        #expect(CLI.read(dir + "/run/metrics.csv") == metrics)
        #expect(CLI.read(dir + "/run/events.csv") == events)
        #expect(CLI.read(dir + "/run/manifest.json").contains("\"status\": \"complete\""))
        // Only the newest two checkpoints are kept.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/run/checkpoints").sorted() == ["state_000400.bin", "state_000600.bin"])
    }

    /// A real kill -9 in the middle of a run, then the same command with --resume.
    @Test func killedRunResumes() throws {
        let dir = CLI.tempDir("kill")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let args = ["run", "worlds/default.toml", "--ticks", "3000", "--checkpoint-every", "50", "--out", dir + "/run", "--quiet"]
        #expect(try CLI.run(["run", "worlds/default.toml", "--ticks", "3000", "--out", dir + "/plain", "--quiet"]).status == 0)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.binary)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: CLI.repoRoot)
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline && p.isRunning
                && ((try? FileManager.default.contentsOfDirectory(atPath: dir + "/run/checkpoints")) ?? []).count < 2 { usleep(10_000) }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        let r = try CLI.run(args + ["--resume"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(CLI.read(dir + "/run/metrics.csv") == CLI.read(dir + "/plain/metrics.csv"))
        #expect(CLI.read(dir + "/run/events.csv") == CLI.read(dir + "/plain/events.csv"))
    }

    @Test func badCheckpointsAreClearErrors() throws {
        let dir = CLI.tempDir("badckpt")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try CLI.run(["run", "--ticks", "20", "--checkpoint-every", "10", "--out", dir + "/run", "--quiet"]).status == 0)
        let good = try Data(contentsOf: URL(fileURLWithPath: dir + "/run/checkpoints/state_000020.bin"))
        var flipped = good
        flipped[flipped.count / 2] ^= 0x40
        let cases: [(Data, String)] = [
            (flipped, "is damaged"),
            (good.prefix(good.count - 100), "is truncated"),
            (good.prefix(10), "is not a NanoCity checkpoint"),
            (Data("hello world, not a checkpoint at all".utf8), "is not a NanoCity checkpoint"),
            (good + Data([0, 1, 2]), "is truncated or padded"),
        ]
        for (i, (bytes, fragment)) in cases.enumerated() {
            let path = dir + "/bad\(i).bin"
            try bytes.write(to: URL(fileURLWithPath: path))
            let r = try CLI.run(["run", "--from", path, "--out", dir + "/out\(i)"])
            #expect(r.status == 2 && r.stderr.contains(path) && r.stderr.contains(fragment), "\(fragment): \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir + "/out\(i)"))
        }
        let missing = try CLI.run(["run", "--from", dir + "/nope.bin", "--out", dir + "/x"])
        #expect(missing.status == 2 && missing.stderr.contains("cannot be read"))
        // Resuming another run's directory (another seed) is refused.
        let other = try CLI.run(["run", "--ticks", "20", "--seed", "9", "--checkpoint-every", "10", "--out", dir + "/run", "--resume"])
        #expect(other.status == 2 && other.stderr.contains("holds another run"), "\(other.stderr)")
        let both = try CLI.run(["run", "worlds/default.toml", "--from", dir + "/run/checkpoints/state_000020.bin", "--out", dir + "/y"])
        #expect(both.status == 64 && both.stderr.contains("--from takes the world"))
    }
}
