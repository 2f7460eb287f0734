/// How one simulation run is carried out and recorded.
public struct RunOptions: Sendable {
    /// Ticks to simulate (rows 1…ticks after the tick-0 row).
    public var ticks: Int
    public var seed: UInt64
    /// Output directory; nil chooses a fresh `output/<name>-NNN`.
    public var outDirectory: String?
    /// Root for fresh directories.
    public var outputRoot = "output"
    /// Replace the outputs in a non-empty `outDirectory`.
    public var force = false
    /// A frame every this many ticks, from tick 0 (0 = none).
    public var frameEvery = 0
    /// Pixels per cell in frames (nil: the world's `frames.scale`).
    public var frameScale: Int?
    /// What frames show (nil: what the world's `frames.layer` implies).
    public var frameLayers: FrameLayers?
    /// Draw the heads-up strip (legend, tick, headline numbers, colour bar) under frames.
    public var frameStrip = true
    /// Also encode the frames into this video file (needs ffmpeg): a bare name (no `/`) goes
    /// into the run's directory, a path is taken as given (`videoPath(in:)`).
    public var video: String?

    /// Where the video goes for a run in `dir`.
    public func videoPath(in dir: String) -> String? {
        video.map { $0.contains("/") ? $0 : dir + "/" + $0 }
    }
    /// Frames per second of the video.
    public var videoFPS = 24
    /// `.npy` field snapshots every this many ticks, from tick 0 (0 = none).
    public var snapshotEvery = 0
    /// Write `events.csv`.
    public var writeEvents = true
    /// Progress bar on stderr (only when it is a terminal).
    public var progress = false
    /// The command line, recorded in the manifest.
    public var commandLine: [String] = []
    /// A checkpoint every this many ticks (0 = none).
    public var checkpointEvery = 0
    /// Checkpoints kept (newest first); nil keeps all.
    public var keepCheckpoints: Int? = 2
    /// Continue the run in `outDirectory` from its newest checkpoint (or start it there).
    public var resume = false
    /// End the run, complete, after the first tick at whose end this holds (`--stop-when`).
    public var stopWhen: StopRule?
    /// Cores the tick's field phases may use (`City.threads`); outputs are the same for any value.
    public var threads = 1

    public init(ticks: Int, seed: UInt64) {
        self.ticks = ticks
        self.seed = seed
    }
}

/// What a finished (or stopped) run reports.
public struct RunResult: Sendable {
    public var directory: String
    public var ticksCompleted: Int
    public var status: RunStatus
    public var wallSeconds: Double
    /// Final metric values (same order as `MetricCatalog.all`).
    public var finalMetrics: [Double]
    /// The checkpoint tick a resumed run continued from.
    public var resumedAt: Int?
    /// Size and write time of the last checkpoint written (0 when none).
    public var checkpointBytes = 0
    public var checkpointSeconds = 0.0
    /// With `stopWhen`: the tick at whose end it held (nil: it never did; the run went on to `ticks`).
    public var stoppedAt: Int?
}
