import Foundation
import Testing

/// `sweep --fork-at T --arms A --posterior posterior.csv --draws K`: replicate r runs at a
/// draw from the posterior's last generation.
@Suite struct PosteriorForkTests {
    static let arms = """
        [[arm]]
        name = "baseline"
        set = { "guards.recruit_threshold" = 0 }
        [[arm]]
        name = "more"
        set = { "guards.count" = 12, "guards.recruit_threshold" = 0 }
        """

    /// Generation 0 is not the posterior (its particles must never be drawn); generation 1 is.
    static func posterior(weights: [String]) -> String {
        "generation,particle,weight,distance,crew.dump_prob,guards.arrest_prob\n"
            + "0,0,0.5,3,0.9,0.9\n0,1,0.5,3,0.9,0.9\n"
            + "1,0,\(weights[0]),1,0.01,0.2\n1,1,\(weights[1]),1,0.2,0.6\n1,2,\(weights[2]),1,0.08,0.4\n"
    }

    func setUp(_ name: String, weights: [String] = ["0.2", "0.3", "0.5"]) throws -> String {
        let dir = CLI.tempDir(name)
        try Self.arms.write(toFile: dir + "/arms.toml", atomically: true, encoding: .utf8)
        try Self.posterior(weights: weights).write(toFile: dir + "/posterior.csv", atomically: true, encoding: .utf8)
        return dir
    }

    /// Summary rows without the run, replicate and seed columns.
    func outcomeCells(_ path: String) -> [[String]] { CLI.csv(path).map { Array($0.dropFirst(3)) } }

    /// A posterior that is one particle is the fixed-parameter fork at that particle's values,
    /// byte for byte: the draw reaches the burn-in and every arm.
    @Test func aOnePointPosteriorIsTheForkAtThatPoint() throws {
        let dir = try setUp("postfork-point", weights: ["0", "1", "0"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let common = ["sweep", "worlds/default.toml", "--fork-at", "20", "--arms", dir + "/arms.toml", "--ticks", "60", "--quiet"]
        let post = try CLI.run(common + ["--posterior", dir + "/posterior.csv", "--draws", "4", "--out", dir + "/post"])
        #expect(post.status == 0, "\(post.stderr)")
        let fixed = try CLI.run(common + ["--replicates", "4", "--set", "crew.dump_prob=0.2", "--set", "guards.arrest_prob=0.6", "--out", dir + "/fixed"])
        #expect(fixed.status == 0, "\(fixed.stderr)")
        let plain = try CLI.run(common + ["--replicates", "4", "--out", dir + "/plain"])
        #expect(plain.status == 0)
        #expect(outcomeCells(dir + "/post/summary.csv") == outcomeCells(dir + "/fixed/summary.csv"))
        #expect(outcomeCells(dir + "/post/summary.csv") != outcomeCells(dir + "/plain/summary.csv"), "the draws changed nothing")
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(CLI.read(dir + "/post/sweep.json").utf8)) as? [String: Any])
        let draws = try #require(plan["posterior_draws"] as? [[Any]])
        #expect(draws.count == 4 && draws.allSatisfy { ($0[0] as? Int) == 1 && ($0[1] as? Double) == 0.2 })
        #expect(plan["posterior_generation"] as? Int == 1)
    }

