import Foundation
import NanoCityIO
import NanoCityModel

/// `sweep.json` read back: the one typed model every reader of a sweep's or a fork's plan uses
/// (results, merge, fork tables, capsules), so a key, its type and its range are checked in one
/// place and a damaged file gets one message naming the key.
///
/// The writers (`SweepPlan.json()`, `ForkPlan.json()`) render through `JSONValue`, whose bytes
/// resumes and merges compare; `SweepRecordTests` holds every key they write to this model.
public struct SweepRecord: Decodable, Sendable {
    /// A parameter value as a plan records it (overrides, an arm's changes).
    public typealias Scalar = RecordedValue

    /// A fork's arm: its name and the parameters it sets at the fork.
    public struct Arm: Decodable, Sendable {
        public let name: String
        public let set: [String: Scalar]
    }

    /// A zone as the plan records it (the cells are in `zones.npy`).
    public struct Zone: Decodable, Sendable {
        public let name: String
        public let buffer: Int
    }

    /// `--until-precision`'s rule.
    public struct Precision: Decodable, Sendable {
        public let relative: Double
        public let outcomes: [String]
        public let maxReplicates: Int
        public let batch: Int
        public let onDifference: String?
        public let tolerance: Double?

        enum CodingKeys: String, CodingKey {
            case relative, outcomes, batch, tolerance
            case maxReplicates = "max_replicates", onDifference = "on_difference"
        }
    }

    /// `--patterns`' settings (read back into `PatternOutcomes` by the capsule).
    public struct Patterns: Decodable, Sendable {
        /// Either "queen" or `{"distance_m": m}`.
        public enum Weights: Decodable, Sendable {
            case queen
            case withinMetres(Double)

            public init(from decoder: any Decoder) throws {
                struct Distance: Decodable { let distance_m: Double }
                let c = try decoder.singleValueContainer()
                if let s = try? c.decode(String.self), s == "queen" { self = .queen; return }
                guard let d = try? c.decode(Distance.self) else {
                    throw DecodingError.dataCorruptedError(in: c, debugDescription: "\"queen\" or {\"distance_m\": metres}")
                }
                self = .withinMetres(d.distance_m)
            }
        }

        public let kinds: [String]
        public let fromTick: Int
        public let toTick: Int?
        public let spaceBandMetres: Double
        public let spaceBands: Int
        public let timeBandDays: Double
        public let timeBands: Int
        public let convention: String
        public let distance: String
        public let permutations: Int
        public let weights: Weights
        public let fdr: Double
        public let topShare: Double
        public let windowDays: Double?
        public let seed: Int
        public let columns: [String]

        enum CodingKeys: String, CodingKey {
            case kinds, convention, distance, permutations, weights, fdr, seed, columns
            case fromTick = "from_tick", toTick = "to_tick", spaceBandMetres = "space_band_m", spaceBands = "space_bands"
            case timeBandDays = "time_band_days", timeBands = "time_bands", topShare = "top_share", windowDays = "window_days"
        }
    }

    public let program: String
    public let version: String?
    /// The model's rules version (`City.modelVersion`) the sweep started with.
    public let modelVersion: Int?
    public let world: String?
    public let ticks: Int
    /// Replicates per point (the first batch with `until_precision`).
    public let replicates: Int
    public let baseSeed: UInt64
    public let seedRule: SeedRule
    public let sampling: Sampling
    public let points: Int
    public let runs: Int
    // Designs (whichever the sampling has).
    public let lhsSamples: Int?
    public let samples: Int?
    public let trajectories: Int?
    public let levels: Int?
    public let designFile: String?
    public let designRows: Int?
    public let untilPrecision: Precision?
    public let patterns: Patterns?
    public let zoneColumns: [String]?
    public let zones: [Zone]?
    public let zonesFingerprint: String?
    // Forks.
    public let forkAt: Int?
    /// Absent in forks written before windows existed, which summarised the whole run.
    public let window: OutcomeWindow
    public let armsFile: String?
    public let arms: [Arm]
    public let mapWidth: Int?
    public let mapHeight: Int?
    public let overrides: [String: Scalar]
    public let worldFileFingerprint: String?
    public let mapFileFingerprint: String?
    public let designFingerprint: String?
    public let armsFingerprint: String?
    /// A fork under a posterior: the parameter keys, and per replicate [particle, value…].
    public let posteriorKeys: [String]?
    public let posteriorDraws: [[Scalar]]?
    /// `--reduce` specs (`METRIC:REDUCER`), read back into reducers by the capsule.
    public let reducers: [String]?
    /// `--stop-when`'s expression.
    public let stopWhen: String?

