import Foundation
import NanoCityIO
import NanoCityModel
import Synchronization
import NanoCityAnalysis

/// Runs a fork's replicates in parallel (one replicate per worker at a time: its burn-in,
/// then every arm from a copy of that state), writing one `forks/replicate_NNNNNN.bin` per
/// replicate; when all are there, `ForkReport` writes summary.csv, points.csv, arms.csv,
/// arms_ticks.csv and delta/.
public enum ForkRunner {
    public static func run(plan: ForkPlan, directory: String, jobs: Int, shard: Shard?, force: Bool,
                           shouldStop: @escaping @Sendable () -> Bool = { RunInterrupt.requested },
                           report: @escaping @Sendable (RunProgress) -> Void = { _ in }) throws(SweepError) -> SweepResult {
        let dir = shard.map { directory + "/" + $0.folder } ?? directory
        let lock = try OutputLock.sweep(dir)
        defer { withExtendedLifetime(lock) {} }
        try SweepRunner.prepare(dir, planText: plan.json().rendered() + "\n", force: force)
        do { try FileManager.default.createDirectory(atPath: dir + "/forks", withIntermediateDirectories: true) } catch {
            throw .io(path: dir + "/forks", message: "\(error)")
        }
        let map = plan.map
        if !map.zones.isEmpty {
            // The zones beside sweep.json, so a merge of shards can lay them again.
            let path = dir + "/zones.npy"
            do throws(OutputError) {
                try BufferedFile.writeAtomically(NPYFormat.encode(RingProfile.zoneGrid(map.zones, cells: map.size.count),
                                                                  height: map.size.height, width: map.size.width), to: path)
            } catch { throw .io(path: path, message: error.message) }
        }
        let mine = shard?.runs(of: plan.replicates) ?? Array(0..<plan.replicates)
        let rows = plan.ticks - plan.forkAt, cells = map.size.count
        let todo = mine.filter {
            ForkReplicate.read(path: dir + "/" + ForkReplicate.fileName($0), arms: plan.arms.arms.count, rows: rows, cells: cells,
                               patterns: plan.patterns?.names.count ?? 0, columns: plan.outcomeColumns) == nil
        }
        let alreadyDone = mine.count - todo.count
        struct Shared { var error: SweepError?; var done: Int; var ran = 0; var failed = 0 }
        let state = Mutex(Shared(done: alreadyDone))
        WorkerPool.run(tasks: todo.count, jobs: jobs, keepGoing: { !shouldStop() && state.withLock { $0.error == nil } }) { t in
            let r = todo[t]
            let start = ContinuousClock.now
            guard let result = replicate(r, plan: plan, map: map, directory: dir, shouldStop: shouldStop) else { return false }
            let path = dir + "/" + ForkReplicate.fileName(r)
            do throws(OutputError) { try BufferedFile.writeAtomically(result.encode(), to: path) } catch {
                state.withLock { $0.error = .io(path: path, message: error.message) }
                return false
            }
            let burnIn = dir + "/" + ForkReplicate.burnInName(r)
            unlink(burnIn)
            unlink(burnIn + ".outcome")
            let failed = result.arms.contains { $0.status != .complete }
            let wall = (ContinuousClock.now - start).inSeconds
            let rep = state.withLock { s in
                s.done += 1; s.ran += 1
                if failed { s.failed += 1 }
                return RunProgress(run: SweepPlan.Run(index: r, point: 0, replicate: r, seed: plan.seed(replicate: r)),
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

    /// Replicate `r`'s state at the fork and the outcome accumulated up to it: read from its
    /// burn-in checkpoint in `directory` when a stopped earlier attempt left one, else run and
    /// checkpointed there (`forks/burnin_NNNNNN.bin` with its `.outcome`), so a requeued job
    /// does not redo burn-ins. Nil when stopped.
    static func burnIn(_ r: Int, plan: ForkPlan, map: CityMap, directory: String,
                       shouldStop: () -> Bool) -> (city: City, outcome: RunOutcome)? {
        let path = directory + "/" + ForkReplicate.burnInName(r), side = path + ".outcome"
        let seed = plan.seed(replicate: r), world = plan.world(replicate: r)
        if let c = try? Checkpoint.read(path: path), c.tick == plan.forkAt, c.seed == seed,
           c.fingerprint == RunFingerprint.of(world: world, map: map, seed: seed), c.map.terrain == map.terrain,
           let bytes = BoundedRead.data(side, limit: 1 << 20), let outcome = RunOutcome(decoding: [UInt8](bytes), columns: plan.outcomeColumns) {
            return (c.city, outcome)
        }
        var outcome = RunOutcome(plan.outcomeColumns)
        var burned = City(map: map, parameters: world.parameters, seed: seed)
        let status = RunLoop.run(&burned, to: plan.forkAt, recorders: [MetricsObserver { outcome.observe($0) }], shouldStop: shouldStop)
        if status.isInterrupted { return nil }
        // The outcome first: a checkpoint present means its outcome is too. A failed write only
        // loses the shortcut, never the replicate.
        do throws(OutputError) {
            try BufferedFile.writeAtomically(outcome.encoded(), to: side)
            try BufferedFile.writeAtomically(Checkpoint.encode(world: world, map: map, city: burned, seed: seed, ticks: plan.ticks), to: path)
        } catch {
            unlink(path)
        }
        return (burned, outcome)
    }

    /// One replicate: the burn-in once, then each arm from a copy of its state; nil when stopped.
    static func replicate(_ r: Int, plan: ForkPlan, map: CityMap, directory: String, shouldStop: () -> Bool) -> ForkReplicate? {
        guard let (burned, outcome) = burnIn(r, plan: plan, map: map, directory: directory, shouldStop: shouldStop) else { return nil }
        var arms: [ForkReplicate.Arm] = []
        for a in plan.arms.arms.indices {
            guard let arm = runArm(a, from: burned, outcome: outcome, plan: plan, shouldStop: shouldStop) else { return nil }
            arms.append(arm)
        }
        return ForkReplicate(arms: arms)
    }

    /// Arm `a` from a copy of the burned-in state (the fork) to the end; nil when stopped.
    static func runArm(_ a: Int, from burned: City, outcome: RunOutcome, plan: ForkPlan, shouldStop: () -> Bool) -> ForkReplicate.Arm? {
        var city = burned  // a value copy: the fork
        if let e = plan.entry(arm: a) { city.params.schedule.append(e) }
        var o = outcome
        var rows: [Double] = []
        rows.reserveCapacity((plan.ticks - plan.forkAt) * o.columns.count)
        let collector = plan.patterns?.collector(ticks: plan.ticks)
        let events = EventCountRecorder(size: plan.map.size)
        let s = RunLoop.run(&city, to: plan.ticks, recorders: [MetricsObserver { o.observe($0); rows += $0 }, events] + (collector.map { [$0] } ?? []),
                            recordStart: false, shouldStop: shouldStop)
        if s.isInterrupted { return nil }
        let fields = [city.toxicity, city.waste, city.attractiveness].map(\.values)
        return ForkReplicate.Arm(outcomes: o.values, status: s, rows: rows, fields: fields, patterns: patternValues(plan, collector),
                                 events: events.counts)
    }

    /// Replicate `r` of `plan` run in memory (no files): per arm, the outcome cells of its
    /// summary.csv row over the plan's window — the arms as `replicate` runs them, from a
    /// burn-in made afresh. What a capsule's verification recomputes.
    public static func cells(replicate r: Int, plan: ForkPlan) -> [[String]] {
        var outcome = RunOutcome(plan.outcomeColumns)
        var burned = City(map: plan.map, parameters: plan.world(replicate: r).parameters, seed: plan.seed(replicate: r))
        _ = RunLoop.run(&burned, to: plan.forkAt, recorders: [MetricsObserver { outcome.observe($0) }], shouldStop: { false })
        // Never stopped, so every arm is there.
        return plan.arms.arms.indices.compactMap { a in
            runArm(a, from: burned, outcome: outcome, plan: plan, shouldStop: { false }).map { arm in
                (plan.window == .whole ? arm.outcomes : RunOutcome.window(rows: arm.rows, columns: plan.outcomeColumns).values).map(CSVNumber.format)
                    + arm.patterns.map(CSVNumber.cell)
                    + ReducerAccumulator.values(plan.reducers, rows: arm.rows, metrics: plan.outcomeColumns.count, firstTick: plan.forkAt + 1).map(CSVNumber.cell)
            }
        }
    }

    /// An arm's pattern outcomes (NaN where undefined); empty without `--patterns`.
    static func patternValues(_ plan: ForkPlan, _ collector: IncidentCollector?) -> [Double] {
        guard let p = plan.patterns, let collector else { return [] }
        return p.values(collector, world: plan.world, map: plan.map, ticks: plan.ticks).map { $0 ?? .nan }
    }
}
