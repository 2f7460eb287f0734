/// A sweep that cannot start or finish, with what to do about it.
public enum SweepError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A `--vary` (or `[vary]`) spec that is wrong; `spec` is the text as given.
    case badVary(spec: String, message: String)
    case badPlan(String)
    /// The output directory holds another sweep or other files.
    case outputConflict(path: String, message: String)
    case io(path: String, message: String)
    case badShard(String)
    case merge(String)
    /// A sweep directory whose results cannot be read or analysed as asked.
    case results(String)
    /// Stopped on purpose before the end, resumable: interrupted (a signal), or — a sharded
    /// calibration — this task's shard of a generation done while the generation is not.
    case paused(PauseReason, String)

    public enum PauseReason: Sendable, Equatable {
        case interrupted
        case shardDone
    }

    public var description: String {
        switch self {
        case .badVary(let spec, let m): return "--vary \(spec): \(m)"
        case .badPlan(let m): return m
        case .outputConflict(let p, let m): return "\(p): \(m)"
        case .io(let p, let m): return "\(p): \(m)"
        case .badShard(let m): return "--shard: \(m)"
        case .merge(let m): return "merge: \(m)"
        case .results(let m): return m
        case .paused(_, let m): return m
        }
    }
}
