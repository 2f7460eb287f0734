/// Every output a run writes, declared once: its name, whether it is a file or a folder of
/// numbered files, the option that turns it on, its `manifest.json` entry, and what a resume
/// does to it. `OutputDirectory` (what `--force` removes), `Manifest` (the `outputs` object),
/// `SimulationRun` (which recorders run, what a resume cuts back) and `OutputNames` (which
/// names in a run folder are NanoCity's) read this; each switches over it exhaustively, so a
/// new output is a compile error in every place that must handle it.
public enum RunOutput: String, Sendable, CaseIterable {
    case manifest, metrics, events, frames, fields, agents, checkpoints

    /// Every output with the option that writes it, for `nanocity run --help`.
    public static var helpList: String {
        allCases.map { o in (o.manifestPattern ?? o.name) + (o.option.isEmpty ? "" : " (\(o.option))") }.joined(separator: ", ")
    }

    /// The file's or folder's name inside the run directory.
    public var name: String {
        switch self {
        case .manifest: "manifest.json"
        case .metrics: "metrics.csv"
        case .events: "events.csv"
        case .frames: "frames"
        case .fields: "fields"
        case .agents: "agents"
        case .checkpoints: "checkpoints"
        }
    }

    /// Whether this is a folder of per-tick files (`frames/frame_000120.png`) rather than one file.
    public var isFolder: Bool {
        switch self {
        case .manifest, .metrics, .events: false
        case .frames, .fields, .agents, .checkpoints: true
        }
    }

    /// The option that turns this output on ("" for those always written), for the CLI's help.
    public var option: String {
        switch self {
        case .manifest, .metrics: ""
        case .events: "unless --no-events"
        case .frames: "--frame-every N"
        case .fields, .agents: "--snapshot-every N"
        case .checkpoints: "--checkpoint-every N"
        }
    }

    /// Whether a run with `options` writes this output.
    public func isWritten(by options: RunOptions) -> Bool {
        switch self {
        case .manifest, .metrics: true
        case .events: options.writeEvents
        case .frames: options.frameEvery > 0
        case .fields, .agents: options.snapshotEvery > 0
        case .checkpoints: options.checkpointEvery > 0
        }
    }

    /// The `outputs` entry of `manifest.json`: where to find it, numbered files as a printf
    /// pattern (nil for the manifest itself).
    public var manifestPattern: String? {
        switch self {
        case .manifest: nil
        case .metrics, .events: name
        case .frames: "frames/frame_%06d.png"
        case .fields: "fields/<field>_%06d.npy"
        case .agents: "agents/agents_%06d.csv"
        case .checkpoints: "checkpoints/state_%06d.bin"
        }
    }

    /// What `run --resume` does to an output a checkpoint at tick T continues.
    public enum OnResume: Sendable {
        /// Rewritten whole (the manifest).
        case rewritten
        /// Cut back to the rows of ticks ≤ T, then appended to (tick-keyed CSVs).
        case cutBackToCheckpoint
        /// Per-tick files after T are written again with the same bytes.
        case rewrittenFromCheckpoint
    }

    public var onResume: OnResume {
        switch self {
        case .manifest: .rewritten
        case .metrics, .events: .cutBackToCheckpoint
        case .frames, .fields, .agents, .checkpoints: .rewrittenFromCheckpoint
        }
    }

    /// Whether `file`, inside this output's folder, is a name a run writes (or its
    /// temporary): what `--force` may remove. Always false for a file output.
    public func holds(_ file: String) -> Bool {
        var name = Substring(file)
        if name.hasSuffix(".tmp") { name = name.dropLast(4) }
        func numbered(_ prefix: String, _ suffix: String) -> Bool {
            guard name.hasPrefix(prefix), name.hasSuffix(suffix) else { return false }
            let digits = name.dropFirst(prefix.count).dropLast(suffix.count)
            return digits.count >= 6 && digits.allSatisfy { $0.isASCII && $0.isNumber }
        }
        switch self {
        case .manifest, .metrics, .events: return false
        case .frames: return numbered("frame_", ".png")
        case .fields: return SnapshotNames.fields.contains { numbered($0 + "_", ".npy") }
        case .agents: return numbered("agents_", ".csv")
        case .checkpoints: return numbered("state_", ".bin")
        }
    }
}