    /// The draws spread by weight over the last generation, and the fork is byte-identical across
    /// job counts, shards and a resume; its capsule verifies without the posterior file.
    @Test func drawsAreByWeightAndTheForkIsReproducible() throws {
        let dir = try setUp("postfork-jobs")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let args = ["sweep", "worlds/default.toml", "--fork-at", "10", "--arms", dir + "/arms.toml", "--ticks", "30",
                    "--posterior", dir + "/posterior.csv", "--draws", "6", "--quiet"]
        #expect(try CLI.run(args + ["--jobs", "1", "--out", dir + "/one"]).status == 0)
        #expect(try CLI.run(args + ["--jobs", "2", "--out", dir + "/two"]).status == 0)
        for s in ["0/2", "1/2"] { #expect(try CLI.run(args + ["--shard", s, "--out", dir + "/sharded"]).status == 0) }
        #expect(try CLI.run(["merge", dir + "/sharded"]).status == 0)
        #expect(try CLI.run(args + ["--out", dir + "/resumed"]).status == 0)
        for f in ["forks/replicate_000002.bin", "summary.csv", "arms.csv"] { try FileManager.default.removeItem(atPath: dir + "/resumed/" + f) }
        #expect(try CLI.run(args + ["--out", dir + "/resumed"]).status == 0)
        for f in ["summary.csv", "arms.csv", "sweep.json"] {
            let one = try Data(contentsOf: URL(fileURLWithPath: dir + "/one/" + f))
            for other in ["two", "sharded", "resumed"] {
                #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/\(other)/" + f)) == one, "\(other)/\(f)")
            }
        }
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(CLI.read(dir + "/one/sweep.json").utf8)) as? [String: Any])
        let particles = try #require(plan["posterior_draws"] as? [[Any]]).compactMap { $0[0] as? Int }
        #expect(particles.count == 6 && Set(particles).count >= 2 && particles.allSatisfy { (0...2).contains($0) })
        #expect(try CLI.run(["capsule", dir + "/one", "--out", dir + "/cap"]).status == 0)
        let v = try CLI.run(["verify", dir + "/cap"])
        #expect(v.status == 0 && v.stdout.contains("12 of 12 arm rows"), "\(v.stdout)\(v.stderr)")
    }

    @Test func badPosteriorsAreClearErrors() throws {
        let dir = try setUp("postfork-bad")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let base = ["sweep", "--fork-at", "5", "--arms", dir + "/arms.toml", "--ticks", "10", "--out", dir + "/o"]
        let file = dir + "/p.csv"
        let cases: [(String, String)] = [
            ("run,value\n1,2\n", "not a posterior.csv"),
            ("generation,particle,weight,distance,map.width\n0,0,1,0,40\n", "map.*"),
            ("generation,particle,weight,distance,guards.cnt\n0,0,1,0,4\n", "guards.cnt"),
            ("generation,particle,weight,distance,crew.dump_prob\n0,0,0,0,0.1\n", "weights sum to 0"),
            ("generation,particle,weight,distance,crew.dump_prob\n0,0,1,0,abc\n", "p.csv:2"),
            ("generation,particle,weight,distance,crew.dump_prob\n0,0,1,0,7\n", "crew.dump_prob"),
            ("generation,particle,weight,distance,crew.dump_prob\n", "holds no particles"),
        ]
        for (text, fragment) in cases {
            try text.write(toFile: file, atomically: true, encoding: .utf8)
            let r = try CLI.run(base + ["--posterior", file, "--draws", "3"])
            #expect(r.status == 2 && r.stderr.contains(fragment), "\(text): \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir + "/o/summary.csv"))
        }
        let alone = try CLI.run(base + ["--draws", "3"])
        #expect(alone.status == 2 && alone.stderr.contains("go together"), "\(alone.stderr)")
        let both = try CLI.run(base + ["--posterior", dir + "/posterior.csv", "--draws", "3", "--replicates", "5"])
        #expect(both.status == 2 && both.stderr.contains("one replicate per draw"), "\(both.stderr)")
        let one = try CLI.run(base + ["--posterior", dir + "/posterior.csv", "--draws", "1"])
        #expect(one.status == 2 && one.stderr.contains("--draws must be"), "\(one.stderr)")
        let noFork = try CLI.run(["sweep", "--vary", "guards.count=1,2", "--posterior", dir + "/posterior.csv", "--draws", "3", "--ticks", "5", "--out", dir + "/o"])
        #expect(noFork.status == 2 && noFork.stderr.contains("go with --fork-at"), "\(noFork.stderr)")
    }
}