    /// Keys the writers put in `sweep.json` that no reader needs: for people, and for the
    /// byte comparison of a whole plan (resume, merge). A new key must be read or listed here
    /// (`SweepRecordTests`).
    public static let unreadKeys: Set<String> = [
        "seed_function", "sobol", "design_keys", "keep", "frame_every", "vary", "parameters", "schedule", "window_ticks",
        "posterior_file", "posterior_fingerprint", "posterior_generation", "posterior_note", "reducer_columns",
    ]

    /// Plans larger than these are not plans this program wrote.
    public static let maxRuns = 10_000_000
    public static let maxTicks = 100_000_000

    enum CodingKeys: String, CodingKey, CaseIterable {
        case program, version, world, ticks, replicates, sampling, points, runs, samples, trajectories, levels, patterns, zones, window, arms, overrides
        case baseSeed = "base_seed", seedRule = "seed_rule", lhsSamples = "lhs_samples", designFile = "design_file", designRows = "design_rows"
        case untilPrecision = "until_precision", zoneColumns = "zone_columns", zonesFingerprint = "zones_fingerprint", forkAt = "fork_at"
        case armsFile = "arms_file", mapWidth = "map_width", mapHeight = "map_height", worldFileFingerprint = "world_file_fingerprint"
        case modelVersion = "model_version", mapFileFingerprint = "map_file_fingerprint", designFingerprint = "design_fingerprint"
        case armsFingerprint = "arms_fingerprint", posteriorKeys = "posterior_keys", posteriorDraws = "posterior_draws"
        case reducers, stopWhen = "stop_when"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func bad(_ key: CodingKeys, _ what: String) -> DecodingError {
            .dataCorruptedError(forKey: key, in: c, debugDescription: what)
        }
        func whole(_ key: CodingKeys, _ range: ClosedRange<Int>) throws -> Int {
            let v = try c.decode(Int.self, forKey: key)
            guard range.contains(v) else { throw bad(key, "\(v) is outside \(range.lowerBound)…\(range.upperBound)") }
            return v
        }
        program = try c.decode(String.self, forKey: .program)
        guard program == "nanocity" else { throw bad(.program, "not written by nanocity") }
        version = try c.decodeIfPresent(String.self, forKey: .version)
        modelVersion = try c.decodeIfPresent(Int.self, forKey: .modelVersion)
        world = try c.decodeIfPresent(String.self, forKey: .world)
        ticks = try whole(.ticks, 0...Self.maxTicks)
        replicates = try whole(.replicates, 1...Self.maxRuns)
        guard let seed = UInt64(try c.decode(String.self, forKey: .baseSeed)) else { throw bad(.baseSeed, "a whole number 0…2⁶⁴−1 written as a string") }
        baseSeed = seed
        seedRule = try c.decode(SeedRule.self, forKey: .seedRule)
        sampling = try c.decode(Sampling.self, forKey: .sampling)
        points = try whole(.points, 1...Self.maxRuns)
        runs = try whole(.runs, 1...Self.maxRuns)
        lhsSamples = try c.decodeIfPresent(Int.self, forKey: .lhsSamples)
        samples = try c.decodeIfPresent(Int.self, forKey: .samples)
        trajectories = try c.decodeIfPresent(Int.self, forKey: .trajectories)
        levels = try c.decodeIfPresent(Int.self, forKey: .levels)
        designFile = try c.decodeIfPresent(String.self, forKey: .designFile)
        designRows = try c.decodeIfPresent(Int.self, forKey: .designRows)
        untilPrecision = try c.decodeIfPresent(Precision.self, forKey: .untilPrecision)
        if let p = untilPrecision {
            guard (1...Self.maxRuns).contains(p.maxReplicates), replicates <= p.maxReplicates, p.batch >= 1 else {
                throw bad(.untilPrecision, "max_replicates must be 1…\(Self.maxRuns) and at least replicates, batch at least 1")
            }
        }
        patterns = try c.decodeIfPresent(Patterns.self, forKey: .patterns)
        reducers = try c.decodeIfPresent([String].self, forKey: .reducers)
        stopWhen = try c.decodeIfPresent(String.self, forKey: .stopWhen)
        if let r = reducers, r.count > 256 || r.contains(where: { $0.utf8.count > 256 }) {
            throw bad(.reducers, "at most 256 specs of at most 256 bytes")
        }
        if let p = patterns {
            guard p.columns.count <= 10_000, p.columns.allSatisfy({ !$0.isEmpty && $0.count <= 200 && !$0.contains(",") }) else {
                throw bad(.patterns, "columns must be at most 10,000 names of 1–200 characters without commas")
            }
        }
        zoneColumns = try c.decodeIfPresent([String].self, forKey: .zoneColumns)
        zones = try c.decodeIfPresent([Zone].self, forKey: .zones)
        zonesFingerprint = try c.decodeIfPresent(String.self, forKey: .zonesFingerprint)
        forkAt = try c.decodeIfPresent(Int.self, forKey: .forkAt)
        window = try c.decodeIfPresent(OutcomeWindow.self, forKey: .window) ?? .whole
        armsFile = try c.decodeIfPresent(String.self, forKey: .armsFile)
        arms = try c.decodeIfPresent([Arm].self, forKey: .arms) ?? []
        mapWidth = try c.decodeIfPresent(Int.self, forKey: .mapWidth)
        mapHeight = try c.decodeIfPresent(Int.self, forKey: .mapHeight)
        overrides = try c.decodeIfPresent([String: Scalar].self, forKey: .overrides) ?? [:]
        worldFileFingerprint = try c.decodeIfPresent(String.self, forKey: .worldFileFingerprint)
        mapFileFingerprint = try c.decodeIfPresent(String.self, forKey: .mapFileFingerprint)
        designFingerprint = try c.decodeIfPresent(String.self, forKey: .designFingerprint)
        armsFingerprint = try c.decodeIfPresent(String.self, forKey: .armsFingerprint)
        posteriorKeys = try c.decodeIfPresent([String].self, forKey: .posteriorKeys)
        posteriorDraws = try c.decodeIfPresent([[Scalar]].self, forKey: .posteriorDraws)
        if let k = posteriorKeys {
            guard let d = posteriorDraws, d.count == replicates, d.allSatisfy({ $0.count == k.count + 1 }) else {
                throw bad(.posteriorDraws, "a fork under a posterior records one [particle, value per key] per replicate")
            }
        }
        if sampling == .fork {
            guard let t = forkAt, t >= 0, t < ticks else { throw bad(.forkAt, "a fork's tick must be 0…ticks − 1") }
            guard replicates >= 2, replicates <= 1_000_000 else { throw bad(.replicates, "a fork has 2…1000000 replicates") }
            let names = arms.map(\.name)
            guard names.count >= 2, names.count <= ForkDirectory.maxArms, names.allSatisfy(ForkDirectory.isValidArmName), Set(names).count == names.count else {
                throw bad(.arms, "2…\(ForkDirectory.maxArms) arms; arm names must be distinct, of 1–64 letters, digits, '-' or '_'")
            }
            guard let w = mapWidth, let h = mapHeight, (1...(1 << 16)).contains(w), (1...(1 << 16)).contains(h) else {
                throw bad(.mapWidth, "a fork records map_width and map_height, 1…65536 each")
            }
            guard w * h <= CityMap.maxCells else { throw bad(.mapHeight, "\(w) × \(h) cells is more than a map holds") }
        }
        if sampling == .fork, zoneColumns != nil {
            guard let z = zones, !z.isEmpty, z.count <= ZoneDeclaration.maxZones else {
                throw bad(.zones, "a fork with zone columns records its zones (1…\(ZoneDeclaration.maxZones))")
            }
        }
    }

    /// Reads and decodes `path` (bounded: a plan is kilobytes); the error names the key.
    public static func read(_ path: String) throws(SweepError) -> SweepRecord {
        do throws(OutputError) { return try JSONRecord.read(SweepRecord.self, from: path) } catch { throw failure(error) }
    }

    /// Decodes a plan's bytes; `path` names it in the error.
    public static func decode(_ data: Data, path: String) throws(SweepError) -> SweepRecord {
        do throws(OutputError) { return try JSONRecord.decode(SweepRecord.self, from: data, path: path) } catch { throw failure(error) }
    }

    private static func failure(_ e: OutputError) -> SweepError {
        .results("\(e.path) is not a sweep plan this version can read: \(e.message)")
    }
}
