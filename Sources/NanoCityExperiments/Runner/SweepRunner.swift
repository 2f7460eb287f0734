import Dispatch
import Foundation
import NanoCityEngine
import NanoCityIO
import NanoCityModel
import Synchronization
import NanoCityAnalysis

/// Runs a plan's runs (or one shard's) in parallel, streaming `summary.csv` in run order.
public enum SweepRunner {
    public static func run(plan: SweepPlan, directory: String, jobs: Int, shard: Shard?, force: Bool,
                           shouldStop: @escaping @Sendable () -> Bool = { RunInterrupt.requested },
                           report: @escaping @Sendable (RunProgress) -> Void = { _ in }) throws(SweepError) -> SweepResult {
        if plan.precision != nil {
            return try runUntilPrecise(plan: plan, directory: directory, jobs: jobs, shard: shard, force: force,
                                       shouldStop: shouldStop, report: report)
        }
        let dir = shard.map { directory + "/" + $0.folder } ?? directory
        let lock = try OutputLock.sweep(dir)
        defer { withExtendedLifetime(lock) {} }
        try prepare(dir, plan: plan, force: force)
        let result = try run(plan: plan, dir: dir, order: shard?.runs(of: plan.runCount) ?? Array(0..<plan.runCount), jobs: jobs,
                             sharedMap: try sharedMap(plan), shouldStop: shouldStop, report: report)
        if shard == nil && !result.interrupted && result.failed == 0 { try PointStatistics.write(directory: dir) }
        return result
    }

    /// Batches of replicates until every point is precise enough (see `PrecisionTarget`).
    /// Each point's batches depend only on that point's own results, so a shard takes whole
    /// points (point ≡ I mod N) and runs their batches alone; `merge` orders the rows as one
    /// machine would (`PrecisionTarget.rowOrder`).
    static func runUntilPrecise(plan: SweepPlan, directory: String, jobs: Int, shard: Shard?, force: Bool,
                                shouldStop: @escaping @Sendable () -> Bool,
                                report: @escaping @Sendable (RunProgress) -> Void) throws(SweepError) -> SweepResult {
        let target = plan.precision!
        if target.difference != nil, let shard {
            throw .badShard("\(shard.index)/\(shard.count): a precision target on differences (--on-difference) decides every point from the "
                + "baseline's results, so its points cannot run apart; run it unsharded (with --jobs)")
        }
        let dir = shard.map { directory + "/" + $0.folder } ?? directory
        let points = shard?.runs(of: plan.points.count) ?? Array(0..<plan.points.count)
        let lock = try OutputLock.sweep(dir)
        defer { withExtendedLifetime(lock) {} }
        try prepare(dir, plan: plan, force: force)
        var order: [Int] = []
        var results: SweepResults? = nil
        let map = try sharedMap(plan)  // built once, not once per batch
        var total = SweepResult(directory: dir, total: 0, alreadyDone: 0, ran: 0, failed: 0, interrupted: false)
        while true {
            let batch = try target.nextBatch(results: results, points: points, initial: plan.replicates)
            if batch.isEmpty { break }
            order += batch
            let r = try run(plan: plan, dir: dir, order: order, jobs: jobs, sharedMap: map, shouldStop: shouldStop, report: report)
            total.total = order.count
            // Earlier batches are complete by now; what else was found complete was resumed.
            total.alreadyDone += r.alreadyDone - (order.count - batch.count)
            total.ran += r.ran
            total.failed += r.failed
            total.timedOut += r.timedOut
            if r.interrupted || r.failed > 0 {
                total.interrupted = r.interrupted
                return total
            }
            results = try SweepResults(directory: dir)
        }
        if shard == nil { try PointStatistics.write(directory: dir) }
        return total
    }

    /// The one map every run uses, or nil when `map.*` is varied (then each point builds its own).
    static func sharedMap(_ plan: SweepPlan) throws(SweepError) -> CityMap? {
        guard !plan.mapVaries else { return nil }
        do throws(WorldError) { return try plan.world.buildMap() } catch { throw .badPlan(error.description) }
    }

