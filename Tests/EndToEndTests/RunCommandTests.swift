import Foundation
import Testing
@testable import NanoCityIO

@Suite struct RunCommandTests {
    /// The outputs a run writes are the ones `RunOutput` declares: the manifest lists exactly
    /// those written, the run folder holds nothing else, and `--force`'s removal takes every
    /// one of them and nothing of the user's.
    @Test func outputsAreTheDeclaredOnes() throws {
        let dir = CLI.tempDir("outputs")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = dir + "/out"
        let r = try CLI.run(["run", "--ticks", "4", "--frame-every", "2", "--snapshot-every", "2", "--checkpoint-every", "2",
                             "--out", out, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(CLI.read(out + "/manifest.json").utf8)) as? [String: Any])
        let listed = Set((manifest["outputs"] as? [String: Any] ?? [:]).keys)
        #expect(listed == Set(RunOutput.allCases.filter { $0 != .manifest }.map(\.rawValue)))
        let present = Set(try FileManager.default.contentsOfDirectory(atPath: out)).subtracting([OutputLock.fileName])
        #expect(present == Set(RunOutput.allCases.map(\.name)), "\(present.sorted())")
        for o in RunOutput.allCases where o.isFolder {
            for f in try FileManager.default.contentsOfDirectory(atPath: out + "/" + o.name) { #expect(o.holds(f), "\(o.name)/\(f)") }
        }
        try "mine".write(toFile: out + "/frames/notes.txt", atomically: true, encoding: .utf8)
        OutputDirectory.removeRunOutputs(in: out)
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: out)).subtracting([OutputLock.fileName])
        #expect(left == ["frames"] && (try? FileManager.default.contentsOfDirectory(atPath: out + "/frames")) == ["notes.txt"])
    }

    @Test func runWritesEveryOutput() throws {
        let dir = CLI.tempDir("run")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = dir + "/out"
        let r = try CLI.run(["run", "--ticks", "20", "--frame-every", "10", "--snapshot-every", "10", "--out", out,
                             "--set", "guards.count=9", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == out + "\n")
        let metrics = CLI.read(out + "/metrics.csv").split(separator: "\n")
        #expect(metrics.count == 22)
        #expect(metrics[0].hasPrefix("tick,waste_total,components_total,toxicity_total,toxicity_max"))
        for col in ["public_health", "reservoir_stock", "recyclers", "scavengers", "crew", "guards"] {
            #expect(metrics[0].split(separator: ",").contains(Substring(col)))
        }
        #expect(metrics[1].hasPrefix("0,"))
        #expect(metrics[21].hasPrefix("20,"))
        #expect(CLI.read(out + "/events.csv").hasPrefix("tick,kind,x,y,agent,amount\n"))
        for t in ["000000", "000010", "000020"] {
            let png = try PNGImage.read(path: out + "/frames/frame_\(t).png")
            #expect(png.width == 512 && png.height > 512)  // the 64² map at 8 px, the strip below
            for f in ["waste", "components", "toxicity", "attractiveness"] {
                let bytes = try #require(FileManager.default.contents(atPath: out + "/fields/\(f)_\(t).npy"))
                let npy = try #require(NPYFormat.decode(Array(bytes)))
                #expect(npy.shape.0 == 64 && npy.shape.1 == 64)
            }
        }
        let agents = CLI.read(out + "/agents/agents_000020.csv").split(separator: "\n")
        #expect(agents.first == "kind,id,x,y,state,carried,health")
        #expect(agents.filter { $0.hasPrefix("guard,") }.count == 9)
        #expect(agents.filter { $0.hasPrefix("recycler,") }.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == 7 })
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json"))) as! [String: Any]
        #expect(manifest["status"] as? String == "complete")
        #expect(manifest["ticks_completed"] as? Int == 20)
        #expect((manifest["parameters"] as? [String: Any])?["guards.count"] as? Int == 9)
        #expect((manifest["overrides"] as? [String: Any])?["guards.count"] as? Int == 9)
        #expect(manifest["version"] as? String == NanoCityVersion.string)
    }

    /// `--threads` changes how a run executes, never its outputs: a 512 × 384 world (big enough for
    /// the field phases to split into bands) gives byte-identical CSVs on 1 and 3 threads.
    @Test func threadCountDoesNotChangeOutputs() throws {
        let dir = CLI.tempDir("threads")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for n in ["1", "3"] {
            let r = try CLI.run(["run", "--ticks", "10", "--seed", "3", "--threads", n, "--out", dir + "/t" + n, "--quiet",
                                 "--set", "map.width=512", "--set", "map.height=384", "--set", "recyclers.count=150"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        for f in ["metrics.csv", "events.csv"] {
            let same = CLI.read(dir + "/t1/" + f) == CLI.read(dir + "/t3/" + f)
            #expect(same, "\(f) differs between 1 and 3 threads")
        }
        #expect(CLI.read(dir + "/t1/metrics.csv").split(separator: "\n").count == 12)
        let bad = try CLI.run(["run", "--ticks", "1", "--threads", "0", "--out", dir + "/bad"])
        #expect(bad.status != 0 && bad.stderr.contains("--threads must be 1…1024, got 0"), "\(bad.stderr)")
    }

    /// The default `--threads` is the cores the process may use (its affinity mask, as Slurm
    /// or taskset set it), not every core of the machine.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/taskset")))
    func defaultThreadsFollowTheAffinityMask() throws {
        let dir = CLI.tempDir("affinity")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/taskset")
        p.arguments = ["-c", "0", CLI.binary, "run", "--ticks", "1", "--out", dir + "/one", "--quiet"]
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/one/manifest.json"))) as! [String: Any]
        #expect(manifest["threads"] as? Int == 1)
    }

    @Test func sameSeedGivesByteIdenticalCSVs() throws {
        let dir = CLI.tempDir("det")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for name in ["a", "b"] {
            let r = try CLI.run(["run", "worlds/default.toml", "--ticks", "150", "--seed", "42", "--out", dir + "/" + name, "--quiet"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        try CLI.run(["run", "worlds/default.toml", "--ticks", "150", "--seed", "43", "--out", dir + "/c", "--quiet"])
        for f in ["metrics.csv", "events.csv"] {
            let a = try Data(contentsOf: URL(fileURLWithPath: dir + "/a/" + f))
            #expect(a == (try Data(contentsOf: URL(fileURLWithPath: dir + "/b/" + f))), "\(f) differs between identical runs")
            #expect(a.count > 100)
        }
        #expect(CLI.read(dir + "/a/metrics.csv") != CLI.read(dir + "/c/metrics.csv"))
    }

    /// The harbour town from its ASCII file and from its PNG map (read through libpng) is the
    /// same city, so the same seed gives the same run.
    @Test func asciiFileAndPNGMapsOfOneCityRunIdentically() throws {
        let dir = CLI.tempDir("maps")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for w in ["harbour", "harbour-image"] {
            let r = try CLI.run(["run", "worlds/\(w).toml", "--ticks", "60", "--out", dir + "/" + w, "--quiet"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let a = CLI.read(dir + "/harbour/metrics.csv")
        #expect(a.split(separator: "\n").count == 62)
        #expect(a == CLI.read(dir + "/harbour-image/metrics.csv"))
        #expect(CLI.read(dir + "/harbour/events.csv") == CLI.read(dir + "/harbour-image/events.csv"))
    }

    @Test func defaultOutputDirectoriesNeverCollideAndExplicitOnesAreNotOverwritten() throws {
        let dir = CLI.tempDir("outdirs")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let first = try CLI.run(["run", "--ticks", "2", "--quiet"], cwd: dir)
        let second = try CLI.run(["run", "--ticks", "2", "--quiet"], cwd: dir)
        #expect(first.stdout == "output/default-001\n")
        #expect(second.stdout == "output/default-002\n")
        let again = try CLI.run(["run", "--ticks", "2", "--out", "output/default-001", "--quiet"], cwd: dir)
        // A refused --out is bad input (2), as for sweep, not a failed run (3).
        #expect(again.status == 2)
        #expect(again.stderr.contains("--force"))
        let sweep = try CLI.run(["sweep", "--vary", "guards.count=1", "--ticks", "2", "--out", "output/default-001", "--quiet"], cwd: dir)
        #expect(sweep.status == again.status && sweep.stderr.contains("--force"))
        #expect(try CLI.run(["run", "--ticks", "2", "--out", "output/default-001", "--force", "--quiet"], cwd: dir).status == 0)
    }

    @Test func badInputGetsOneClearMessageAndExitCode2() throws {
        let dir = CLI.tempDir("bad")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let world = dir + "/bad.toml"
        try "[guards]\ncount = -4\n".write(toFile: world, atomically: true, encoding: .utf8)
        let r = try CLI.run(["run", world, "--out", dir + "/o", "--quiet"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("bad.toml:2: guards.count = -4"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/o"))
        let s = try CLI.run(["run", "--set", "guards.patrol=teleport", "--out", dir + "/o2", "--quiet"])
        #expect(s.status == 2)
        #expect(s.stderr.contains("guards.patrol"))
        #expect(s.stderr.contains("\"hotspot\""))
        let missing = try CLI.run(["run", dir + "/nope.toml", "--quiet"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no such file"))
    }

    @Test func validateChecksEveryWorldAndReportsEveryProblem() throws {
        let dir = CLI.tempDir("validate")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // The megacity's map takes 20 s to build in a debug binary; WorldFileTests validates it
        // (and CI's release binary, every world): here the command's handling of many worlds.
        let worlds = try FileManager.default.contentsOfDirectory(atPath: CLI.repoRoot + "/worlds")
            .filter { $0.hasSuffix(".toml") && $0 != "megacity.toml" }
        let ok = try CLI.run(["validate"] + worlds.map { "worlds/" + $0 })
        #expect(ok.status == 0, "\(ok.stderr)")
        let bad = dir + "/bad.toml"
        try "[guards]\ncout = 1\n[toxicity]\ndecay = 3\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let r = try CLI.run(["validate", "worlds/default.toml", bad])
        #expect(r.status == 2)
        #expect(r.stderr.contains("bad.toml:2: unknown key 'guards.cout'"))
        #expect(r.stderr.contains("bad.toml:4: toxicity.decay = 3"))
    }
}
