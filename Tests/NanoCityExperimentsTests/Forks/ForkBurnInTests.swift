import Foundation
import Testing
import NanoCityEngine
import NanoCityIO
import NanoCityModel
import NanoCityAnalysis
@testable import NanoCityExperiments

/// A fork replicate's burn-in is checkpointed on disk while its arms run, and a later attempt
/// (after a kill or a requeue) starts from that file instead of running the burn-in again.
@Suite struct ForkBurnInTests {
    static func plan(_ dir: String) throws -> ForkPlan {
        let armsPath = dir + "/arms.toml"
        try "[[arm]]\nname = \"baseline\"\n[[arm]]\nname = \"more\"\nset = { \"guards.count\" = 9 }\n"
            .write(toFile: armsPath, atomically: true, encoding: .utf8)
        return try ForkPlan(world: try WorldFile.embeddedDefault(), worldPath: nil, arms: try ArmsFile(path: armsPath),
                            forkAt: 40, ticks: 60, replicates: 2, baseSeed: 7)
    }

    @Test func burnInIsCheckpointedAndReused() throws {
        let dir = NSTemporaryDirectory() + "nanocity-burnin-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir + "/forks", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let plan = try Self.plan(dir)
        let first = try #require(ForkRunner.burnIn(1, plan: plan, map: plan.map, directory: dir, shouldStop: { false }))
        let path = dir + "/" + ForkReplicate.burnInName(1)
        #expect(FileManager.default.fileExists(atPath: path) && FileManager.default.fileExists(atPath: path + ".outcome"))
        #expect(first.city.tick == 40)

        // Mark the saved outcome: if the second attempt returns the mark, it read the files.
        var marked = first.outcome
        marked.observe(Array(repeating: 123, count: MetricCatalog.all.count))
        try Data(marked.encoded()).write(to: URL(fileURLWithPath: path + ".outcome"))
        let second = try #require(ForkRunner.burnIn(1, plan: plan, map: plan.map, directory: dir, shouldStop: { false }))
        #expect(second.outcome.values == marked.values, "the burn-in was run again instead of read")
        var a = StateWriter(), b = StateWriter()
        first.city.encodeState(&a)
        second.city.encodeState(&b)
        #expect(a.bytes == b.bytes, "the restored state differs from the burned-in one")

        // A damaged checkpoint is not trusted: the burn-in runs again (and gives the first state).
        try Data("garbage".utf8).write(to: URL(fileURLWithPath: path))
        let third = try #require(ForkRunner.burnIn(1, plan: plan, map: plan.map, directory: dir, shouldStop: { false }))
        #expect(third.outcome.values == first.outcome.values)
    }

    /// A whole replicate from a saved burn-in equals one computed in one go.
    @Test func replicateFromSavedBurnInIsIdentical() throws {
        let dir = NSTemporaryDirectory() + "nanocity-burnin-rep-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir + "/forks", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let plan = try Self.plan(dir)
        let fresh = try #require(ForkRunner.replicate(0, plan: plan, map: plan.map, directory: dir + "/none", shouldStop: { false }))
        _ = try #require(ForkRunner.burnIn(0, plan: plan, map: plan.map, directory: dir, shouldStop: { false }))
        let resumed = try #require(ForkRunner.replicate(0, plan: plan, map: plan.map, directory: dir, shouldStop: { false }))
        #expect(fresh.encode() == resumed.encode())
    }

    /// `--reduce` on a fork: each arm's columns are the reducers over its ticks after the fork.
    @Test func reducersOnAForkCoverEachArmAfterTheFork() throws {
        let dir = NSTemporaryDirectory() + "nanocity-fork-reduce-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var plan = try Self.plan(dir)
        let columns = plan.outcomeColumns
        plan.reducers = try OutcomeReducer.parse(["toxicity_max:max", "toxicity_max:argmax", "waste_total:mean@45:50"], columns: columns, ticks: 60)
        _ = try ForkRunner.run(plan: plan, directory: dir + "/out", jobs: 2, shard: nil, force: false, shouldStop: { false })
        let lines = try String(contentsOfFile: dir + "/out/summary.csv", encoding: .utf8).split(separator: "\n")
        #expect(lines[0].hasSuffix(",toxicity_max_max,toxicity_max_argmax,waste_total_mean_45_50,status"))
        let t = columns.metrics.firstIndex(of: "toxicity_max")!, w = columns.metrics.firstIndex(of: "waste_total")!
        for r in 0..<2 {
            let rep = try #require(ForkRunner.replicate(r, plan: plan, map: plan.map, directory: dir + "/none", shouldStop: { false }))
            for (a, arm) in rep.arms.enumerated() {
                let n = columns.count
                let tox = stride(from: t, to: arm.rows.count, by: n).map { arm.rows[$0] }  // ticks 41…60
                let waste = stride(from: w, to: arm.rows.count, by: n).map { arm.rows[$0] }
                let fields = lines[1 + a * 2 + r].split(separator: ",", omittingEmptySubsequences: false).suffix(4).map(String.init)
                #expect(tox.count == 20)
                #expect(Double(fields[0]) == tox.max()!)
                #expect(Int(fields[1]) == 41 + tox.firstIndex(of: tox.max()!)!)
                #expect(Double(fields[2]) == waste[4...9].reduce(0, +) / 6)  // ticks 45…50
            }
        }
    }
}
