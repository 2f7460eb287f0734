/// How a run stands, as `manifest.json`'s `status` spells it.
public enum RunStatus: Sendable, Equatable, CustomStringConvertible {
    case running
    case complete
    /// Stopped (Ctrl-C, SIGTERM) after completing this many ticks; resumable.
    case interrupted(atTick: Int)
    /// An output could not be written, or the run could not continue.
    case failed(String)

    public var description: String {
        switch self {
        case .running: return "running"
        case .complete: return "complete"
        case .interrupted(let t): return "interrupted at tick \(t)"
        case .failed(let why): return "failed: \(why)"
        }
    }

    public var isInterrupted: Bool { if case .interrupted = self { return true } else { return false } }
}
