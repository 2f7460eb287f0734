import NanoCityModel

/// `manifest.json` read back: the one typed model for every reader of a run's manifest
/// (resume, capsules, charts, reports, crime patterns). Every key is optional, so a manifest
/// of an older nanocity still reads; a key of the wrong type is an error naming it.
///
/// `Manifest.build` writes it through `JSONValue` (bytes the resume compares);
/// `ManifestRecordTests` holds what it writes to this model.
public struct ManifestRecord: Decodable, Sendable {
    public struct MapFacts: Decodable, Sendable {
        public let kind: String?
        public let width: Int?
        public let height: Int?
        public let centres: Int?
    }

    /// A metric as the run recorded it.
    public struct Metric: Decodable, Sendable {
        public let name: String
        /// As written; `metricKind` parses it (a kind this build does not know is nil).
        public let kind: String
        public let unit: String?
        public let doc: String?

        public var metricKind: MetricKind? { MetricKind(rawValue: kind) }
    }

    public struct Build: Decodable, Sendable {
        public let configuration: String?
        public let sourceRevision: String?

        enum CodingKeys: String, CodingKey { case configuration, sourceRevision = "source_revision" }
    }

    public struct Checkpoint: Decodable, Sendable {
        public let tick: Int
    }

    public let program: String?
    public let version: String?
    public let build: Build?
    /// As written ("complete", "interrupted at tick 40", …); `runStatus` parses it.
    public let status: String?
    public let world: String?
    public let name: String?
    /// The run's seed, 0…2⁶⁴−1, written as a string (JSON numbers stop at 2⁵³).
    public let seed: String?
    public let runFingerprint: String?
    public let ticks: Int?
    public let ticksCompleted: Int?
    public let frameEvery: Int?
    public let snapshotEvery: Int?
    public let commandLine: [String]?
    /// ISO 8601, UTC.
    public let startedAt: String?
    /// Seconds of wall time the run took.
    public let wallTimeSeconds: Double?
    public let fromCheckpoint: Checkpoint?
    public let map: MapFacts?
    public let overrides: [String: RecordedValue]?
    public let parameters: [String: RecordedValue]?
    public let metrics: [Metric]?

    public var runStatus: RunStatus? { status.flatMap(RunStatus.init(parsing:)) }

    /// Keys `Manifest.build` writes that no reader needs (for people; the resume compares the
    /// run fingerprint). A new key must be read or listed here (`ManifestRecordTests`).
    public static let unreadKeys: Set<String> = [
        "model_version", "checkpoint_every", "threads", "resumed_from_tick", "schedule", "zones", "outputs",
    ]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case program, version, build, status, world, name, seed, ticks, map, overrides, parameters, metrics
        case runFingerprint = "run_fingerprint", ticksCompleted = "ticks_completed", frameEvery = "frame_every"
        case snapshotEvery = "snapshot_every", commandLine = "command_line", fromCheckpoint = "from_checkpoint"
        case startedAt = "started_at", wallTimeSeconds = "wall_time_s"
    }

    /// Reads `path` (bounded); the error names the key that is wrong.
    public static func read(_ path: String) throws(OutputError) -> ManifestRecord {
        try JSONRecord.read(ManifestRecord.self, from: path)
    }
}
