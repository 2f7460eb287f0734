/// How a sweep's run seeds follow from its base seed, as `sweep.json`'s `seed_rule` names it.
public enum SeedRule: String, Sendable, CaseIterable, Decodable {
    /// seed(run) = derive(base, run): every run, replicate or point, has its own stream.
    case perRun = "per-run"
    /// seed(run) = derive(base, replicate): replicate r uses the same seed at every point
    /// (common random numbers, for paired comparisons of policies).
    case perReplicate = "per-replicate"
}
