import NanoCityEngine
import NanoCityIO
import NanoCityModel
import NanoCityAnalysis

/// A policy fork: per replicate, the world runs to `forkAt` once, then every arm continues
/// from that identical state (the same random stream: common random numbers) to `ticks`.
///
/// Runs are numbered like a sweep whose points are the arms: `run = arm × replicates +
/// replicate`; replicate r's seed is `splitmix64_mix(base + (r + 1)·0x9E3779B97F4A7C15)` for
/// every arm. An arm's changes are applied at the start of tick `forkAt + 1`, as a schedule
/// entry (after any entry the world has for that tick), with the schedule's side effects.
public struct ForkPlan: Sendable {
    public var world: World
    public var worldPath: String?
    public var arms: ArmsFile
    public var forkAt: Int
    public var ticks: Int
    public var replicates: Int
    public var baseSeed: UInt64
    /// Which ticks the outcome columns summarise (default: after the fork).
    public var window: OutcomeWindow
    /// With `--patterns`: crime-pattern outcomes of each arm after the fork.
    public var patterns: PatternOutcomes?
    /// With `--reduce`: more outcomes over each arm's ticks after the fork (window post-fork only).
    public var reducers: [OutcomeReducer] = []
    /// With `--posterior … --draws K`: replicate r runs at posterior draw r (set by `use(_:)`).
    public private(set) var draws: PosteriorDraws?
    /// The world's map, built once for every run.
    public let map: CityMap
    /// The metrics each arm is summarised over (the catalog's, then the world's zones').
    public var outcomeColumns: OutcomeColumns { OutcomeColumns(world: world.parameters) }

    public init(world: World, worldPath: String?, arms: ArmsFile, forkAt: Int, ticks: Int, replicates: Int,
                baseSeed: UInt64, window: OutcomeWindow = .postFork) throws(SweepError) {
        guard ticks >= 1 else { throw .badPlan("a fork needs --ticks ≥ 1 (the arms run after the fork tick), got \(ticks)") }
        guard forkAt >= 0 && forkAt < ticks else { throw .badPlan("--fork-at must be in 0…--ticks − 1 (\(ticks - 1)), got \(forkAt)") }
        guard replicates >= 2 && replicates <= 1_000_000 else {
            throw .badPlan("a fork needs 2…1000000 --replicates (paired differences need at least 2), got \(replicates)")
        }
        guard replicates * arms.arms.count <= 10_000_000 else { throw .badPlan("\(replicates) replicates × \(arms.arms.count) arms; at most 10,000,000 runs") }
        for arm in arms.arms {
            for c in arm.changes {
                if let e = ParameterCatalog.undeclaredName(c.key, in: world.parameters) { throw .badPlan("\(arms.path): arm \(arm.name): \(e)") }
            }
            if let e = ParameterCatalog.consistencyProblems(arm.applied(to: world.parameters)).first { throw .badPlan("\(arms.path): arm \(arm.name) is inconsistent: \(e)") }
        }
        do throws(WorldError) { map = try world.buildMap() } catch { throw .badPlan(error.description) }
        self.world = world
        self.worldPath = worldPath
        self.arms = arms
        self.forkAt = forkAt
        self.ticks = ticks
        self.replicates = replicates
        self.baseSeed = baseSeed
        self.window = window
    }

    public func seed(replicate r: Int) -> UInt64 { SplitMix64.derive(base: baseSeed, index: UInt64(r)) }

    /// Runs replicate r at posterior draw r. The draws must be as many as the replicates, and
    /// every draw, with every arm's changes on top, a consistent world.
    public mutating func use(_ d: PosteriorDraws) throws(SweepError) {
        guard d.values.count == replicates else {
            throw .badPlan("\(d.path): \(d.values.count) draws for \(replicates) replicates; a fork under a posterior runs one replicate per draw")
        }
        for r in 0..<d.values.count {
            let p = d.applied(r, to: world.parameters)
            for arm in arms.arms {
                if let e = ParameterCatalog.consistencyProblems(arm.applied(to: p)).first {
                    throw .badPlan("\(d.path): draw \(r) (particle \(d.particles[r]) of generation \(d.generation)) with arm \(arm.name) is inconsistent: \(e)")
                }
            }
        }
        draws = d
    }

    /// The world replicate r starts from: the plan's, at its posterior draw when there is one.
    public func world(replicate r: Int) -> World {
        guard let draws else { return world }
        var w = world
        w.parameters = draws.applied(r, to: w.parameters)
        return w
    }

    /// What the report needs, which `sweep.json` also holds (for `merge`).
    var layout: ForkReport.Layout {
        var l = ForkReport.Layout(armNames: arms.arms.map(\.name), replicates: replicates, forkAt: forkAt, ticks: ticks, baseSeed: baseSeed,
                                  width: map.size.width, height: map.size.height, window: window)
        l.patternNames = patterns?.names ?? []
        l.columns = outcomeColumns
        l.zones = map.zones
        l.reducers = reducers
        return l
    }

    /// The schedule entry that makes arm `a`'s changes at the fork (nil for no changes).
    func entry(arm a: Int) -> ScheduleEntry? {
        let changes = arms.arms[a].changes
        return changes.isEmpty ? nil : ScheduleEntry(tick: forkAt + 1, changes: changes)
    }

    /// `sweep.json`.
    public func json() -> JSONValue {
        .object(SweepPlan.identity(worldPath: worldPath, ticks: ticks, replicates: replicates, baseSeed: baseSeed) + [
            ("seed_rule", .string(SweepPlan.SeedRule.perReplicate.rawValue)),
            ("seed_function", .string("seed(replicate) = splitmix64_mix(base_seed + (replicate + 1) * 0x9E3779B97F4A7C15), the same for every arm")),
            ("sampling", .string(Sampling.fork.rawValue)),
            ("fork_at", .int(forkAt)),
            ("window", .string(window.rawValue)),
            ("window_ticks", .array([.int(window.ticks(forkAt: forkAt, ticks: ticks).lowerBound), .int(ticks)])),
        ] + (patterns.map { [("patterns", $0.json)] } ?? [])
          + (reducers.isEmpty ? [] : [("reducers", .array(reducers.map { .string($0.spec) })),
                                      ("reducer_columns", .array(reducers.flatMap(\.columns).map(JSONValue.string)))])
          + (world.parameters.zones.isEmpty ? [] : [
              ("zone_columns", .array(outcomeColumns.zoneColumns.map(JSONValue.string))),
              ("zones", .array(world.parameters.zones.map { .object([("name", .string($0.name)), ("buffer", .int($0.buffer))]) })),
              ("zones_fingerprint", .string(map.zones.fingerprint)),
          ]) + [
            ("arms_file", .string(arms.path)),
            ("arms_fingerprint", .string(arms.fingerprint)),
            ("arms", .array(arms.arms.map { a in
                .object([("name", .string(a.name)), ("set", .object(a.changes.map { ($0.key, Manifest.json($0.value)) }))])
            })),
            ("map_width", .int(map.size.width)),
            ("map_height", .int(map.size.height)),
            ("points", .int(arms.arms.count)),
            ("runs", .int(arms.arms.count * replicates)),
            ("overrides", .object(world.overrides.map { ($0.key, Manifest.json($0.value)) })),
            ("parameters", Manifest.parameters(world)),
            ("schedule", Manifest.schedule(world.parameters)),
        ] + (world.mapFileFingerprint.map { [("map_file_fingerprint", JSONValue.string($0))] } ?? [])
          + (world.fileFingerprint.map { [("world_file_fingerprint", JSONValue.string($0))] } ?? [])
          + (draws?.json ?? []))
    }
}
