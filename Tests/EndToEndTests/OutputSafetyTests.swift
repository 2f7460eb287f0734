import Foundation
import Testing

/// What `--force` may remove, and what it must leave.
@Suite struct OutputSafetyTests {
    @Test func forceRemovesOnlyWhatARunWrote() throws {
        let dir = CLI.tempDir("force")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try CLI.run(["run", "--ticks", "20", "--frame-every", "10", "--snapshot-every", "10", "--checkpoint-every", "10",
                             "--out", dir, "--quiet"]).status == 0)
        // The user keeps notes beside and inside the run's folders.
        let mine = ["notes.md", "frames/poster.png", "fields/mask.npy", "agents/selection.csv", "checkpoints/README"]
        for f in mine { try "mine".write(toFile: dir + "/" + f, atomically: true, encoding: .utf8) }
        let refused = try CLI.run(["run", "--ticks", "5", "--out", dir])
        #expect(refused.status == 2 && refused.stderr.contains("not empty"))
        let r = try CLI.run(["run", "--ticks", "5", "--out", dir, "--force", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        for f in mine { #expect(CLI.read(dir + "/" + f) == "mine", "\(f) was removed") }
        // The old run's outputs are gone; the new run's are there.
        #expect(!FileManager.default.fileExists(atPath: dir + "/frames/frame_000020.png"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/fields/toxicity_000010.npy"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/checkpoints/state_000010.bin"))
        #expect(CLI.read(dir + "/metrics.csv").split(separator: "\n").count == 7)
    }

    /// A file-size limit (as a full disk would) mid-run: the manifest says failed with the cause,
    /// the CSVs end on whole rows, the exit code is 3.
    @Test func aFailedWriteLeavesAFailedManifestAndWholeRows() throws {
        let dir = CLI.tempDir("full") + "/run"
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: dir).deletingLastPathComponent().path) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = ["-c", "ulimit -f 200; exec \"$0\" run --ticks 5000 --out \"$1\" --quiet", CLI.binary, dir]
        p.currentDirectoryURL = URL(fileURLWithPath: CLI.repoRoot)
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 3)
        #expect(CLI.read(dir + "/manifest.json").contains("\"status\": \"failed: " + dir + "/metrics.csv: File too large\""))
        for f in ["metrics.csv", "events.csv"] {
            let text = CLI.read(dir + "/" + f)
            #expect(text.hasSuffix("\n"), "\(f) ends mid-row")
            let widths = Set(text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).count })
            #expect(widths.count == 1, "\(f) has ragged rows")
        }
    }

    /// SIGHUP and SIGTERM stop a run at the end of a tick: exit 130, manifest "interrupted at
    /// tick N", N + 1 whole rows.
    @Test(arguments: [SIGHUP, SIGTERM])
    func signalsStopCleanly(_ sig: Int32) throws {
        let dir = CLI.tempDir("signal") + "/run"
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: dir).deletingLastPathComponent().path) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.binary)
        p.arguments = ["run", "--ticks", "1000000", "--no-events", "--out", dir, "--quiet"]
        p.currentDirectoryURL = URL(fileURLWithPath: CLI.repoRoot)
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline && !CLI.read(dir + "/manifest.json").contains("running") { usleep(10_000) }
        usleep(200_000)
        kill(p.processIdentifier, sig)
        p.waitUntilExit()
        #expect(p.terminationStatus == 130)
        let manifest = CLI.read(dir + "/manifest.json")
        let rows = CLI.read(dir + "/metrics.csv").split(separator: "\n").count - 1
        #expect(manifest.contains("\"status\": \"interrupted at tick \(rows - 1)\""), "rows \(rows): \(manifest.prefix(300))")
        #expect(CLI.read(dir + "/metrics.csv").hasSuffix("\n"))
    }

    /// Editing a sweep's map file between an interruption and the resume is refused, naming it.
    @Test func aChangedMapFileIsNotResumed() throws {
        let dir = CLI.tempDir("mapchange")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for f in ["harbour.toml", "harbour.txt"] {
            try FileManager.default.copyItem(atPath: CLI.repoRoot + "/worlds/" + f, toPath: dir + "/" + f)
        }
        let args = ["sweep", dir + "/harbour.toml", "--vary", "guards.count=1,2", "--ticks", "5", "--out", dir + "/out", "--quiet"]
        #expect(try CLI.run(args).status == 0)
        #expect(try CLI.run(args).status == 0, "the same sweep again resumes (nothing to do)")
        var map = CLI.read(dir + "/harbour.txt")
        map = map.replacingOccurrences(of: "rrr", with: "rir")
        try map.write(toFile: dir + "/harbour.txt", atomically: true, encoding: .utf8)
        let r = try CLI.run(args)
        #expect(r.status == 2 && r.stderr.contains("map file") && r.stderr.contains("changed"), "\(r.stderr)")
        // The same for the world file itself, even for an edit that changes no parameter.
        try map.replacingOccurrences(of: "rir", with: "rrr").write(toFile: dir + "/harbour.txt", atomically: true, encoding: .utf8)
        #expect(try CLI.run(args).status == 0, "restored map: resumes")
        try (CLI.read(dir + "/harbour.toml") + "\n# edited\n").write(toFile: dir + "/harbour.toml", atomically: true, encoding: .utf8)
        let w = try CLI.run(args)
        #expect(w.status == 2 && w.stderr.contains("its world file") && w.stderr.contains("changed"), "\(w.stderr)")
    }

    /// A sweep started by a nanocity with other rules (an older model version) is not resumed:
    /// its rows and the new ones would come from different models.
    @Test func aSweepOfAnotherModelVersionIsNotResumed() throws {
        let dir = CLI.tempDir("modelversion")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let args = ["sweep", "--vary", "guards.count=1,2", "--ticks", "5", "--out", dir + "/out", "--quiet"]
        #expect(try CLI.run(args).status == 0)
        let plan = CLI.read(dir + "/out/sweep.json")
        #expect(plan.contains("\"model_version\": 2"))
        try plan.replacingOccurrences(of: "\"model_version\": 2", with: "\"model_version\": 1")
            .write(toFile: dir + "/out/sweep.json", atomically: true, encoding: .utf8)
        let r = try CLI.run(args)
        #expect(r.status == 2 && r.stderr.contains("model version") && r.stderr.contains("changed"), "\(r.stderr)")
    }

    /// Two sweeps racing for one directory: the second is refused while the first holds it.
    @Test func oneSweepPerDirectoryAtATime() throws {
        let dir = CLI.tempDir("race")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let args = ["sweep", "--vary", "guards.count=1,2,3,4", "--ticks", "100000", "--jobs", "1", "--out", dir + "/out", "--quiet"]
        let first = Process()
        first.executableURL = URL(fileURLWithPath: CLI.binary)
        first.arguments = args
        first.currentDirectoryURL = URL(fileURLWithPath: CLI.repoRoot)
        first.standardOutput = FileHandle.nullDevice
        first.standardError = FileHandle.nullDevice
        try first.run()
        defer { kill(first.processIdentifier, SIGKILL); first.waitUntilExit() }
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline && !FileManager.default.fileExists(atPath: dir + "/out/sweep.json") { usleep(10_000) }
        let second = try CLI.run(args)
        #expect(second.status == 2 && second.stderr.contains("another nanocity is writing here (pid \(first.processIdentifier) sweep)"), "\(second.stderr)")
    }

    /// `merge` validates every row: a ragged row is named with its file and line.
    @Test func mergeRefusesARaggedRow() throws {
        let dir = CLI.tempDir("ragged")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for s in ["0/2", "1/2"] {
            #expect(try CLI.run(["sweep", "--vary", "guards.count=1,2", "--ticks", "5", "--shard", s, "--out", dir, "--quiet"]).status == 0)
        }
        let path = dir + "/shard-0-of-2/summary.csv"
        var lines = CLI.read(path).split(separator: "\n").map(String.init)
        lines[1] = lines[1].replacingOccurrences(of: ",complete", with: ",7,complete")
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let r = try CLI.run(["merge", dir])
        #expect(r.status == 2 && r.stderr.contains(path + ":2: malformed row"), "\(r.stderr)")
    }
}
