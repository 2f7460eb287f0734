/// How a run stands, as `manifest.json`'s `status` spells it.
public enum RunStatus: Sendable, Equatable, CustomStringConvertible {
    case running
    case complete
    /// Stopped (Ctrl-C, SIGTERM) after completing this many ticks; resumable.
    case interrupted(atTick: Int)
    /// An output could not be written, or the run could not continue.
    case failed(String)
    /// Stopped by a sweep's per-run wall-time limit (`--run-timeout`) after this many ticks.
    case timeout(atTick: Int, limitSeconds: Double)

    public var description: String {
        switch self {
        case .running: return "running"
        case .complete: return "complete"
        case .interrupted(let t): return "interrupted at tick \(t)"
        case .failed(let why): return "failed: \(why)"
        case .timeout(let t, let limit): return "timeout at tick \(t) (limit \(CSVNumber.format(limit)) s)"
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
            if text.hasPrefix("timeout at tick "), text.hasSuffix(" s)"), let open = text.firstIndex(of: "(") {
                let tick = text.dropFirst(16).prefix { $0 != " " }
                let limit = text[text.index(after: open)...].dropFirst(6).dropLast(3)
                guard let t = Int(tick), t >= 0, let l = Double(limit), l > 0, l.isFinite else { return nil }
                self = .timeout(atTick: t, limitSeconds: l)
                return
            }
            let prefix = "interrupted at tick "
            guard text.hasPrefix(prefix), let t = Int(text.dropFirst(prefix.count)), t >= 0 else { return nil }
            self = .interrupted(atTick: t)
        }
    }

    public init?(parsing text: String) { self.init(parsing: Substring(text)) }
}
