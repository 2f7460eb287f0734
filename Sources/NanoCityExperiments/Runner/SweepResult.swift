import NanoCityIO

/// How a sweep ended.
public struct SweepResult: Sendable {
    public var directory: String
    public var total: Int
    public var alreadyDone: Int
    public var ran: Int
    /// Runs that did not complete (failed or timed out), this time.
    public var failed: Int
    public var interrupted: Bool
    /// The runs stopped by `--run-timeout` this time (run indices, ascending); also in `failed`.
    public var timedOut: [Int] = []
}
