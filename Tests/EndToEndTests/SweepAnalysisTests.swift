import Foundation
import Testing

/// points.csv, compare.csv, sensitivity.csv and precision-driven sweeps from the command line:
/// byte-identical for any --jobs, shard split and resume.
@Suite struct SweepAnalysisTests {
    static let small = ["--ticks", "30", "--quiet"]

    /// Runs a sweep three ways (jobs 1, jobs 2, two shards merged) and returns the three directories.
    func threeWays(_ args: [String], _ name: String) throws -> [String] {
        let dir = CLI.tempDir(name)
        let one = dir + "/one", two = dir + "/two", sharded = dir + "/sharded"
        #expect(try CLI.run(args + ["--jobs", "1", "--out", one]).status == 0)
        #expect(try CLI.run(args + ["--jobs", "2", "--out", two]).status == 0)
        for s in ["0/2", "1/2"] { #expect(try CLI.run(args + ["--jobs", "1", "--shard", s, "--out", sharded]).status == 0) }
        let merged = try CLI.run(["merge", sharded])
        #expect(merged.status == 0, "\(merged.stderr)")
        return [one, two, sharded]
    }

    @Test func pointsAndComparisonsAreByteIdenticalAcrossJobsAndShards() throws {
        let dirs = try threeWays(["sweep", "--vary", "guards.count=2,8", "--vary", "sensors.density=0,0.1", "--replicates", "3",
                                  "--seeds", "per-replicate"] + Self.small, "points")
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: dirs[0]).deletingLastPathComponent().path) }
        for d in dirs {
            let c = try CLI.run(["compare", d, "--baseline", "guards.count=2,sensors.density=0"])
            #expect(c.status == 0, "\(c.stderr)")
            #expect(c.stdout.contains("paired differences"))
        }
        let points = dirs.map { CLI.read($0 + "/points.csv") }
        #expect(!points[0].isEmpty && points[0] == points[1] && points[0] == points[2])
        let compares = dirs.map { CLI.read($0 + "/compare.csv") }
        #expect(!compares[0].isEmpty && compares[0] == compares[1] && compares[0] == compares[2])
        // 4 points, then 3 other points × every outcome in compare.csv.
        let rows = points[0].split(separator: "\n")
        #expect(rows.count == 5 && rows[0].hasPrefix("point,guards.count,sensors.density,n,waste_total_final_mean,"))
        #expect(rows[1].hasPrefix("0,2,0.0,3,"))
        #expect(compares[0].split(separator: "\n").dropFirst().allSatisfy { $0.contains(",paired,3,") })
    }

    /// The mean, sd and interval in points.csv are those of the summary's replicate rows.
    @Test func pointStatisticsMatchTheSummaryRows() throws {
        let dir = CLI.tempDir("stats")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try CLI.run(["sweep", "--vary", "guards.count=1,9", "--replicates", "4", "--out", dir] + Self.small).status == 0)
        let summary = CLI.read(dir + "/summary.csv").split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let points = CLI.read(dir + "/points.csv").split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let col = summary[0].firstIndex(of: "recycled_total")!
        let pcol = points[0].firstIndex(of: "recycled_total_mean")!
        for p in 0..<2 {
            let xs = summary[1 + 4 * p..<5 + 4 * p].map { Double($0[col])! }
            let mean = xs.reduce(0, +) / 4
            let sd = (xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 3).squareRoot()
            let h = 3.182446305284263 * sd / 2  // t₀.₉₇₅(3) · sd / √4
            let row = points[1 + p]
            #expect(row[2] == "4")
            #expect(abs(Double(row[pcol])! - mean) < 1e-9 * max(1, mean))
            #expect(abs(Double(row[pcol + 1])! - sd) < 1e-9 * max(1, sd))
            #expect(abs(Double(row[pcol + 2])! - (mean - h)) < 1e-9 * max(1, mean))
            #expect(abs(Double(row[pcol + 3])! - (mean + h)) < 1e-9 * max(1, mean))
        }
    }

    @Test func oneReplicateLeavesTheSpreadEmptyAndWelchIsNamed() throws {
        let dir = CLI.tempDir("single")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try CLI.run(["sweep", "--vary", "guards.count=1,9", "--out", dir] + Self.small).status == 0)
        let row = CLI.read(dir + "/points.csv").split(separator: "\n")[1]
        #expect(row.hasPrefix("0,1,1,") && row.contains(",,,") && !row.contains("nan"))
        let c = try CLI.run(["compare", dir, "--baseline", "guards.count=1"])
        #expect(c.status == 0 && c.stdout.contains("Welch"))
        let bad = try CLI.run(["compare", dir, "--baseline", "guards.count=5"])
        #expect(bad.status == 2 && bad.stderr.contains("no point has these values") && bad.stderr.contains("guards.count ∈ {1, 9}"))
        let notVaried = try CLI.run(["compare", dir, "--baseline", "crew.count=5"])
        #expect(notVaried.status == 2 && notVaried.stderr.contains("not varied in this sweep"))
    }

    @Test func sensitivityIsByteIdenticalAcrossJobsAndShards() throws {
        let dirs = try threeWays(["sweep", "--design", "sobol", "--samples", "8", "--vary", "guards.arrest_prob=0.05:0.5",
                                  "--vary", "crew.dump_prob=0.005:0.05"] + Self.small, "sobol")
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: dirs[0]).deletingLastPathComponent().path) }
        for d in dirs {
            let a = try CLI.run(["analyze", d, "--resamples", "50"])
            #expect(a.status == 0, "\(a.stderr)")
            #expect(a.stdout.contains("Sobol' indices"))
        }
        let s = dirs.map { CLI.read($0 + "/sensitivity.csv") }
        #expect(!s[0].isEmpty && s[0] == s[1] && s[0] == s[2])
        #expect(s[0].hasPrefix("outcome,parameter,S1,S1_conf,S1_ci_low,S1_ci_high,ST,"))
        #expect(CLI.read(dirs[0] + "/summary.csv").split(separator: "\n").count == 1 + 8 * 4)
        let p = dirs.map { CLI.read($0 + "/precision.csv") }
        #expect(!p[0].isEmpty && p[0] == p[1] && p[0] == p[2])
    }

    @Test func morrisSweepAnalyzes() throws {
        let dir = CLI.tempDir("morris")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try CLI.run(["sweep", "--design", "morris", "--trajectories", "4", "--vary", "guards.count=1:20",
                             "--vary", "crew.dump_prob=0.005:0.05", "--out", dir] + Self.small)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(CLI.read(dir + "/summary.csv").split(separator: "\n").count == 1 + 4 * 3)
        let a = try CLI.run(["analyze", dir, "--outcome", "dumps_total", "--resamples", "20"])
        #expect(a.status == 0 && a.stdout.contains("Morris elementary effects"), "\(a.stderr)")
        #expect(CLI.read(dir + "/sensitivity.csv").hasPrefix("outcome,parameter,mu,mu_star,sigma,mu_star_conf,"))
    }

    @Test func designsRejectWhatTheyCannotUse() throws {
        let out = CLI.tempDir("baddesign")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let cases: [([String], String)] = [
            (["--design", "sobol", "--vary", "guards.count=1,2", "--samples", "4"], "varies ranges only"),
            (["--design", "sobol", "--vary", "guards.count=1:9"], "needs --samples"),
            (["--design", "morris", "--trajectories", "3", "--levels", "5", "--vary", "guards.count=1:9"], "even number"),
            (["--design", "sobol", "--samples", "4", "--lhs", "3", "--vary", "guards.count=1:9"], "choose one design"),
            (["--until-precision", "0.05", "--vary", "guards.count=1,2"], "needs --outcome"),
            (["--until-precision", "0.05", "--outcome", "thefts", "--vary", "guards.count=1,2"], "not a summary.csv column"),
        ]
        for (args, fragment) in cases {
            let r = try CLI.run(["sweep", "--ticks", "1", "--out", out + "/x"] + args)
            #expect(r.status == 2 && r.stderr.contains(fragment), "\(args): \(r.stderr)")
        }
        let a = try CLI.run(["analyze", out + "/nothing"])
        #expect(a.status == 2 && a.stderr.contains("does not exist"))
    }

    @Test func designFileRunsItsRowsAndErrorsNameFileLineAndColumn() throws {
        let dir = CLI.tempDir("designfile")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let good = dir + "/good.csv"
        // As numpy.savetxt writes it: a commented header, floats for integer columns, CRLF line ends.
        try "# guards.count,sensors.density\r\n4.000000000000000000e+00,0.05\r\n1.2e+01,0.1\r\n".write(toFile: good, atomically: true, encoding: .utf8)
        let r = try CLI.run(["sweep", "--design-file", good, "--replicates", "2", "--out", dir + "/out"] + Self.small)
        #expect(r.status == 0, "\(r.stderr)")
        let rows = CLI.read(dir + "/out/summary.csv").split(separator: "\n")
        #expect(rows.count == 5 && rows[0].hasPrefix("run,replicate,seed,guards.count,sensors.density,"))
        #expect(rows[3].hasPrefix("2,0,") && rows[3].contains(",12,0.1,"))
        let cases: [(String, String)] = [
            ("guards.cout,sensors.density\n1,0.1\n", "bad.csv:1:1: header: unknown key"),
            ("guards.count,sensors.density\n1,0.1\n2\n", "bad.csv:3: 1 values, but the header has 2 columns"),
            ("guards.count,sensors.density\n1,0.1\n2,7\n", "bad.csv:3:2: sensors.density"),
            ("guards.count,guards.count\n1,2\n", "bad.csv:1:2: column 'guards.count' appears twice"),
            ("guards.count\n", "has a header but no rows"),
        ]
        for (text, fragment) in cases {
            try text.write(toFile: dir + "/bad.csv", atomically: true, encoding: .utf8)
            let b = try CLI.run(["sweep", "--design-file", dir + "/bad.csv", "--out", dir + "/badout"] + Self.small)
            #expect(b.status == 2 && b.stderr.contains(fragment), "\(text): \(b.stderr)")
        }
    }

    /// Batches stop where every point is precise or capped; the result does not depend on --jobs,
    /// nor on a crash anywhere in the summary (simulated by cutting it back, then resuming).
    @Test func precisionDrivenSweepIsDeterministicAndResumes() throws {
        let dir = CLI.tempDir("precise")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let args = ["sweep", "--vary", "guards.count=1,6,12", "--until-precision", "0.5", "--outcome", "recycled_total",
                    "--outcome", "dumps_total", "--replicates", "3", "--batch", "2", "--max-replicates", "9"] + Self.small
        #expect(try CLI.run(args + ["--jobs", "1", "--out", dir + "/a"]).status == 0)
        #expect(try CLI.run(args + ["--jobs", "2", "--out", dir + "/b"]).status == 0)
        // Shards take whole points; a shard cut short cannot be merged; finished, the merge equals one machine's sweep.
        #expect(try CLI.run(args + ["--shard", "0/2", "--out", dir + "/s"]).status == 0)
        let early = try CLI.run(["merge", dir + "/s"])
        #expect(early.status == 2 && early.stderr.contains("resume the shard"), "\(early.stderr)")
        #expect(try CLI.run(args + ["--shard", "1/2", "--out", dir + "/s"]).status == 0)
        #expect(try CLI.run(["merge", dir + "/s"]).status == 0)
        let a = CLI.read(dir + "/a/summary.csv")
        #expect(a == CLI.read(dir + "/b/summary.csv") && a == CLI.read(dir + "/s/summary.csv"))
        #expect(CLI.read(dir + "/a/points.csv") == CLI.read(dir + "/b/points.csv"))
        #expect(CLI.read(dir + "/a/points.csv") == CLI.read(dir + "/s/points.csv"))
        // Every point is capped at 9 or precise for both outcomes.
        let points = CLI.read(dir + "/a/points.csv").split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        var grew = false, stoppedEarly = false
        for row in points.dropFirst() {
            let n = Int(row[2])!
            #expect(n >= 3 && n <= 9 && (n - 3) % 2 == 0 || n == 9)
            if n > 3 { grew = true }
            if n < 9 { stoppedEarly = true }
            if n < 9 {
                for name in ["recycled_total", "dumps_total"] {
                    let c = points[0].firstIndex(of: name + "_mean")!
                    let mean = Double(row[c])!, low = Double(row[c + 2])!
                    #expect(mean - low <= 0.5 * abs(mean) + 1e-12, "\(name) at \(row[1])")
                }
            }
        }
        #expect(grew && stoppedEarly, "the test needs one point that stops early and one that grows")
        // Cut the summary back into the second batch, with a partial line, and resume.
        let lines = a.split(separator: "\n", omittingEmptySubsequences: false)
        let cut = lines.prefix(6).joined(separator: "\n") + "\n" + lines[6].prefix(9)
        try cut.write(toFile: dir + "/a/summary.csv", atomically: true, encoding: .utf8)
        try? FileManager.default.removeItem(atPath: dir + "/a/points.csv")
        let resumed = try CLI.run(args + ["--jobs", "2", "--out", dir + "/a"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(CLI.read(dir + "/a/summary.csv") == a)
        #expect(CLI.read(dir + "/a/points.csv") == CLI.read(dir + "/b/points.csv"))
    }

    /// `--on-difference`: batches stop when each point's paired difference from the baseline is
    /// precise (or within the tolerance); the baseline runs as long as any point does; the
    /// result is the same for any --jobs; the rule that stopped each point is printed.
    @Test func precisionOnTheDifferenceStopsWhenItsIntervalIsNarrow() throws {
        let dir = CLI.tempDir("precisediff")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let args = ["sweep", "--vary", "guards.count=1,6,30", "--set", "guards.recruit_threshold=0", "--seeds", "per-replicate",
                    "--until-precision", "0.3", "--on-difference", "guards.count=1", "--tolerance", "1.2", "--outcome", "arrests_total",
                    "--replicates", "3", "--batch", "2", "--max-replicates", "15", "--ticks", "150"]
        let one = try CLI.run(args + ["--jobs", "1", "--out", dir + "/a"])
        #expect(one.status == 0 && one.stderr.contains("stopped by") && one.stderr.contains("within tolerance"), "\(one.stderr)")
        #expect(try CLI.run(args + ["--jobs", "2", "--out", dir + "/b", "--quiet"]).status == 0)
        #expect(CLI.read(dir + "/a/summary.csv") == CLI.read(dir + "/b/summary.csv"))
        let sharded = try CLI.run(args + ["--shard", "0/2", "--out", dir + "/s"])
        #expect(sharded.status == 2 && sharded.stderr.contains("cannot run apart"), "\(sharded.stderr)")
        // Recompute the rule from summary.csv: pairs of replicate r at the point and at the baseline.
        let rows = CLI.read(dir + "/a/summary.csv").split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        let c = rows[0].firstIndex(of: "arrests_total")!, g = rows[0].firstIndex(of: "guards.count")!
        var by: [String: [Int: Double]] = [:]
        for r in rows.dropFirst() { by[r[g], default: [:]][Int(r[1])!] = Double(r[c])! }
        let t975: [Int: Double] = [2: 4.302653, 4: 2.776445, 6: 2.446912, 8: 2.306004, 10: 2.228139, 12: 2.178813, 14: 2.144787]
        #expect(by["1"]!.count == by.values.map(\.count).max()!, "the baseline has the most replicates")
        var stoppedEarly = false
        for level in ["6", "30"] {
            let point = by[level]!, n = point.count
            #expect(n >= 3 && n <= 15 && (n == 15 || (n - 3) % 2 == 0))
            guard n < 15 else { continue }
            stoppedEarly = true
            let d = (0..<n).map { point[$0]! - by["1"]![$0]! }
            let mean = d.reduce(0, +) / Double(n)
            let sd = (d.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n - 1)).squareRoot()
            let half = t975[n - 1]! * sd / Double(n).squareRoot()
            #expect(half <= max(0.3 * abs(mean), 1.2) + 1e-9, "guards.count=\(level): ±\(half) around \(mean) with \(n) pairs")
            // One batch earlier it was not yet precise (else it would have stopped there).
            let e = d.prefix(n - 2), m2 = e.reduce(0, +) / Double(n - 2)
            let s2 = (e.map { ($0 - m2) * ($0 - m2) }.reduce(0, +) / Double(n - 3)).squareRoot()
            #expect(t975[n - 3]! * s2 / Double(n - 2).squareRoot() > max(0.3 * abs(m2), 1.2))
        }
        #expect(stoppedEarly, "the test needs a point that stops before the cap")
    }
}
