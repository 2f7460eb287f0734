/// The paths of a run's outputs (declared in `RunOutput`) and of their numbered files.
public enum OutputNames {
    public static let manifest = RunOutput.manifest.name
    public static let metrics = RunOutput.metrics.name
    public static let events = RunOutput.events.name
    public static let frames = RunOutput.frames.name
    public static let fields = RunOutput.fields.name
    public static let agents = RunOutput.agents.name
    public static let checkpoints = RunOutput.checkpoints.name

    /// `frames/frame_NNNNNN.png` (NNNNNN = tick, so ffmpeg's `%06d` pattern reads them).
    public static func frame(tick: Int) -> String { frames + "/frame_" + pad6(tick) + ".png" }
    /// `fields/<field>_NNNNNN.npy`.
    public static func field(_ name: String, tick: Int) -> String { fields + "/" + name + "_" + pad6(tick) + ".npy" }
    /// `agents/agents_NNNNNN.csv`.
    public static func agentTable(tick: Int) -> String { agents + "/agents_" + pad6(tick) + ".csv" }
    /// `checkpoints/state_NNNNNN.bin`.
    /// `state_NNNNNN.bin`, inside `checkpoints/`.
    public static func checkpointFile(tick: Int) -> String { "state_" + pad6(tick) + ".bin" }

    /// The tick of a checkpoint file name (`state_000500.bin` → 500), nil for other names.
    public static func checkpointTick(fileName: String) -> Int? {
        guard fileName.hasPrefix("state_"), fileName.hasSuffix(".bin") else { return nil }
        let digits = fileName.dropFirst(6).dropLast(4)
        guard digits.count >= 6, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits)
    }

    /// Whether `file` in the run folder `folder` is a name a run writes (or its temporary).
    public static func isRunOutput(_ file: String, in folder: String) -> Bool {
        RunOutput.allCases.contains { $0.isFolder && $0.name == folder && $0.holds(file) }
    }

    /// Six-digit tick or run number, as in `frame_000120.png` and `runs/000007/`.
    public static func pad6(_ n: Int) -> String { OutputDirectory.zeroPadded(n, width: 6) }
}

/// Field names of `.npy` snapshots (kept here so `OutputNames` knows every name a run writes).
public enum SnapshotNames {
    public static let fields = ["waste", "components", "toxicity", "attractiveness"]
}
