import Foundation
import Testing

/// `compare --by KEY`: each level of KEY against its own baseline, then pooled by random effects.
@Suite struct CompareByTests {
    func csv(_ path: String) -> [[String]] { CLI.csv(path) }

    @Test func threeLayoutsArePairedWithinAndPooledAcross() throws {
        let dir = CLI.tempDir("compareby")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try CLI.run(["sweep", "worlds/default.toml", "--vary", "map.seed=1,2,3", "--vary", "guards.count=4,12",
                             "--set", "guards.recruit_threshold=0", "--replicates", "4", "--seeds", "per-replicate", "--ticks", "150",
                             "--out", dir + "/s", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        // One baseline would match three points: the message says how to split.
        let plain = try CLI.run(["compare", dir + "/s", "--baseline", "guards.count=4"])
        #expect(plain.status == 2 && plain.stderr.contains("matches 3 points") && plain.stderr.contains("--by map.seed"), "\(plain.stderr)")
        let c = try CLI.run(["compare", dir + "/s", "--baseline", "guards.count=4", "--by", "map.seed", "--outcome", "thefts_total"])
        #expect(c.status == 0, "\(c.stderr)")
        #expect(c.stdout.contains("at each map.seed (3 levels)") && c.stdout.contains("pooled over map.seed"), "\(c.stdout)")
        let rows = csv(dir + "/s/compare.csv"), h = rows[0]
        let (seed, outcome, diff) = (h.firstIndex(of: "map.seed")!, h.firstIndex(of: "outcome")!, h.firstIndex(of: "difference")!)
        let perLevel = rows.dropFirst().filter { $0[outcome] == "dumps_total" }
        #expect(perLevel.map { $0[seed] } == ["1", "2", "3"], "one row per layout, each against its own baseline")
        let pooled = csv(dir + "/s/compare_pooled.csv"), ph = pooled[0]
        let row = try #require(pooled.first { $0[ph.firstIndex(of: "outcome")!] == "dumps_total" })
        #expect(row[ph.firstIndex(of: "levels")!] == "3" && row[ph.firstIndex(of: "pairs")!] == "12" && row[ph.firstIndex(of: "pooling")!] == "pm")
        // A weighted mean of the levels lies between the smallest and the largest of them.
        let levels = perLevel.map { Double($0[diff])! }, estimate = Double(row[ph.firstIndex(of: "difference")!])!
        #expect(levels.min()! <= estimate && estimate <= levels.max()!, "\(estimate) outside \(levels)")
        let (low, high) = (Double(row[ph.firstIndex(of: "ci_low")!])!, Double(row[ph.firstIndex(of: "ci_high")!])!)
        #expect(low < estimate && estimate < high)
        let bad = try CLI.run(["compare", dir + "/s", "--baseline", "guards.count=4,map.seed=1", "--by", "map.seed"])
        #expect(bad.status == 2 && bad.stderr.contains("--by splits by"))
        let unknown = try CLI.run(["compare", dir + "/s", "--baseline", "guards.count=4", "--by", "crew.count"])
        #expect(unknown.status == 2 && unknown.stderr.contains("not varied"))
    }
}
