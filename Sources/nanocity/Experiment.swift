import ArgumentParser
import Foundation
import NanoCityEngine
import NanoCityIO
import NanoCityModel
import NanoCityAnalysis
import NanoCityExperiments

/// What `nanocity sweep` runs: a sweep over points, or a fork into policy arms.
enum Experiment {
    case sweep(SweepPlan)
    case fork(ForkPlan)

    var json: JSONValue {
        switch self {
        case .sweep(let p): return p.json()
        case .fork(let p): return p.json()
        }
    }

    func describe(shard: Shard?) -> String {
        switch self {
        case .sweep(let plan):
            // A precision-driven sweep shards by point, any other by run.
            let mine = plan.precision != nil ? (shard?.runs(of: plan.points.count).count).map { $0 * plan.replicateStride } ?? plan.runCount
                : shard?.runs(of: plan.runCount).count ?? plan.runCount
            let reps = plan.precision.map { "\(plan.replicates) to \($0.maxReplicates)" } ?? String(plan.replicates)
            return "\(plan.points.count) points × \(reps) replicates = \(plan.precision == nil ? "" : "at most ")\(plan.runCount) runs"
                + (shard.map { " (\(mine) in shard \($0.index)/\($0.count))" } ?? "")
        case .fork(let plan):
            let mine = shard?.runs(of: plan.replicates).count ?? plan.replicates
            return "\(plan.replicates) replicates × \(plan.arms.arms.count) arms forked at tick \(plan.forkAt) = \(plan.replicates * plan.arms.arms.count) runs"
                + (shard.map { " (\(mine) replicates in shard \($0.index)/\($0.count))" } ?? "")
        }
    }

    /// The world, the map and the tick count a calibration run uses, and the total ticks the
    /// experiment will simulate (a fork's burn-in once per replicate, then every arm).
    var workload: (world: World, map: CityMap?, ticks: Int, totalTicks: Double) {
        switch self {
        case .sweep(let p):
            let runs = Double(p.precision == nil ? p.runCount : p.points.count * p.replicates)
            return (p.world, nil, p.ticks, runs * Double(p.ticks))
        case .fork(let p):
            let perReplicate = Double(p.forkAt) + Double(p.arms.arms.count) * Double(p.ticks - p.forkAt)
            return (p.world, p.map, p.ticks, Double(p.replicates) * perReplicate)
        }
    }

    /// `--dry-run`'s summary: what would run, where, and about how long it would take, from one
    /// short calibration run of the base world.
    func summary(shard: Shard?, jobs: Int, out: String) -> String {
        var lines: [String] = []
        let w = workload
        switch self {
        case .sweep(let p):
            lines.append("sweep plan (nothing run, nothing written)")
            lines.append("  world      \(p.worldPath ?? "the embedded default world") (\(p.world.parameters.name))")
            let axes = p.axes.map { a -> String in
                switch a.values {
                case .list(let vs): return "\(a.key) = \(vs.prefix(6).map(\.description).joined(separator: ", "))\(vs.count > 6 ? ", … (\(vs.count) values)" : "")"
                case .continuous(let lo, let hi): return "\(a.key) in [\(lo), \(hi)]"
                }
            }
            lines.append("  design     \(p.design.name)" + (axes.isEmpty ? "" : ": " + axes.joined(separator: "; ")))
            lines.append("  runs       " + describe(shard: shard) + ", \(p.ticks) ticks each, seeds \(p.seedRule.rawValue) (base \(p.baseSeed))")
        case .fork(let p):
            lines.append("fork plan (nothing run, nothing written)")
            lines.append("  world      \(p.worldPath ?? "the embedded default world") (\(p.world.parameters.name))")
            lines.append("  arms       \(p.arms.arms.map(\.name).joined(separator: ", ")) (the first is the baseline), from \(p.arms.path)")
            lines.append("  runs       " + describe(shard: shard) + "; outcomes over \(p.window.describe(forkAt: p.forkAt, ticks: p.ticks))")
        }
        lines.append("  output     \(out)")
        // One calibration run of the base world: per-tick cost, scaled to the whole plan.
        if let map = w.map ?? (try? w.world.buildMap()) {
            // Up to 300 ticks or 2 s: early ticks of a fresh city are cheaper than later ones.
            var city = City(map: map, parameters: w.world.parameters, seed: 1)
            let start = ContinuousClock.now
            var probeTicks = 0
            while probeTicks < max(1, min(w.ticks, 300)) && (ContinuousClock.now - start).inSeconds < 2 { city.step(); probeTicks += 1 }
            let perTick = max((ContinuousClock.now - start).inSeconds / Double(probeTicks), 1e-7)
            let share = shard.map { 1 / Double($0.count) } ?? 1
            let seconds = w.totalTicks * share * perTick / Double(max(1, jobs))
            lines.append("  estimate   \(Self.duration(seconds)) with --jobs \(jobs)"
                + " (\(String(format: "%.3g", perTick * 1000)) ms per tick in a \(probeTicks)-tick calibration run of the base world;"
                + " ticks only: points that change the map or the populations, and writing files, add to it or take from it)")
        }
        lines.append("  (--dry-run --json prints the full plan, as sweep.json will hold it)")
        return lines.joined(separator: "\n")
    }

    static func duration(_ s: Double) -> String {
        if s < 1 { return "under a second" }
        if s < 90 { return "about \(Int(s.rounded())) s" }
        if s < 5400 { return "about \(Int((s / 60).rounded())) min" }
        return String(format: "about %.1f h", s / 3600)
    }

    /// One note per model-driven lever that `--set`, `--vary` or an arm sets without holding
    /// it fixed (an arm's notes name the arm).
    func leverNotes(setKeys: [String]) -> [String] {
        switch self {
        case .sweep(let p):
            return ModelDrivenParameters.notes(keys: setKeys + p.variedKeys, parameters: p.world.parameters)
        case .fork(let p):
            var out: [String] = []
            for arm in p.arms.arms {
                let notes = ModelDrivenParameters.notes(keys: setKeys + arm.changes.map(\.key), parameters: arm.applied(to: p.world.parameters))
                out += notes.map { "arm \(arm.name): " + $0 }
            }
            return out
        }
    }

    func run(directory: String, jobs: Int, shard: Shard?, force: Bool,
             report: @escaping @Sendable (RunProgress) -> Void) throws(SweepError) -> SweepResult {
        switch self {
        case .sweep(let p): return try SweepRunner.run(plan: p, directory: directory, jobs: jobs, shard: shard, force: force, report: report)
        case .fork(let p): return try ForkRunner.run(plan: p, directory: directory, jobs: jobs, shard: shard, force: force, report: report)
        }
    }
}
