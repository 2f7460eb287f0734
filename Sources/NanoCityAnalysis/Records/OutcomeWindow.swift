/// Which ticks a fork's outcome columns (`_final`, `_mean`, `_total`) summarise.
///
/// Before the fork every arm runs the same state with the same stream, so burn-in ticks add
/// the same amount to every arm: counted in, they dilute every relative effect. The default
/// window therefore starts the tick after the fork.
public enum OutcomeWindow: String, Sendable, CaseIterable, Decodable {
    /// Ticks T+1…N (T = `--fork-at`, N = `--ticks`): what the arms do differently.
    case postFork = "post-fork"
    /// Ticks 1…N, burn-in included (as a plain run of N ticks reports them).
    case whole

    /// The first and last tick the window sums over (`_final` is the value at the last).
    public func ticks(forkAt: Int, ticks: Int) -> ClosedRange<Int> {
        self == .postFork ? (forkAt + 1)...ticks : 1...max(ticks, 1)
    }

    /// For tables: "ticks 501–1500 (after the fork at tick 500)".
    public func describe(forkAt: Int, ticks n: Int) -> String {
        let r = ticks(forkAt: forkAt, ticks: n)
        switch self {
        case .postFork: return "ticks \(r.lowerBound)–\(r.upperBound) (after the fork at tick \(forkAt))"
        case .whole: return "ticks \(r.lowerBound)–\(r.upperBound) (the whole run, burn-in to tick \(forkAt) included)"
        }
    }
}
