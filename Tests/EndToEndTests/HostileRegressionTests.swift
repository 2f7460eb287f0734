import Foundation
import Testing

/// The third hostile review's findings (`../shared/hostile/rNN_*.sh`), each as a regression
/// test of the binary: it failed before the mend and passes now. Crafted checkpoint values are
/// in `CheckpointHostileTests`; unclear messages and exit codes in `BadInputTests`.
@Suite struct HostileRegressionTests {
    /// Starts the binary without waiting.
    func start(_ args: [String], cwd: String? = nil) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.binary)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: cwd ?? CLI.repoRoot)
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    /// Waits at most `seconds` for `p`; kills it and returns nil if it is still running then.
    func wait(_ p: Process, seconds: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while p.isRunning && Date() < deadline { usleep(20_000) }
        if p.isRunning { kill(p.processIdentifier, SIGKILL); p.waitUntilExit(); return nil }
        return p.terminationStatus
    }

    func lines(_ path: String) -> [Substring] { CLI.read(path).split(separator: "\n") }

    /// r02: an in-range recruit rate of 10¹² finished no tick (10¹¹ loop turns each); SIGTERM,
    /// read only between ticks, was ignored. Now the run ends at once, and a signal stops a
    /// long run within a generous bound with whole rows and an honest manifest.
    @Test func inRangeRatesAreBoundedAndSignalsStopPromptly() throws {
        let dir = CLI.tempDir("r02")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fast = try start(["run", "--ticks", "50", "--set", "education.recruit_rate=1e12", "--out", dir + "/a", "--quiet"])
        #expect(wait(fast, seconds: 60) == 0, "a rate of 1e12 must cost no more than filling the city")
        let long = try start(["run", "--ticks", "10000000", "--set", "education.recruit_rate=1e12", "--out", dir + "/b", "--quiet"])
        let deadline = Date().addingTimeInterval(60)
        while lines(dir + "/b/metrics.csv").count < 50 && Date() < deadline && long.isRunning { usleep(20_000) }
        kill(long.processIdentifier, SIGTERM)
        #expect(wait(long, seconds: 10) == 130, "SIGTERM must stop the run within 10 s")
        let manifest = CLI.read(dir + "/b/manifest.json")
        let rows = lines(dir + "/b/metrics.csv").dropFirst()
        #expect(manifest.contains("\"status\": \"interrupted at tick \(rows.count - 1)\""), "\(manifest.prefix(400))")
        #expect(rows.enumerated().allSatisfy { $0.element.hasPrefix("\($0.offset),") }, "whole rows 0…N")
    }

    /// r03: a FIFO as a world, plan, design, arms or map file blocked forever in open().
    @Test func fifosAreRefusedAtOnce() throws {
        let dir = CLI.tempDir("r03")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(mkfifo(dir + "/f.toml", 0o600) == 0)
        try "[map]\nkind = \"ascii\"\nfile = \"f.toml\"\n".write(toFile: dir + "/w.toml", atomically: true, encoding: .utf8)
        for args in [["validate", dir + "/f.toml"], ["run", dir + "/f.toml", "--ticks", "1", "--out", dir + "/o"],
                     ["sweep", "--plan", dir + "/f.toml", "--dry-run"], ["sweep", "--design-file", dir + "/f.toml", "--dry-run"],
                     ["sweep", "--fork-at", "1", "--ticks", "2", "--arms", dir + "/f.toml", "--dry-run"], ["validate", dir + "/w.toml"]] {
            let p = try start(args)
            #expect(wait(p, seconds: 10) == 2, "\(args): must be refused at once (exit 2), not hang")
        }
    }

    /// r04: two runs into one --out both exited 0 with a mixed metrics.csv (8 of 12 trials).
    @Test func twoRunsIntoOneDirectoryNeverMix() throws {
        let dir = CLI.tempDir("r04")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for trial in 0..<20 {
            let out = dir + "/r\(trial)"
            let a = try start(["run", "--ticks", "1500", "--out", out, "--quiet"])
            let b = try start(["run", "--ticks", "1500", "--seed", "9", "--out", out, "--quiet"])
            let (sa, sb) = (wait(a, seconds: 120), wait(b, seconds: 120))
            #expect(Set([sa, sb]) == [0, 2], "trial \(trial): one writes, the other is refused (exit 2); got \(String(describing: sa)), \(String(describing: sb))")
            let ticks = lines(out + "/metrics.csv").dropFirst().map { $0.prefix { $0 != "," } }
            #expect(ticks.count == 1501 && Set(ticks).count == 1501, "trial \(trial): \(ticks.count) rows")
            let seed = sa == 0 ? "1" : "9"
            #expect(CLI.read(out + "/manifest.json").contains("\"seed\": \"\(seed)\""), "trial \(trial): the manifest is the writer's")
        }
    }

    /// r05: two `run --resume` at once (a requeue racing the job) wrote 501 rows for 301 ticks.
    @Test func twoResumesOfOneRunNeverMix() throws {
        let dir = CLI.tempDir("r05")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let cmd = ["run", "worlds/harbour.toml", "--ticks", "300", "--checkpoint-every", "50", "--keep-checkpoints", "all", "--quiet"]
        #expect(try CLI.run(cmd + ["--out", dir + "/ref"]).status == 0)
        let reference = CLI.read(dir + "/ref/metrics.csv")
        for trial in 0..<20 {
            let d = dir + "/d\(trial)"
            try FileManager.default.copyItem(atPath: dir + "/ref", toPath: d)
            for t in ["150", "200", "250", "300"] { try FileManager.default.removeItem(atPath: d + "/checkpoints/state_000\(t).bin") }
            let a = try start(cmd + ["--out", d, "--resume"]), b = try start(cmd + ["--out", d, "--resume"])
            let (sa, sb) = (wait(a, seconds: 120), wait(b, seconds: 120))
            #expect(sa == 0 || sb == 0, "trial \(trial)")
            #expect([sa, sb].allSatisfy { (s: Int32?) -> Bool in s == 0 || s == 2 }, "trial \(trial): \(String(describing: sa)) \(String(describing: sb))")
            #expect(CLI.read(d + "/metrics.csv") == reference, "trial \(trial): metrics.csv must equal the uninterrupted run's")
            try FileManager.default.removeItem(atPath: d)
        }
    }

    /// A small fork in shards (for r06 and r08).
    func shardedFork(_ dir: String) throws -> [String] {
        let args = ["sweep", "--fork-at", "20", "--arms", "examples/arms-guards.toml", "--replicates", "4", "--ticks", "40", "--quiet"]
        for s in ["0/2", "1/2"] { #expect(try CLI.run(args + ["--out", dir + "/sw", "--shard", s]).status == 0) }
        return args
    }

    /// r06: arm names from a shard's sweep.json were used unchecked: `../../..` escaped the
    /// directory at merge.
    @Test func mergeRefusesArmNamesThatAreNotNames() throws {
        let dir = CLI.tempDir("r06")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try shardedFork(dir)
        for shard in ["shard-0-of-2", "shard-1-of-2"] {
            let path = dir + "/sw/" + shard + "/sweep.json"
            let text = CLI.read(path).replacingOccurrences(of: "\"name\": \"double-guards\"", with: "\"name\": \"../../../ESCAPED\"")
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let m = try CLI.run(["merge", dir + "/sw"])
        #expect(m.status == 2 && m.stderr.contains("arm names"), "\(m.stderr)")
        let escaped = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        #expect(!escaped.contains { $0.contains("ESCAPED") } && !FileManager.default.fileExists(atPath: dir + "/sw/delta"))
    }

    /// r08: a fork replicate file had no checksum: one flipped bit was merged silently.
    @Test func aDamagedReplicateFileIsNeverMerged() throws {
        let dir = CLI.tempDir("r08")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let args = try shardedFork(dir)
        let path = dir + "/sw/shard-1-of-2/forks/replicate_000001.bin"
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[bytes.count / 2] ^= 0x10
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let m = try CLI.run(["merge", dir + "/sw"])
        #expect(m.status == 2 && m.stderr.contains("replicate 1") && m.stderr.contains("damaged"), "\(m.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/sw/summary.csv"))
        // Resuming the shard redoes that replicate; then the merge equals a one-machine fork.
        #expect(try CLI.run(args + ["--out", dir + "/sw", "--shard", "1/2"]).status == 0)
        #expect(try CLI.run(["merge", dir + "/sw"]).status == 0)
        #expect(try CLI.run(args + ["--out", dir + "/one"]).status == 0)
        #expect(CLI.read(dir + "/sw/summary.csv") == CLI.read(dir + "/one/summary.csv"))
    }

    /// r09, r10, r11: `--resume` replaced another run's directory when it had no checkpoint,
    /// kept an old map after the map file changed, and took --ticks below the checkpoint.
    @Test func resumeContinuesOnlyTheSameRun() throws {
        let dir = CLI.tempDir("r09")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try CLI.run(["run", "--ticks", "200", "--seed", "5", "--out", dir + "/important", "--quiet"]).status == 0)
        let before = CLI.read(dir + "/important/metrics.csv")
        let other = try CLI.run(["run", "worlds/heist.toml", "--ticks", "20", "--seed", "77", "--out", dir + "/important", "--resume", "--quiet"])
        #expect(other.status == 2 && other.stderr.contains("holds another run"), "\(other.stderr)")
        #expect(CLI.read(dir + "/important/metrics.csv") == before)

        for f in ["harbour.toml", "harbour.txt"] {
            try FileManager.default.copyItem(atPath: CLI.repoRoot + "/worlds/" + f, toPath: dir + "/" + f)
        }
        let cmd = ["run", dir + "/harbour.toml", "--ticks", "200", "--checkpoint-every", "100", "--out", dir + "/h", "--quiet"]
        #expect(try CLI.run(cmd).status == 0)
        var map = CLI.read(dir + "/harbour.txt")
        let heart = map.firstIndex(of: "H")!, home = map.firstIndex(of: "r")!
        map.replaceSubrange(heart...heart, with: "p")
        map.replaceSubrange(home...home, with: "H")
        try map.write(toFile: dir + "/harbour.txt", atomically: true, encoding: .utf8)
        let edited = try CLI.run(cmd + ["--resume"])
        #expect(edited.status == 2 && edited.stderr.contains("holds another run"), "the map changed: \(edited.stderr)")

        #expect(try CLI.run(["run", "--ticks", "100", "--checkpoint-every", "100", "--out", dir + "/s", "--quiet"]).status == 0)
        let shorter = try CLI.run(["run", "--ticks", "80", "--checkpoint-every", "100", "--out", dir + "/s", "--resume", "--quiet"])
        #expect(shorter.status == 2 && shorter.stderr.contains("after --ticks 80"), "\(shorter.stderr)")
        #expect(lines(dir + "/s/metrics.csv").count == 102)
    }

    /// r13: analyze trusted sweep.json's design: a grid relabelled sobol-saltelli trapped.
    @Test func analyzeChecksThatTheDesignIsWhatItSays() throws {
        let dir = CLI.tempDir("r13")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try CLI.run(["sweep", "--vary", "guards.count=2,6,12", "--replicates", "2", "--ticks", "30", "--out", dir + "/sw", "--quiet"]).status == 0)
        let plan = CLI.read(dir + "/sw/sweep.json").replacingOccurrences(of: "\"sampling\": \"grid\"", with: "\"sampling\": \"sobol-saltelli\"")
        try plan.write(toFile: dir + "/sw/sweep.json", atomically: true, encoding: .utf8)
        let r = try CLI.run(["analyze", dir + "/sw"])
        #expect(r.status == 2 && !r.stderr.contains("Fatal") && r.stderr.contains("N ≥ 2"), "\(r.stderr)")
    }

    /// r15: an empty world or plan file (valid TOML) was "cannot be read (permissions?)".
    @Test func emptyFilesAreValidTOML() throws {
        let dir = CLI.tempDir("r15")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        FileManager.default.createFile(atPath: dir + "/empty.toml", contents: Data())
        #expect(try CLI.run(["validate", dir + "/empty.toml"]).status == 0)
        #expect(try CLI.run(["sweep", "--plan", dir + "/empty.toml", "--dry-run"]).status == 0)
    }

    static let hasFFmpeg = ["/usr/bin/ffmpeg", "/usr/local/bin/ffmpeg"].contains { FileManager.default.isExecutableFile(atPath: $0) }

    /// r07 and r16: videos were written through links and replaced existing files without
    /// --force; killing `nanocity video` left an orphan ffmpeg, a truncated file and a temporary
    /// folder of links.
    @Test(.enabled(if: hasFFmpeg)) func videosAreNeverWrittenThroughLinksNorLeftHalfDone() throws {
        let dir = CLI.tempDir("r07")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try CLI.run(["run", "--ticks", "20", "--frame-every", "10", "--out", dir + "/r", "--quiet"]).status == 0)
        try "precious".write(toFile: dir + "/victim.txt", atomically: true, encoding: .utf8)
        #expect(symlink(dir + "/victim.txt", dir + "/link.mp4") == 0)
        let refused = try CLI.run(["video", dir + "/r", "--out", dir + "/link.mp4"])
        #expect(refused.status == 2 && refused.stderr.contains("--force"), "\(refused.stderr)")
        let forced = try CLI.run(["video", dir + "/r", "--out", dir + "/link.mp4", "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(CLI.read(dir + "/victim.txt") == "precious", "the link was replaced, never followed")
        var st = stat()
        #expect(lstat(dir + "/link.mp4", &st) == 0 && st.st_mode & S_IFMT == S_IFREG)

        // Interrupted: exit 130, no partial video, no temporary left behind.
        #expect(try CLI.run(["run", "--ticks", "600", "--frame-every", "1", "--frame-scale", "8", "--out", dir + "/long", "--quiet"]).status == 0)
        let before = Set((try? FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory())) ?? [])
        let v = try start(["video", dir + "/long", "--out", dir + "/v.mp4"])
        usleep(700_000)
        kill(v.processIdentifier, SIGTERM)
        #expect(wait(v, seconds: 20) == 130)
        sleep(1)
        let left = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.contains(".partial") || $0 == "v.mp4" }
        #expect(left.isEmpty, "\(left)")
        let after = Set((try? FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory())) ?? [])
        #expect(after.subtracting(before).filter { $0.hasPrefix("nanocity-video-\(v.processIdentifier)") }.isEmpty)
    }
}
