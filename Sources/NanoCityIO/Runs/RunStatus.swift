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

    /// The status `description` spelled (as manifests and summary.csv write it); nil for any
    /// other text. The one place a status is read back from text.
    public init?(parsing text: Substring) {
        switch text {
        case "running": self = .running
        case "complete": self = .complete
        default:
            if text.hasPrefix("failed: ") { self = .failed(String(text.dropFirst(8))); return }
            let prefix = "interrupted at tick "
            guard text.hasPrefix(prefix), let t = Int(text.dropFirst(prefix.count)), t >= 0 else { return nil }
            self = .interrupted(atTick: t)
        }
    }

    public init?(parsing text: String) { self.init(parsing: Substring(text)) }
}
