import ArgumentParser
import Foundation
import NanoCityIO
import NanoCityModel
import NanoCitySweep

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

    /// One note per model-driven lever that `--set`, `--vary` or an arm sets without holding
    /// it fixed (an arm's notes name the arm).
    func leverNotes(setKeys: [String]) -> [String] {
        switch self {
        case .sweep(let p):
            return ModelDrivenParameters.notes(keys: setKeys + p.variedKeys, parameters: p.world.parameters)
        case .fork(let p):
            var out: [String] = []
            for arm in p.arms.arms {
                var params = p.world.parameters
                for c in arm.changes { ParameterCatalog.spec(for: c.key)!.apply(c.value, to: &params) }
                let notes = ModelDrivenParameters.notes(keys: setKeys + arm.changes.map(\.key), parameters: params)
                out += notes.map { "arm \(arm.name): " + $0 }
            }
            return out
        }
    }

    func run(directory: String, jobs: Int, shard: Shard?, force: Bool,
             report: @escaping @Sendable (RunReport) -> Void) throws(SweepError) -> SweepResult {
        switch self {
        case .sweep(let p): return try SweepRunner.run(plan: p, directory: directory, jobs: jobs, shard: shard, force: force, report: report)
        case .fork(let p): return try ForkRunner.run(plan: p, directory: directory, jobs: jobs, shard: shard, force: force, report: report)
        }
    }
}
