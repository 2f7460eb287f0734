import Foundation
import Testing

/// `sweep --fork-at T --arms FILE`: arms branched from one burned-in state per replicate.
@Suite struct ForkCommandTests {
    static let arms = """
        [[arm]]
        name = "baseline"
        set = { "guards.recruit_threshold" = 0 }
        [[arm]]
        name = "same"
        set = { "guards.recruit_threshold" = 0 }
        [[arm]]
        name = "many-guards"
        set = { "guards.count" = 30, "guards.recruit_threshold" = 0 }
        """

    func setUp(_ name: String, arms: String = Self.arms) throws -> String {
        let dir = CLI.tempDir(name)
        try arms.write(toFile: dir + "/arms.toml", atomically: true, encoding: .utf8)
        return dir
    }

    func csv(_ path: String) -> [[String]] { CLI.csv(path) }

    /// Many more guards cut thefts, with a paired CI that excludes 0 (seeded, so the same every run).
    @Test func moreGuardsCutThefts() throws {
        let dir = try setUp("fork", arms: """
            [[arm]]
            name = "baseline"
            set = { "guards.recruit_threshold" = 0 }
            [[arm]]
            name = "many-guards"
            set = { "guards.count" = 30, "guards.recruit_threshold" = 0 }
            """)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try CLI.run(["sweep", "worlds/default.toml", "--fork-at", "100", "--arms", dir + "/arms.toml", "--replicates", "16",
                             "--ticks", "600", "--out", dir + "/out", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let arms = csv(dir + "/out/arms.csv")
        let h = arms[0]
        let thefts = arms.first { $0[1] == "many-guards" && $0[h.firstIndex(of: "outcome")!] == "thefts_total" }!
        let (diff, high) = (h.firstIndex(of: "difference")!, h.firstIndex(of: "ci_high")!)
        #expect(thefts[h.firstIndex(of: "method")!] == "paired")
        #expect(Double(thefts[diff])! < 0 && Double(thefts[high])! < 0, "thefts \(thefts[diff]), CI up to \(thefts[high])")
        let summary = csv(dir + "/out/summary.csv")
        #expect(summary.count == 1 + 32 && summary[0][3] == "arm" && summary[17][3] == "many-guards" && summary[17][1] == "0")
    }

    /// Outcomes are measured after the fork by default: the baseline arm's post-fork total is
    /// the plain run's total over N ticks minus its total over the T burn-in ticks (same seeds),
    /// and `--window whole` gives the plain N-tick totals themselves.
    @Test func forkOutcomesCoverThePostForkWindow() throws {
        let dir = try setUp("forkwindow", arms: """
            [[arm]]
            name = "status-quo"
            [[arm]]
            name = "many-guards"
            set = { "guards.count" = 30 }
            """)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let common = ["--replicates", "4", "--seed", "11", "--quiet"]
        for (t, name) in [("400", "whole"), ("200", "burn")] {
            let r = try CLI.run(["sweep", "worlds/default.toml", "--vary", "guards.count=6", "--seeds", "per-replicate", "--ticks", t,
                                 "--out", dir + "/" + name] + common)
            #expect(r.status == 0, "\(r.stderr)")
        }
        for w in ["post-fork", "whole"] {
            let r = try CLI.run(["sweep", "worlds/default.toml", "--fork-at", "200", "--arms", dir + "/arms.toml", "--ticks", "400",
                                 "--window", w, "--out", dir + "/fork-" + w] + common)
            #expect(r.status == 0, "\(r.stderr)")
        }
        func column(_ path: String, _ name: String, rows: Range<Int>) -> [Double] {
            let t = csv(path)
            let c = t[0].firstIndex(of: name)!
            return t[1...].prefix(rows.upperBound).dropFirst(rows.lowerBound).map { Double($0[c])! }
        }
        for outcome in ["thefts_total", "dumps_total", "arrests_total"] {
            let whole = column(dir + "/whole/summary.csv", outcome, rows: 0..<4), burn = column(dir + "/burn/summary.csv", outcome, rows: 0..<4)
            let post = column(dir + "/fork-post-fork/summary.csv", outcome, rows: 0..<4)
            let wholeFork = column(dir + "/fork-whole/summary.csv", outcome, rows: 0..<4)
            #expect(burn.reduce(0, +) > 0, "the burn-in holds \(outcome) events")
            #expect(post == zip(whole, burn).map { $0 - $1 }, "\(outcome): post-fork \(post), whole \(whole), burn-in \(burn)")
            #expect(wholeFork == whole, "\(outcome)")
        }
        let arms = csv(dir + "/fork-post-fork/arms.csv")
        let h = arms[0]
        let row = arms.first { $0[h.firstIndex(of: "outcome")!] == "thefts_total" }!
        #expect(h.suffix(3) == ["window", "from_tick", "to_tick"] && row.suffix(3) == ["post-fork", "201", "400"], "\(h) \(row)")
        let printed = try CLI.run(["compare", dir + "/fork-post-fork", "--baseline", "arm=status-quo"])
        #expect(printed.stdout.contains("outcomes over ticks 201–400 (after the fork at tick 200)"), "\(printed.stdout)")
    }

    /// An arm identical to the baseline differs by exactly zero everywhere: it continues the same
    /// state with the same random stream.
    func expectIdenticalArmIsZero(_ out: String) throws {
        let arms = csv(out + "/arms.csv")
        let h = arms[0]
        let (outcome, diff, low, high) = (h.firstIndex(of: "outcome")!, h.firstIndex(of: "difference")!,
                                          h.firstIndex(of: "ci_low")!, h.firstIndex(of: "ci_high")!)
        let outcomes = csv(out + "/summary.csv")[0].count - 5  // run, replicate, seed, arm, …, status
        #expect(h[1] == "arm" && arms.count == 1 + 2 * outcomes)
        for row in arms.dropFirst() where row[1] == "same" {
            #expect(row[diff] == "0" && row[low] == "0" && row[high] == "0", "\(row[outcome])")
        }
        let ticks = csv(out + "/arms_ticks.csv")
        #expect(ticks.count == 1 + 2 * 40 && ticks[1][0] == "21")
        for row in ticks.dropFirst() where row[1] == "same" { #expect(row.dropFirst(2).allSatisfy { $0 == "0" }) }
        for field in ["toxicity", "waste", "attractiveness"] {
            let same = try Data(contentsOf: URL(fileURLWithPath: out + "/delta/same_\(field).npy"))
            #expect(same.count == 128 + 64 * 64 * 4 && same.suffix(64 * 64 * 4).allSatisfy { $0 == 0 })
            #expect(FileManager.default.fileExists(atPath: out + "/delta/many-guards_\(field).npy"))
        }
    }

    @Test func forksAreByteIdenticalAcrossJobsShardsAndResume() throws {
        let dir = try setUp("forkjobs")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let args = ["sweep", "worlds/default.toml", "--fork-at", "20", "--arms", dir + "/arms.toml", "--replicates", "5",
                    "--ticks", "60", "--quiet"]
        #expect(try CLI.run(args + ["--jobs", "1", "--out", dir + "/one"]).status == 0)
        #expect(try CLI.run(args + ["--jobs", "2", "--out", dir + "/two"]).status == 0)
        for s in ["0/2", "1/2"] { #expect(try CLI.run(args + ["--shard", s, "--out", dir + "/sharded"]).status == 0) }
        let m = try CLI.run(["merge", dir + "/sharded"])
        #expect(m.status == 0, "\(m.stderr)")
        // A crash: two replicates and the outputs lost; the same command resumes.
        #expect(try CLI.run(args + ["--out", dir + "/resumed"]).status == 0)
        for f in ["forks/replicate_000001.bin", "forks/replicate_000004.bin", "summary.csv", "arms.csv"] {
            try FileManager.default.removeItem(atPath: dir + "/resumed/" + f)
        }
        #expect(try CLI.run(args + ["--out", dir + "/resumed"]).status == 0)
        for f in ["summary.csv", "points.csv", "arms.csv", "arms_ticks.csv", "delta/many-guards_toxicity.npy"] {
            let one = try Data(contentsOf: URL(fileURLWithPath: dir + "/one/" + f))
            #expect(!one.isEmpty)
            for other in ["two", "sharded", "resumed"] {
                #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/\(other)/" + f)) == one, "\(other)/\(f)")
            }
        }
        try expectIdenticalArmIsZero(dir + "/one")
    }

    @Test func badArmsFilesAreClearErrors() throws {
        let dir = CLI.tempDir("badarms")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let cases: [(String, String)] = [
            ("[[arm]]\nname = \"only\"\n", "a fork needs 2"),
            ("[[arm]]\nname = \"a\"\n[[arm]]\nname = \"a\"\n", "used twice"),
            ("[[arm]]\nname = \"a\"\n[[arm]]\nname = \"b\"\nset = { \"guards.cnt\" = 3 }\n", "unknown key"),
            ("[[arm]]\nname = \"a\"\n[[arm]]\nname = \"b\"\nset = { \"map.width\" = 30 }\n", "cannot change during a run"),
            ("[[arm]]\nname = \"a\"\n[[arm]]\nname = \"b c\"\n", "name must be"),
            ("[[arm]]\nname = \"a\"\n[[arm]]\nname = \"b\"\nset = { \"guards.count\" = -3 }\n", "guards.count"),
            ("[[arm]]\nname = \"a\"\ncolour = 3\n[[arm]]\nname = \"b\"\n", "unknown key 'colour'"),
            ("arms = 3\n", "unknown key 'arms'"),
        ]
        for (text, fragment) in cases {
            try text.write(toFile: dir + "/arms.toml", atomically: true, encoding: .utf8)
            let r = try CLI.run(["sweep", "--fork-at", "5", "--arms", dir + "/arms.toml", "--replicates", "2", "--ticks", "10", "--out", dir + "/o"])
            #expect(r.status == 2 && r.stderr.contains(dir + "/arms.toml") && r.stderr.contains(fragment), "\(text): \(r.stderr)")
        }
        try Self.arms.write(toFile: dir + "/arms.toml", atomically: true, encoding: .utf8)
        let late = try CLI.run(["sweep", "--fork-at", "10", "--arms", dir + "/arms.toml", "--replicates", "2", "--ticks", "10", "--out", dir + "/o"])
        #expect(late.status == 2 && late.stderr.contains("--fork-at must be in"))
        let withVary = try CLI.run(["sweep", "--fork-at", "5", "--arms", dir + "/arms.toml", "--vary", "guards.count=1,2", "--ticks", "10", "--out", dir + "/o"])
        #expect(withVary.status == 2 && withVary.stderr.contains("does not take --vary"))
    }
}