    /// Runs the runs of `order` not yet complete in `dir/summary.csv`, appending rows in that order.
    static func run(plan: SweepPlan, dir: String, order mine: [Int], jobs: Int, sharedMap: CityMap?,
                    shouldStop: @escaping @Sendable () -> Bool,
                    report: @escaping @Sendable (RunProgress) -> Void) throws(SweepError) -> SweepResult {
        let writer = try SummaryWriter(path: dir + "/summary.csv", header: SummaryRow.header(plan), order: mine)
        let alreadyDone = writer.completed.count
        let todo = Array(mine[alreadyDone...])
        let timing = open(dir + "/timing.csv", O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard timing >= 0 else { throw .io(path: dir + "/timing.csv", message: String(cString: strerror(errno))) }
        defer { close(timing) }
        if lseek(timing, 0, SEEK_END) == 0 { _ = "run,seed,wall_s\n".withCString { write(timing, $0, strlen($0)) } }

        // When map.* is varied, each point's map is built when its first run starts and dropped
        // when its last run here ends, so memory holds the maps of the points in progress only
        // (about `jobs` of them), however many points the sweep has.
        var remaining: [Int: Int] = [:]
        if sharedMap == nil { for i in todo { remaining[plan.run(i).point, default: 0] += 1 } }

        struct Shared {
            var writer: SummaryWriter
            var error: SweepError?
            var done: Int
            var ran = 0
            var failed = 0
            var timedOut: [Int] = []
            var maps: [Int: CityMap] = [:]
            var remaining: [Int: Int]
        }
        let state = Mutex(Shared(writer: writer, done: alreadyDone, remaining: remaining))
        WorkerPool.run(tasks: todo.count, jobs: jobs, keepGoing: { !shouldStop() && state.withLock { $0.error == nil } }) { t in
            let run = plan.run(todo[t])
            let map: CityMap
            if let sharedMap { map = sharedMap } else {
                let cached = state.withLock { $0.maps[run.point] }
                if let cached { map = cached } else {
                    do throws(WorldError) { map = try plan.world(for: run).buildMap() } catch {
                        state.withLock { $0.error = .badPlan("point \(run.point): \(error.description)") }
                        return false
                    }
                    state.withLock { $0.maps[run.point] = map }
                }
            }
            let start = ContinuousClock.now
            let executed = execute(plan: plan, run: run, map: map, dir: dir, shouldStop: shouldStop)
            if sharedMap == nil {
                state.withLock { s in
                    s.remaining[run.point, default: 1] -= 1
                    if s.remaining[run.point] == 0 { s.maps[run.point] = nil }
                }
            }
            guard let (outcome, extras, status) = executed else {
                return false  // stopped mid-run: not recorded, redone on resume
            }
            let wall = (ContinuousClock.now - start).inSeconds
            let row = SummaryRow.row(plan, run: run, outcome: outcome, extras: extras, status: status)
            let line = "\(run.index),\(run.seed),\(String(format: "%.4f", wall))\n"
            let rep: RunProgress? = state.withLock { s in
                do throws(SweepError) { try s.writer.add(index: run.index, row: row) } catch {
                    s.error = error
                    return nil
                }
                _ = line.withCString { write(timing, $0, strlen($0)) }
                s.done += 1
                s.ran += 1
                if status != .complete { s.failed += 1 }
                if case .timeout = status { s.timedOut.append(run.index) }
                return RunProgress(run: run, status: status, wallSeconds: wall, done: s.done, total: mine.count)
            }
            if let rep { report(rep) }
            return true
        }
        let final = state.withLock { ($0.error, $0.ran, $0.failed, $0.writer.isComplete, $0.timedOut.sorted()) }
        if let e = final.0 { throw e }
        return SweepResult(directory: dir, total: mine.count, alreadyDone: alreadyDone, ran: final.1, failed: final.2,
                           interrupted: !final.3, timedOut: final.4)
    }

    /// Runs one run; nil when stopped before it finished.
    static func execute(plan: SweepPlan, run: SweepPlan.Run, map: CityMap, dir: String,
                        shouldStop sweepStop: () -> Bool) -> (RunOutcome, RunExtras, RunStatus)? {
        let world = plan.world(for: run)
        // A per-run wall-time limit stops the run as an interruption would; told apart after.
        let deadline = plan.runTimeout.map { ContinuousClock.now + .nanoseconds(Int64(min($0, 1e9) * 1e9)) }
        let shouldStop = { sweepStop() || deadline.map { ContinuousClock.now >= $0 } ?? false }
        func timedOut(_ status: RunStatus) -> RunStatus? {
            guard case .interrupted(let t) = status, let limit = plan.runTimeout, !sweepStop() else { return nil }
            return .timeout(atTick: t, limitSeconds: limit)
        }
        guard plan.keep == .runs else {
            let (outcome, extras, status) = RunOutcome.run(world: world, map: map, seed: run.seed, ticks: plan.ticks, patterns: plan.patterns,
                                                           reducers: plan.reducers, stopWhen: plan.stopWhen, shouldStop: shouldStop)
            if let t = timedOut(status) { return (outcome, RunExtras(), t) }
            return status.isInterrupted ? nil : (outcome, extras, status)
        }
        var outcome = RunOutcome(plan.outcomeColumns)
        let status: RunStatus
        let recording = ExtrasRecording(patterns: plan.patterns, reducers: plan.reducers, ticks: plan.ticks)
        var options = RunOptions(ticks: plan.ticks, seed: run.seed)
        options.outDirectory = dir + "/runs/" + OutputNames.pad6(run.index)
        options.force = true
        options.frameEvery = plan.frameEvery
        options.commandLine = CommandLine.arguments + ["(sweep run \(run.index))"]
        options.stopWhen = plan.stopWhen
        var stoppedAt: Int?
        do throws(OutputError) {
            let result = try SimulationRun.execute(world: world, map: map, options: options, extraRecorders: recording.recorders,
                                               observe: { outcome.observe($0) }, shouldStop: shouldStop)
            status = result.status
            stoppedAt = result.stoppedAt
        } catch {
            status = .failed(error.description)
        }
        if let t = timedOut(status) { return (outcome, RunExtras(), t) }
        if status.isInterrupted { return nil }
        return (outcome, recording.extras(world: world, map: map, ticks: plan.ticks, stoppedAt: stoppedAt), status)
    }

    /// Creates the directory, or checks that it holds this same sweep (then it resumes).
    static func prepare(_ dir: String, plan: SweepPlan, force: Bool) throws(SweepError) {
        try prepare(dir, planText: plan.json().rendered() + "\n", force: force)
    }

    /// What a sweep writes into its directory: `--force` removes these and nothing else.
    static let outputs = ["summary.csv", "timing.csv", "sweep.json", "runs", "points.csv", "compare.csv", "compare_pooled.csv", "sensitivity.csv",
                          "precision.csv", "forks", "arms.csv", "arms_ticks.csv", "delta"]

    static func prepare(_ dir: String, planText: String, force: Bool) throws(SweepError) {
        let planPath = dir + "/sweep.json"
        let fm = FileManager.default
        if let existing = fm.contents(atPath: planPath) {
            let old = String(decoding: existing, as: UTF8.self)
            if old == planText { return }
            guard force else {
                // Name what changed: the kind of experiment, or an input the plan only fingerprints.
                if let was = try? SweepRecord.decode(existing, path: planPath),
                   let now = try? SweepRecord.decode(Data(planText.utf8), path: planPath) {
                    if (was.sampling == .fork) != (now.sampling == .fork) {
                        throw .outputConflict(path: dir, message: "holds a \(was.sampling == .fork ? "policy fork" : "sweep"), not this "
                            + "\(now.sampling == .fork ? "fork" : "sweep"); use another --out (or leave --out out for a new numbered folder), or --force to discard it")
                    }
                    let inputs: [(String?, String?, String)] = [
                        (was.modelVersion.map(String.init), now.modelVersion.map(String.init),
                         "the model version (this nanocity's rules are not those it started with)"),
                        (was.worldFileFingerprint, now.worldFileFingerprint, "its world file"),
                        (was.mapFileFingerprint, now.mapFileFingerprint, "its map file (map.file or map.image)"),
                        (was.designFingerprint, now.designFingerprint, "its design file"),
                        (was.armsFingerprint, now.armsFingerprint, "its arms file"),
                    ]
                    for (a, b, what) in inputs where a != b {
                        throw .outputConflict(path: dir, message: "holds a sweep whose inputs have changed since it started: \(what) differs; "
                            + "resuming would mix old and new rows. Restore the file, or use another --out (or --force to discard it)")
                    }
                }
                throw .outputConflict(path: dir, message: "holds a different sweep (its sweep.json differs from this plan); "
                    + "use another --out, or --force to discard it")
            }
            for f in outputs { try? fm.removeItem(atPath: dir + "/" + f) }
        } else if let items = try? fm.contentsOfDirectory(atPath: dir), !items.allSatisfy({ $0.hasPrefix("shard-") || $0 == ".lock" }) {
            guard force else {
                throw .outputConflict(path: dir, message: "is not empty and holds no sweep; use another --out, or --force")
            }
        }
        do {
            try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try BufferedFile.writeAtomically(Array(planText.utf8), to: planPath)
        } catch {
            throw .io(path: dir, message: "\(error)")
        }
    }
}
