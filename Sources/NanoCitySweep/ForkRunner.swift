import Foundation
import NanoCityIO
import NanoCityModel
import Synchronization

/// Runs a fork's replicates in parallel (one replicate per worker at a time: its burn-in,
/// then every arm from a copy of that state), writing one `forks/replicate_NNNNNN.bin` per
/// replicate; when all are there, `ForkReport` writes summary.csv, points.csv, arms.csv,
/// arms_ticks.csv and delta/.
public enum ForkRunner {
    public static func run(plan: ForkPlan, directory: String, jobs: Int, shard: Shard?, force: Bool,
                           shouldStop: @escaping @Sendable () -> Bool = { RunInterrupt.requested },
                           report: @escaping @Sendable (RunReport) -> Void = { _ in }) throws(SweepError) -> SweepResult {
        let dir = shard.map { directory + "/" + $0.folder } ?? directory
        let lock = try SweepLock(directory: dir)
        defer { withExtendedLifetime(lock) {} }
        try SweepRunner.prepare(dir, planText: plan.json().rendered() + "\n", force: force)
        do { try FileManager.default.createDirectory(atPath: dir + "/forks", withIntermediateDirectories: true) } catch {
            throw .io(path: dir + "/forks", message: "\(error)")
        }
        let map = plan.map
        let mine = shard?.runs(of: plan.replicates) ?? Array(0..<plan.replicates)
        let rows = plan.ticks - plan.forkAt, cells = map.size.count
        let todo = mine.filter {
            ForkReplicate.read(path: dir + "/" + ForkReplicate.fileName($0), arms: plan.arms.arms.count, rows: rows, cells: cells) == nil
        }
        let alreadyDone = mine.count - todo.count
        struct Shared { var error: SweepError?; var done: Int; var ran = 0; var failed = 0 }
        let state = Mutex(Shared(done: alreadyDone))
        WorkerPool.run(tasks: todo.count, jobs: jobs, keepGoing: { !shouldStop() && state.withLock { $0.error == nil } }) { t in
            let r = todo[t]
            let start = ContinuousClock.now
            guard let result = replicate(r, plan: plan, map: map, shouldStop: shouldStop) else { return false }
            let path = dir + "/" + ForkReplicate.fileName(r)
            do throws(OutputError) { try BufferedFile.writeAtomically(result.encode(), to: path) } catch {
                state.withLock { $0.error = .io(path: path, message: error.message) }
                return false
            }
            let failed = result.arms.contains { $0.status != .complete }
            let wall = (ContinuousClock.now - start).inSeconds
            let rep = state.withLock { s in
                s.done += 1; s.ran += 1
                if failed { s.failed += 1 }
                return RunReport(run: SweepPlan.Run(index: r, point: 0, replicate: r, seed: plan.seed(replicate: r)),
                                 status: failed ? .failed("an arm failed") : .complete, wallSeconds: wall, done: s.done, total: mine.count)
            }
            report(rep)
            return true
        }
        let final = state.withLock { $0 }
        if let e = final.error { throw e }
        let complete = alreadyDone + final.ran == mine.count
        if complete && shard == nil { try ForkReport.write(plan.layout, directory: dir, replicateDirectories: [dir]) }
        return SweepResult(directory: dir, total: mine.count, alreadyDone: alreadyDone, ran: final.ran, failed: final.failed,
                           interrupted: !complete)
    }

    /// One replicate: the burn-in once, then each arm from a copy of its state; nil when stopped.
    static func replicate(_ r: Int, plan: ForkPlan, map: CityMap, shouldStop: () -> Bool) -> ForkReplicate? {
        var outcome = RunOutcome()
        var burned = City(map: map, parameters: plan.world.parameters, seed: plan.seed(replicate: r))
        let status = RunLoop.run(&burned, to: plan.forkAt, recorders: [MetricsObserver { outcome.observe($0) }], shouldStop: shouldStop)
        if status.isInterrupted { return nil }
        var arms: [ForkReplicate.Arm] = []
        for a in plan.arms.arms.indices {
            var city = burned  // a value copy: the fork
            if let e = plan.entry(arm: a) { city.params.schedule.append(e) }
            var o = outcome
            var rows: [Double] = []
            rows.reserveCapacity((plan.ticks - plan.forkAt) * MetricCatalog.all.count)
            let s = RunLoop.run(&city, to: plan.ticks, recorders: [MetricsObserver { o.observe($0); rows += $0 }],
                                recordStart: false, shouldStop: shouldStop)
            if s.isInterrupted { return nil }
            let fields = [city.toxicity, city.waste, city.attractiveness].map(\.values)
            arms.append(ForkReplicate.Arm(outcomes: o.values, status: s, rows: rows, fields: fields))
        }
        return ForkReplicate(arms: arms)
    }
}
