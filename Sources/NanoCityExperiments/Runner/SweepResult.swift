import NanoCityIO

/// How a sweep ended.
public struct SweepResult: Sendable {
    public var directory: String
    public var total: Int
    public var alreadyDone: Int
    public var ran: Int
    public var failed: Int
    public var interrupted: Bool
}
