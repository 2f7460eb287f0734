import Foundation
import Testing

@Suite struct PatternsCommandTests {
    static let chicago = ["--lon", "Longitude", "--lat", "Latitude", "--time", "Date",
                          "--time-format", "%m/%d/%Y %I:%M:%S %p"]

    @Test func aRunsPatternsAreWrittenAndTheSameForAnyThreadCount() throws {
        let dir = CLI.tempDir("patterns-run")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = try CLI.run(["run", "worlds/default.toml", "--ticks", "600", "--seed", "3", "--out", dir + "/run", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        var files: [String: [String: String]] = [:]
        for threads in ["1", "2"] {
            let out = dir + "/p" + threads
            let r = try CLI.run(["patterns", dir + "/run", "--out", out, "--threads", threads, "--permutations", "99", "--iterations", "19"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("Knox test") && r.stdout.contains("ticks 0–600") && r.stdout.contains("10 m, 1 h per tick"))
            var contents: [String: String] = [:]
            for name in ["knox.csv", "concentration.csv", "lorenz.csv", "gi_star.csv", "persistence.csv", "outcomes.csv"] {
                contents[name] = CLI.read(out + "/" + name)
            }
            files[threads] = contents
        }
        #expect(files["1"] == files["2"])
        // A run's report gains the patterns section once `patterns` has run.
        let page = try CLI.run(["report", dir + "/run", "--out", dir + "/run.html"])
        #expect(page.status == 0)
        #expect(!CLI.read(dir + "/run.html").contains("Crime patterns"))
        let knox = files["1"]!["knox.csv"]!.split(separator: "\n")
        #expect(knox.first == "space_band,time_band,observed,expected_mean,expected_median,ratio_mean,ratio_median,p_value,z_score,expected_analytic")
        #expect(knox.count == 1 + 5 * 5)
        #expect(files["1"]!["outcomes.csv"]!.contains("\nconcentration_50,"))
        // The run's own scale travels into the distances: 20 m cells double every band's reach.
        let wide = try CLI.run(["run", "worlds/default.toml", "--ticks", "600", "--seed", "3", "--set", "scale.metres_per_cell=20",
                                "--out", dir + "/wide", "--quiet"])
        #expect(wide.status == 0)
        let p = try CLI.run(["patterns", dir + "/wide", "--space-bands", "200:3", "--iterations", "19", "--permutations", "0"])
        #expect(p.status == 0)
        let a = knox.dropFirst().map { $0.split(separator: ",")[2] }
        let b = CLI.read(dir + "/wide/patterns/knox.csv").split(separator: "\n").dropFirst().map { $0.split(separator: ",")[2] }
        #expect(a == b)
        let wideReport = try CLI.run(["report", dir + "/wide"])
        #expect(wideReport.status == 0 && CLI.read(dir + "/wide/report.html").contains("Crime patterns"))
    }

    @Test func theShippedIncidentTableShowsItsPlantedNearRepeats() throws {
        let dir = CLI.tempDir("patterns-observed")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try CLI.run(["patterns", "--events", "examples/incidents-synthetic.csv"] + Self.chicago
                            + ["--kind", "Primary Type=BURGLARY", "--time-bands", "7:2", "--out", dir, "--export-grid"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("2 bad") && r.stdout.contains("line 702") && r.stdout.contains("line 1902"))
        let rows = CLI.read(dir + "/knox.csv").split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let planted = try #require(rows.first { $0.count > 8 && $0[0] == "\"1 to 100 meters\"" && $0[1] == "\"0 to 7 days\"" })
        #expect(Double(planted[5])! > 1.3 && Double(planted[7])! <= 0.05)
        for name in ["gi_star.npy", "gi_star.png", "counts.npy", "counts.png", "patterns.json"] {
            #expect(FileManager.default.fileExists(atPath: dir + "/" + name), "\(name)")
        }
        #expect(CLI.read(dir + "/patterns.json").contains("\"centre_lat\""))
        // The same figures in a page of their own.
        let report = try CLI.run(["report", dir])
        #expect(report.status == 0, "\(report.stderr)")
        let html = CLI.read(dir + "/report.html")
        #expect(html.contains("Knox test") && html.contains("1.65 (p 0.010") && html.contains("Lorenz curve")
                && html.contains("data:image/png;base64,") && html.contains("2023-01-01 to "))
        // Thefts were planted without near repeats.
        let t = try CLI.run(["patterns", "--events", "examples/incidents-synthetic.csv"] + Self.chicago
                            + ["--kind", "Primary Type=THEFT", "--time-bands", "7:2", "--out", dir + "/theft", "--permutations", "0"])
        #expect(t.status == 0)
        let theft = CLI.read(dir + "/theft/knox.csv").split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let cell = try #require(theft.first { $0.count > 8 && $0[0] == "\"1 to 100 meters\"" && $0[1] == "\"0 to 7 days\"" })
        #expect(abs(Double(cell[5])! - 1) < 0.5)
    }

    @Test func badInputGetsOneClearMessage() throws {
        let dir = CLI.tempDir("patterns-bad")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // 64 for the command line itself, 2 for what a file holds.
        func refused(_ args: [String], _ text: String, status: Int32 = 2) throws {
            let r = try CLI.run(["patterns"] + args)
            #expect(r.status == status, "\(args): \(r.status) \(r.stderr)")
            #expect(r.stderr.contains(text), "\(args): \(r.stderr)")
            #expect(!r.stderr.contains("Fatal error"))
        }
        try refused([], "give a run folder or --events", status: 64)
        try refused([dir], "holds no run")
        try refused(["--events", "examples/incidents-synthetic.csv", "--lon", "Longitude", "--lat", "Latitude"], "--time", status: 64)
        try refused(["--events", "examples/incidents-synthetic.csv", "--lon", "Longitude", "--lat", "Latitude", "--time", "Date"],
                    "cannot be read")   // ISO dates expected: every row is bad
        try refused(["--events", "examples/incidents-synthetic.csv", "--x", "Nope", "--y", "Latitude", "--time", "Date"], "no column \"Nope\"")
        try refused(["--events", "examples/incidents-synthetic.csv"] + Self.chicago + ["--space-bands", "100"], "WIDTH:COUNT", status: 64)
        try refused(["--events", "examples/incidents-synthetic.csv"] + Self.chicago + ["--nrc-bands", "--time-bands", "1.5:2"], "whole number", status: 64)
        try refused(["--events", "examples/incidents-synthetic.csv"] + Self.chicago + ["--grid", "0.01", "--out", dir + "/g"], "exceeds")
        let ragged = dir + "/ragged.csv"
        try "x,y,t\n1,2,3\n4,5\n6,7,8,9\n1,1,1\n".write(toFile: ragged, atomically: true, encoding: .utf8)
        try refused(["--events", ragged, "--x", "x", "--y", "y", "--time", "t", "--time-format", "days", "--out", dir + "/r"], "line 3: 2 fields")
        let ok = try CLI.run(["patterns", "--events", ragged, "--x", "x", "--y", "y", "--time", "t", "--time-format", "days",
                              "--max-bad-rows", "60", "--out", dir + "/r2", "--permutations", "0"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("2 bad") && ok.stdout.contains("line 4"))
    }

    @Test func aSweepsRunsAndPointSummariesAgreeWithEachRun() throws {
        let dir = CLI.tempDir("patterns-sweep")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let sweep = try CLI.run(["sweep", "--vary", "guards.count=6,12", "--replicates", "2", "--ticks", "300", "--keep", "runs",
                                 "--out", dir + "/sw", "--quiet"])
        #expect(sweep.status == 0, "\(sweep.stderr)")
        let r = try CLI.run(["patterns", dir + "/sw", "--kind", "theft,dump", "--permutations", "19", "--iterations", "9"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("mean ± 95% CI"))
        func table(_ path: String) -> [[String: String]] {
            let lines = CLI.read(path).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(lines[0], $0)) }
        }
        let runs = table(dir + "/sw/patterns/runs.csv"), points = table(dir + "/sw/patterns/points.csv")
        #expect(runs.count == 4 && points.count == 2)
        for p in points {
            let mine = runs.filter { $0["point"] == p["point"] }
            // Each run's own outcomes.csv holds the value the sweep table repeats.
            for run in mine {
                let own = CLI.read(dir + "/sw/runs/" + String(repeating: "0", count: 6 - run["run"]!.count) + run["run"]! + "/patterns/outcomes.csv")
                #expect(own.contains("\nconcentration_50," + run["concentration_50"]! + ","))
            }
            let mean = mine.map { Double($0["concentration_50"]!)! }.reduce(0, +) / Double(mine.count)
            #expect(abs(Double(p["concentration_50_mean"]!)! - mean) < 1e-12)
            #expect(p["concentration_50_n"] == "2")
        }
        let plain = try CLI.run(["sweep", "--vary", "guards.count=6", "--ticks", "50", "--out", dir + "/plain", "--quiet"])
        #expect(plain.status == 0)
        let refused = try CLI.run(["patterns", dir + "/plain"])
        #expect(refused.status == 2 && refused.stderr.contains("--keep runs"))
    }

    /// `sweep --patterns` computes each run's pattern outcomes from its events in memory: the
    /// same numbers `patterns` finds in the run's files, for any job count and either keep mode.
    @Test func sweepPatternOutcomesEqualTheRunsOwnPatterns() throws {
        let dir = CLI.tempDir("sweep-patterns")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let base = ["sweep", "--vary", "guards.count=6,12", "--replicates", "2", "--ticks", "300", "--seeds", "per-replicate",
                    "--patterns", "--quiet"]
        let kept = try CLI.run(base + ["--keep", "runs", "--jobs", "2", "--out", dir + "/kept"])
        #expect(kept.status == 0, "\(kept.stderr)")
        let plain = try CLI.run(base + ["--jobs", "1", "--out", dir + "/plain"])
        #expect(plain.status == 0, "\(plain.stderr)")
        let keptSummary = CLI.read(dir + "/kept/summary.csv"), plainSummary = CLI.read(dir + "/plain/summary.csv")
        #expect(keptSummary == plainSummary)
        let lines = keptSummary.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines[0]
        #expect(header.suffix(3) == ["persistence_top5", "s_index_robust", "status"])
        #expect(header.contains("knox_ratio_1_100_0_7") && header.contains("concentration_50"))
        for row in lines.dropFirst() {
            let run = row[0]
            let r = try CLI.run(["patterns", dir + "/kept/runs/" + String(repeating: "0", count: 6 - run.count) + run,
                                 "--permutations", "0", "--iterations", "1"])
            #expect(r.status == 0, "\(r.stderr)")
            let own = CLI.read(dir + "/kept/runs/" + String(repeating: "0", count: 6 - run.count) + run + "/patterns/outcomes.csv")
                .split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            for o in own {
                let i = try #require(header.firstIndex(of: o[0]), "\(o[0])")
                #expect(row[i] == o[1], "run \(run) \(o[0]): summary \(row[i]), patterns \(o[1])")
            }
        }
        let c = try CLI.run(["compare", dir + "/plain", "--baseline", "guards.count=6", "--outcome", "concentration_50"])
        #expect(c.status == 0 && c.stdout.contains("concentration_50"), "\(c.stderr)")
        let bad = try CLI.run(["sweep", "--vary", "guards.count=6", "--ticks", "10", "--pattern-kinds", "theft", "--out", dir + "/bad"])
        #expect(bad.status == 2 && bad.stderr.contains("--patterns"))
    }

    /// A fork's arms get the pattern outcomes of the ticks after the fork, the same for any job
    /// count and after merging shards; a whole-run window is refused (the burn-in is shared).
    @Test func forkArmsHavePatternOutcomes() throws {
        let dir = CLI.tempDir("fork-patterns")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let base = ["sweep", "worlds/default.toml", "--fork-at", "150", "--arms", "examples/arms-guards.toml", "--replicates", "2",
                    "--ticks", "400", "--patterns", "--quiet"]
        let one = try CLI.run(base + ["--jobs", "1", "--out", dir + "/one"])
        #expect(one.status == 0, "\(one.stderr)")
        for i in 0..<2 {
            let r = try CLI.run(base + ["--shard", "\(i)/2", "--out", dir + "/sharded"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        #expect(try CLI.run(["merge", dir + "/sharded"]).status == 0)
        let summary = CLI.read(dir + "/one/summary.csv")
        #expect(summary == CLI.read(dir + "/sharded/summary.csv"))
        let header = summary.prefix { $0 != "\n" }.split(separator: ",").map(String.init)
        #expect(header.contains("concentration_50") && header.last == "status")
        let plan = CLI.read(dir + "/one/sweep.json")
        #expect(plan.contains("\"from_tick\": 151"))
        let whole = try CLI.run(base + ["--window", "whole", "--out", dir + "/whole"])
        #expect(whole.status == 2 && whole.stderr.contains("post-fork"))
    }

    @Test func aSweepFileCanAskForPatterns() throws {
        let dir = CLI.tempDir("plan-patterns")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "ticks = 50\n[vary]\n\"guards.count\" = [6]\n[patterns]\nkinds = [\"theft\"]\nspace_bands = \"50:2\"\n"
            .write(toFile: dir + "/plan.toml", atomically: true, encoding: .utf8)
        let r = try CLI.run(["sweep", "--plan", dir + "/plan.toml", "--dry-run", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\"knox_ratio_51_100_0_7\"") && r.stdout.contains("\"theft\""))
        try "ticks = 50\n[patterns]\nkind = [\"theft\"]\n".write(toFile: dir + "/bad.toml", atomically: true, encoding: .utf8)
        let bad = try CLI.run(["sweep", "--plan", dir + "/bad.toml", "--dry-run"])
        #expect(bad.status == 2 && bad.stderr.contains("bad.toml:3") && bad.stderr.contains("unknown key 'kind' in [patterns]"), "\(bad.stderr)")
    }

    /// Work and windows the input asks for are bounded before any is done; ticks outside the
    /// run, an empty kind list or a window past the sweep's end are refused; a stale counts
    /// export does not survive a later run without --export-grid.
    @Test func boundsAndStaleFiles() throws {
        let dir = CLI.tempDir("patterns-bounds")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try CLI.run(["run", "--ticks", "200", "--out", dir + "/run", "--quiet"]).status == 0)
        let beyond = try CLI.run(["patterns", dir + "/run", "--to-tick", "9223372036854775807"])
        #expect(beyond.status == 2 && beyond.stderr.contains("outside the run's ticks"), "\(beyond.stderr)")
        let tiny = try CLI.run(["patterns", dir + "/run", "--window", "0.0001", "--permutations", "0"])
        #expect(tiny.status == 2 && tiny.stderr.contains("choose a longer window"), "\(tiny.stderr)")
        // 2,000 points over 100 km: a 1000 × 1000 grid at 100 m, whose 999 permutations are too many.
        var text = "x,y,day\n"
        for i in 0..<2000 { text += "\((i * 7919) % 100_000),\((i * 104_729) % 100_000),\(i % 300)\n" }
        try text.write(toFile: dir + "/wide.csv", atomically: true, encoding: .utf8)
        let work = try CLI.run(["patterns", "--events", dir + "/wide.csv", "--x", "x", "--y", "y", "--time", "day", "--time-format", "days",
                                "--out", dir + "/wide"])
        #expect(work.status == 2 && work.stderr.contains("--permutations"), "\(work.stderr)")
        let export = try CLI.run(["patterns", dir + "/run", "--export-grid", "--permutations", "0"])
        #expect(export.status == 0 && FileManager.default.fileExists(atPath: dir + "/run/patterns/counts.npy"))
        #expect(try CLI.run(["patterns", dir + "/run", "--permutations", "0"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: dir + "/run/patterns/counts.npy"))
        for bad in [["--pattern-from-tick", "1000"], ["--pattern-kinds", ","]] {
            let r = try CLI.run(["sweep", "--vary", "guards.count=2", "--ticks", "200", "--patterns", "--out", dir + "/sw"] + bad)
            #expect(r.status == 2 && !FileManager.default.fileExists(atPath: dir + "/sw/summary.csv"), "\(bad): \(r.stderr)")
        }
        let omega = try CLI.run(["theory", "worlds/short2008.toml", "--set", "crime.omega=0"])
        #expect(omega.status == 2 && omega.stderr.contains("no equilibrium") && !omega.stdout.contains("inf"))
    }
}
