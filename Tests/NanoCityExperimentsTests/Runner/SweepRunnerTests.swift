import Foundation
import Synchronization
import Testing
@testable import NanoCityIO
import NanoCityAnalysis
@testable import NanoCityExperiments

@Suite struct SweepRunnerTests {
    static let world = try! WorldFile.embeddedDefault()

    func plan() throws -> SweepPlan {
        try SweepPlan(world: Self.world, worldPath: nil,
                      axes: [try SweepAxis.parse("guards.count=0,8"), try SweepAxis.parse("sensors.density=0:0.1:0.1")],
                      replicates: 3, baseSeed: 9, ticks: 40)
    }

    func tempDir(_ tag: String) -> String {
        NSTemporaryDirectory() + "nanocity-sweep-\(tag)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }

    func summary(_ dir: String) -> String { (try? String(contentsOfFile: dir + "/summary.csv", encoding: .utf8)) ?? "" }

    @Test func summaryIsIdenticalForJobsOneTwoAndMergedShards() throws {
        let p = try plan()
        let a = tempDir("j1"), b = tempDir("j2"), c = tempDir("sh")
        defer { for d in [a, b, c] { try? FileManager.default.removeItem(atPath: d) } }
        _ = try SweepRunner.run(plan: p, directory: a, jobs: 1, shard: nil, force: false, shouldStop: { false })
        _ = try SweepRunner.run(plan: p, directory: b, jobs: 2, shard: nil, force: false, shouldStop: { false })
        _ = try SweepRunner.run(plan: p, directory: c, jobs: 2, shard: try Shard(index: 1, count: 2), force: false, shouldStop: { false })
        _ = try SweepRunner.run(plan: p, directory: c, jobs: 1, shard: try Shard(index: 0, count: 2), force: false, shouldStop: { false })
        _ = try SweepMerge.merge(inputs: [c], output: nil)
        let reference = summary(a)
        #expect(reference.split(separator: "\n").count == 1 + p.runCount)
        #expect(summary(b) == reference)
        #expect(summary(c) == reference)
        // Replicates differ from one another (distinct seeds give distinct runs).
        let rows = reference.split(separator: "\n").dropFirst().map { $0.split(separator: ",").dropFirst(3) }
        #expect(rows[0] != rows[1])
    }

    @Test func aStoppedSweepResumesToTheSameSummary() throws {
        let p = try plan()
        let full = tempDir("full"), cut = tempDir("cut")
        defer { for d in [full, cut] { try? FileManager.default.removeItem(atPath: d) } }
        _ = try SweepRunner.run(plan: p, directory: full, jobs: 2, shard: nil, force: false, shouldStop: { false })
        // One job asks before each run, so it stops after exactly five (no timing involved).
        let finished = Atomic<Int>(0)
        let first = try SweepRunner.run(plan: p, directory: cut, jobs: 1, shard: nil, force: false,
                                        shouldStop: { finished.load(ordering: .relaxed) >= 5 },
                                        report: { _ in finished.add(1, ordering: .relaxed) })
        #expect(first.interrupted && first.ran == 5)
        #expect(summary(cut) != summary(full))
        // Simulate a crash mid-write: a partial row after the valid prefix.
        let h = FileHandle(forWritingAtPath: cut + "/summary.csv")!
        h.seekToEndOfFile(); h.write("999,0,12345,0,0.0,1.5".data(using: .utf8)!); h.closeFile()
        let second = try SweepRunner.run(plan: p, directory: cut, jobs: 2, shard: nil, force: false, shouldStop: { false })
        #expect(!second.interrupted)
        #expect(second.alreadyDone == 5)
        #expect(second.alreadyDone + second.ran == p.runCount)
        #expect(summary(cut) == summary(full))
    }

    @Test func aDifferentSweepInTheSameDirectoryIsRefused() throws {
        let dir = tempDir("conflict")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try SweepRunner.run(plan: try plan(), directory: dir, jobs: 1, shard: nil, force: false, shouldStop: { false })
        let other = try SweepPlan(world: Self.world, worldPath: nil, axes: [try SweepAxis.parse("guards.count=1,2")],
                                  replicates: 1, baseSeed: 9, ticks: 5)
        #expect(throws: SweepError.self) {
            try SweepRunner.run(plan: other, directory: dir, jobs: 1, shard: nil, force: false, shouldStop: { false })
        }
    }

    @Test func mergeRefusesIncompleteShards() throws {
        let p = try plan()
        let dir = tempDir("incomplete")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try SweepRunner.run(plan: p, directory: dir, jobs: 1, shard: try Shard(index: 0, count: 3), force: false, shouldStop: { false })
        #expect(throws: SweepError.self) { try SweepMerge.merge(inputs: [dir], output: nil) }
    }
}
