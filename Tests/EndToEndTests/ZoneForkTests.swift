import Foundation
import NanoCityIO
import Testing

/// Place-based forks on `worlds/industrial.toml`: the displacement rows, the per-cell event
/// maps and the ring profile agree with the city totals; an arm that changes nothing has zero
/// effects and an undefined quotient; shards merge to the same bytes.
@Suite struct ZoneForkTests {
    static let arms = """
        [[arm]]
        name = "baseline"
        set = { "guards.recruit_threshold" = 0 }
        [[arm]]
        name = "same"
        set = { "guards.recruit_threshold" = 0 }
        [[arm]]
        name = "redeploy"
        set = { "zones.industrial.guards" = 4, "guards.recruit_threshold" = 0 }
        """

    func csv(_ path: String) -> [[String]] { CLI.csv(path) }

    func npy(_ path: String) throws -> [Float] {
        let d = try Data(contentsOf: URL(fileURLWithPath: path))
        return d.suffix(64 * 64 * 4).withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    }

    @Test func displacementRowsRingsAndMapsAddUp() throws {
        let dir = CLI.tempDir("zonefork")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.arms.write(toFile: dir + "/arms.toml", atomically: true, encoding: .utf8)
        let args = ["sweep", "worlds/industrial.toml", "--fork-at", "50", "--arms", dir + "/arms.toml", "--replicates", "4", "--ticks", "250"]
        let r = try CLI.run(args + ["--out", dir + "/out"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("where crime went") && r.stdout.contains("quotient"))
        let out = dir + "/out"
        let arms = csv(out + "/arms.csv"), h = arms[0]
        let (o, diff, low, high) = (h.firstIndex(of: "outcome")!, h.firstIndex(of: "difference")!, h.firstIndex(of: "ci_low")!, h.firstIndex(of: "ci_high")!)
        func row(_ arm: String, _ outcome: String) -> [String] { arms.first { $0[1] == arm && $0[o] == outcome }! }
        func d(_ arm: String, _ outcome: String) -> Double { Double(row(arm, outcome)[diff])! }
        for m in ["thefts", "dumps", "arrests"] {
            // An arm that changes nothing: every effect 0 with a [0, 0] interval, the quotient undefined.
            for part in ["target", "buffer", "rest", "net"] {
                let x = row("same", "displacement.industrial.\(m).\(part)")
                #expect(x[diff] == "0" && x[low] == "0" && x[high] == "0", "\(m).\(part): \(x)")
            }
            let q = row("same", "displacement.industrial.\(m).quotient")
            #expect(q[h.firstIndex(of: "method")!] == "fieller" && q[diff] == "" && q[low] == "" && q[high] == "")
            // target + buffer + rest is the whole city; net is target + buffer.
            let (t, b, rest, net) = (d("redeploy", "displacement.industrial.\(m).target"), d("redeploy", "displacement.industrial.\(m).buffer"),
                                     d("redeploy", "displacement.industrial.\(m).rest"), d("redeploy", "displacement.industrial.\(m).net"))
            let city = d("redeploy", "\(m)_total")
            #expect(abs(t + b + rest - city) < 1e-9 && abs(t + b - net) < 1e-9, "\(m): \(t) + \(b) + \(rest) vs \(city)")
            #expect(abs(t - d("redeploy", "zone.industrial.\(m)_total")) < 1e-9)
            // The per-cell event map sums to the city's difference; the rings too, ring 0 to the target's.
            let map = try npy(out + "/delta/redeploy_\(m).npy")
            #expect(abs(map.reduce(0) { $0 + Double($1) } - city) < 1e-3)
            let rings = csv(out + "/rings.csv").filter { $0[0] == "redeploy" && $0[1] == "industrial" && $0[2] == m }
            #expect(rings.count == 17 && rings[0][4] == "target" && rings[16][4] == "16+")
            #expect(abs(rings.map { Double($0[7])! }.reduce(0, +) - city) < 1e-9)
            #expect(abs(Double(rings[0][7])! - t) < 1e-9 && rings[0][5] == String(31 * 31))
        }
        let zones = try npy(out + "/zones.npy")
        #expect(zones.filter { $0 == 1 }.count == 31 * 31 && zones.allSatisfy { $0 == 0 || $0 == 1 })

        // Sharded and merged: the same bytes.
        for s in ["0/2", "1/2"] { #expect(try CLI.run(args + ["--shard", s, "--out", dir + "/sharded", "--quiet"]).status == 0) }
        let m = try CLI.run(["merge", dir + "/sharded"])
        #expect(m.status == 0, "\(m.stderr)")
        for f in ["arms.csv", "rings.csv", "zones.npy", "delta/redeploy_dumps.npy", "summary.csv"] {
            #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/" + f)) == Data(contentsOf: URL(fileURLWithPath: dir + "/sharded/" + f)), "\(f)")
        }
        // The report draws the zone sections.
        #expect(try CLI.run(["report", out]).status == 0)
        let html = CLI.read(out + "/report.html")
        #expect(html.contains("Place-based effects") && html.contains("Ring profile") && html.contains("redeploy: dumps"))
    }

    /// `patterns RUN --before --after`: wdq.csv recomputed from the run's metrics.csv by hand.
    @Test func periodWDQMatchesTheMetrics() throws {
        let dir = CLI.tempDir("zonewdq")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let world = CLI.read(CLI.repoRoot + "/worlds/industrial.toml")
            + "\n[[schedule]]\ntick = 101\nset = { \"guards.count\" = 12, \"zones.industrial.guards\" = 6 }\n"
        try world.write(toFile: dir + "/w.toml", atomically: true, encoding: .utf8)
        #expect(try CLI.run(["run", dir + "/w.toml", "--ticks", "200", "--out", dir + "/run"]).status == 0)
        let r = try CLI.run(["patterns", dir + "/run", "--before", "1:100", "--after", "101:200"])
        #expect(r.status == 0, "\(r.stderr)")
        let m = csv(dir + "/run/metrics.csv"), h = m[0]
        func total(_ col: String, _ ticks: ClosedRange<Int>) -> Double {
            let c = h.firstIndex(of: col)!
            return m.dropFirst().filter { ticks.contains(Int($0[0])!) }.map { Double($0[c])! }.reduce(0, +)
        }
        let rows = csv(dir + "/run/patterns/wdq.csv"), wh = rows[0]
        let dumps = rows.first { $0[0] == "industrial" && $0[1] == "dumps" }!
        func cell(_ n: String) -> String { dumps[wh.firstIndex(of: n)!] }
        let (rb, ra) = (total("zone.industrial.dumps", 1...100), total("zone.industrial.dumps", 101...200))
        let (bb, ba) = (total("zone.industrial.buffer.dumps", 1...100), total("zone.industrial.buffer.dumps", 101...200))
        let (cb, ca) = (total("dumps", 1...100) - rb - bb, total("dumps", 101...200) - ra - ba)
        #expect(Double(cell("target_before")) == rb && Double(cell("control_after")) == ca)
        let wdq = (ba / ca - bb / cb) / (ra / ca - rb / cb)
        #expect(abs(Double(cell("wdq"))! - wdq) < 1e-9 * max(1, abs(wdq)))
        let tne = (rb * ca / cb - ra) + (bb * ca / cb - ba)
        #expect(abs(Double(cell("total_net_effect"))! - tne) < 1e-9 * max(1, abs(tne)))
        for bad in [["--before", "1:150", "--after", "100:200"], ["--before", "1:100", "--after", "101:900"], ["--before", "1:100"], ["--before", "x", "--after", "1:2"],
                    ["--before", "101:200", "--after", "1:100"], ["--before", "1:+5", "--after", "6:9"], ["--before", "0:5", "--after", "6:9"],
                    ["--before", "1:5", "--after", "6:9223372036854775807"], ["--before", "1:5", "--after", "6:9", "--kind", "theft"]] {
            let b = try CLI.run(["patterns", dir + "/run"] + bad)
            #expect(b.status != 0 && !b.stderr.isEmpty, "\(bad)")
        }
    }

    /// `patterns --events --zones --before --after`: the WDQ of observed incidents against a
    /// hand computation (target 10 → 4, buffer 5 → 8, control 20 → 25:
    /// WDQ = (8/25 − 5/20) / (4/25 − 10/20) = −0.07/0.34, TNE = 8.5 − 1.75 = 6.75).
    @Test func observedWDQMatchesAHandComputation() throws {
        let dir = CLI.tempDir("zoneobs")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var rows = ["x,y,date", "50,50,2022-06-01", "950,950,2022-06-01"]  // span the 10 × 10 grid of 100 m cells
        func add(_ n: Int, _ x: Int, _ y: Int, _ date: String) { for _ in 0..<n { rows.append("\(x),\(y),\(date)") } }
        add(10, 250, 250, "2023-01-05"); add(5, 350, 250, "2023-02-01"); add(20, 850, 850, "2023-03-01")
        add(4, 250, 250, "2023-07-05"); add(8, 150, 350, "2023-08-01"); add(25, 850, 850, "2023-09-01")
        try rows.joined(separator: "\n").write(toFile: dir + "/incidents.csv", atomically: true, encoding: .utf8)
        // Cell (2, 7) in grid coordinates (row 0 the north): metres 200–300 east, 200–300 north.
        try "[[zone]]\nname = \"spot\"\ncells = [[2, 7]]\nbuffer = 1\n".write(toFile: dir + "/zones.toml", atomically: true, encoding: .utf8)
        let r = try CLI.run(["patterns", "--events", dir + "/incidents.csv", "--x", "x", "--y", "y", "--time", "date", "--zones", dir + "/zones.toml",
                             "--before", "2023-01-01..2023-06-30", "--after", "2023-07-01..2023-12-31", "--out", dir + "/out"])
        #expect(r.status == 0, "\(r.stderr)")
        let w = csv(dir + "/out/wdq.csv"), h = w[0], row = w[1]
        func v(_ n: String) -> Double { Double(row[h.firstIndex(of: n)!])! }
        #expect(v("target_before") == 10 && v("target_after") == 4 && v("buffer_before") == 5 && v("buffer_after") == 8)
        #expect(v("control_before") == 20 && v("control_after") == 25)
        #expect(abs(v("wdq") - (-0.07 / 0.34)) < 1e-12 && abs(v("total_net_effect") - 6.75) < 1e-12)
        let bad = try CLI.run(["patterns", "--events", dir + "/incidents.csv", "--x", "x", "--y", "y", "--time", "date",
                               "--before", "2023-01-01..2023-06-30", "--after", "2023-07-01..2023-12-31"])
        #expect(bad.status != 0 && bad.stderr.contains("--zones"))
    }

    /// Zone levers name declared zones wherever they are given.
    @Test func undeclaredNamesAreRefusedEverywhere() throws {
        let dir = CLI.tempDir("zonebad")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "[[arm]]\nname = \"a\"\n[[arm]]\nname = \"b\"\nset = { \"zones.harbour.guards\" = 2 }\n".write(toFile: dir + "/arms.toml", atomically: true, encoding: .utf8)
        let cases: [[String]] = [
            ["run", "worlds/industrial.toml", "--set", "zones.harbour.guards=2", "--ticks", "1", "--out", dir + "/r"],
            ["sweep", "worlds/industrial.toml", "--vary", "zones.harbour.guards=1,2", "--ticks", "1", "--out", dir + "/s"],
            ["sweep", "worlds/industrial.toml", "--fork-at", "1", "--ticks", "2", "--arms", dir + "/arms.toml", "--out", dir + "/f"],
            ["run", "--set", "zones.industrial.guards=2", "--ticks", "1", "--out", dir + "/d"],
        ]
        for c in cases {
            let r = try CLI.run(c)
            #expect(r.status != 0 && r.stderr.contains("no [[zone]] is named"), "\(c): \(r.stderr)")
            #expect(!r.stderr.contains("Fatal"))
        }
        // Arms type their values as world files do: a quoted number is a string, refused.
        try "[[arm]]\nname = \"a\"\n[[arm]]\nname = \"b\"\nset = { \"zones.industrial.guards\" = \"3\" }\n".write(toFile: dir + "/quoted.toml", atomically: true, encoding: .utf8)
        let quoted = try CLI.run(["sweep", "worlds/industrial.toml", "--fork-at", "1", "--ticks", "2", "--arms", dir + "/quoted.toml", "--out", dir + "/q"])
        #expect(quoted.status != 0 && quoted.stderr.contains("quoted.toml:5") && quoted.stderr.contains("without quotes"), "\(quoted.stderr)")
        let r = try CLI.run(["map", "export", "worlds/industrial.toml", "--out", dir + "/m.png", "--zones", dir + "/z.png"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir + "/z.png"))
        let none = try CLI.run(["map", "export", "--out", dir + "/m2.png", "--zones", dir + "/z2.png"])
        #expect(none.status != 0 && none.stderr.contains("declares no [[zone]]"))
        let same = try CLI.run(["map", "export", "worlds/industrial.toml", "--out", dir + "/s.png", "--zones", dir + "/./s.png"])
        #expect(same.status != 0 && !FileManager.default.fileExists(atPath: dir + "/s.png"))
        // A zones file that cannot be written leaves no map either.
        let half = try CLI.run(["map", "export", "worlds/industrial.toml", "--out", dir + "/h.png", "--zones", dir + "/missing/z.png"])
        #expect(half.status != 0 && !FileManager.default.fileExists(atPath: dir + "/h.png"), "\(half.stderr)")
    }

    /// A fork resumed (or merged) after its mask changed is refused: the plan records the
    /// zones' cells.
    @Test func aChangedMaskIsRefusedOnResume() throws {
        let dir = CLI.tempDir("zonemask")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        func mask(_ x1: Int) throws {
            var px = [UInt8](repeating: 0, count: 64 * 64 * 3)
            for y in 2...5 { for x in 2...x1 { px[3 * (y * 64 + x)] = 255 } }
            try PNGImage(width: 64, height: 64, pixels: px).write(path: dir + "/mask.png")
        }
        try mask(5)
        try (CLI.read(CLI.repoRoot + "/worlds/industrial.toml").replacingOccurrences(of: "rect = [33, 1, 63, 31]   # x0, y0, x1, y1, both ends included", with: "mask = \"mask.png\"\ncolour = \"#ff0000\""))
            .write(toFile: dir + "/w.toml", atomically: true, encoding: .utf8)
        try Self.arms.write(toFile: dir + "/arms.toml", atomically: true, encoding: .utf8)
        let args = ["sweep", dir + "/w.toml", "--fork-at", "5", "--arms", dir + "/arms.toml", "--replicates", "2", "--ticks", "10", "--out", dir + "/f", "--quiet"]
        #expect(try CLI.run(args).status == 0)
        // A capsule keeps the mask beside the world file, and verifies (into a one-letter folder).
        #expect(try CLI.run(["run", dir + "/w.toml", "--ticks", "20", "--out", dir + "/r", "--quiet"]).status == 0)
        let c = try CLI.run(["capsule", dir + "/r", "--out", "c.tar.gz"], cwd: dir)
        #expect(c.status == 0, "\(c.stderr)")
        let v = try CLI.run(["verify", dir + "/c.tar.gz"])
        #expect(v.status == 0 && v.stdout.contains("verified"), "\(v.stdout) \(v.stderr)")
        try mask(9)
        let again = try CLI.run(args)
        #expect(again.status != 0, "\(again.stdout)")
    }
}
