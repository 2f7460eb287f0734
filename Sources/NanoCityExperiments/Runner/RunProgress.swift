import NanoCityIO

/// What happened to one run, reported as it finishes (for progress output).
public struct RunProgress: Sendable {
    public var run: SweepPlan.Run
    public var status: RunStatus
    public var wallSeconds: Double
    /// Runs of this shard complete so far (including resumed ones) and in total.
    public var done: Int
    public var total: Int
}
