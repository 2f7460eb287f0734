import Foundation
import Testing

@Suite struct SweepCommandTests {
    @Test func killedSweepResumesToTheSameSummaryAsAnUninterruptedOne() throws {
        let dir = CLI.tempDir("kill")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let args = ["sweep", "--vary", "guards.count=0,6,12", "--replicates", "4", "--ticks", "600", "--jobs", "2", "--quiet"]
        try CLI.run(args + ["--out", dir + "/full"])
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.binary)
        p.arguments = args + ["--out", dir + "/killed"]
        p.currentDirectoryURL = URL(fileURLWithPath: CLI.repoRoot)
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        // Wait until some runs are written, then kill -9 in the middle of the sweep.
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline && CLI.read(dir + "/killed/summary.csv").split(separator: "\n").count < 3 { usleep(20_000) }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        // However far the killed sweep got (a fast machine may finish first), the crash is made
        // certain: the summary cut back to two rows and a partial third, as a kill mid-write leaves it.
        let written = CLI.read(dir + "/killed/summary.csv").split(separator: "\n", omittingEmptySubsequences: false)
        #expect(written.count >= 3, "rows before the kill: \(written.count)")
        try (written.prefix(3).joined(separator: "\n") + "\n" + written[3].prefix(7)).write(toFile: dir + "/killed/summary.csv", atomically: true, encoding: .utf8)
        try? FileManager.default.removeItem(atPath: dir + "/killed/points.csv")
        let resumed = try CLI.run(args + ["--out", dir + "/killed", "--resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(CLI.read(dir + "/killed/summary.csv") == CLI.read(dir + "/full/summary.csv"))
        #expect(!CLI.read(dir + "/full/points.csv").isEmpty)
        #expect(CLI.read(dir + "/killed/points.csv") == CLI.read(dir + "/full/points.csv"))
        #expect(CLI.read(dir + "/full/summary.csv").split(separator: "\n").count == 13)
    }

    @Test func keptRunsWithFramesAreCompleteAndMatchTheSummary() throws {
        let dir = CLI.tempDir("keep")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try CLI.run(["sweep", "--vary", "guards.count=0,5,10", "--replicates", "2", "--ticks", "20",
                             "--frame-every", "10", "--jobs", "2", "--out", dir, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = CLI.read(dir + "/summary.csv").split(separator: "\n").dropFirst()
        #expect(rows.count == 6 && rows.allSatisfy { $0.hasSuffix(",complete") })
        for run in 0..<6 {
            let runDir = dir + "/runs/" + String(format: "%06d", run)
            #expect(CLI.read(runDir + "/manifest.json").contains("\"status\": \"complete\""))
            #expect(CLI.read(runDir + "/metrics.csv").split(separator: "\n").count == 22)
            let frames = try FileManager.default.contentsOfDirectory(atPath: runDir + "/frames").sorted()
            #expect(frames == ["frame_000000.png", "frame_000010.png", "frame_000020.png"])
        }
    }

    @Test func dryRunPrintsThePlanAndWritesNothing() throws {
        let dir = CLI.tempDir("dry") + "/out"
        let args = ["sweep", "--vary", "guards.count=0:20:5", "--vary", "guards.patrol=random,sensor", "--replicates", "3",
                    "--ticks", "100", "--dry-run", "--out", dir]
        let r = try CLI.run(args + ["--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let plan = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(plan?["runs"] as? Int == 30)
        #expect(r.stderr.contains("10 points × 3 replicates = 30 runs"))
        // Without --json: a short summary with an estimate, a few lines, not the plan.
        let short = try CLI.run(args)
        #expect(short.status == 0 && short.stdout.contains("10 points × 3 replicates = 30 runs, 100 ticks each"), "\(short.stdout)")
        #expect(short.stdout.contains("estimate") && short.stdout.contains("calibration run") && short.stdout.split(separator: "\n").count < 12)
        #expect(!FileManager.default.fileExists(atPath: dir))
    }

    @Test func badVarySpecsExitTwoNamingTheSpec() throws {
        for (spec, fragment) in [("guards.cnt=1,2", "unknown key"), ("sensors.density=0:0.1:0", "step must be positive"),
                                 ("guards.count=9:1:1", "empty range"), ("guards.count=x", "takes an integer")] {
            let r = try CLI.run(["sweep", "--vary", spec, "--ticks", "1", "--out", CLI.tempDir("bad")])
            #expect(r.status == 2)
            #expect(r.stderr.contains("--vary \(spec)") && r.stderr.contains(fragment), "\(r.stderr)")
        }
        let shard = try CLI.run(["sweep", "--vary", "guards.count=1", "--shard", "3/2", "--out", CLI.tempDir("bad")])
        #expect(shard.status == 2 && shard.stderr.contains("--shard"))
    }

    @Test func jsonProgressAndSweepFile() throws {
        let dir = CLI.tempDir("json")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let plan = dir + "/plan.toml"
        try """
            world = "\(CLI.repoRoot)/worlds/default.toml"
            ticks = 20
            replicates = 2
            seed = 5
            [vary]
            "guards.count" = [0, 4]
            [set]
            "crew.count" = 3
            """.write(toFile: plan, atomically: true, encoding: .utf8)
        let r = try CLI.run(["sweep", "--plan", plan, "--progress", "json", "--jobs", "2", "--out", dir + "/out"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 5)
        for l in lines {
            let obj = try JSONSerialization.jsonObject(with: Data(l.utf8)) as? [String: Any]
            #expect(obj?["event"] != nil)
        }
        let summary = CLI.read(dir + "/out/summary.csv").split(separator: "\n")
        #expect(summary.count == 5)
        #expect(summary[0].hasPrefix("run,replicate,seed,guards.count,"))
        let plan2 = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/out/sweep.json"))) as! [String: Any]
        #expect((plan2["parameters"] as? [String: Any])?["crew.count"] as? Int == 3)
        #expect(plan2["runs"] as? Int == 4)
    }
}
