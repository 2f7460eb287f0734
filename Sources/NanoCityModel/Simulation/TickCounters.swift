import NanoCityEngine

/// Per-tick counters, reset at the start of every tick (so `metrics.csv` counters are per tick).
public struct TickCounters: Sendable, Equatable {
    public var delivered = 0.0
    public var recycled = 0.0
    public var thefts = 0
    public var stolen = 0.0
    public var dumps = 0
    public var dumpsDetected = 0
    public var arrests = 0
    public var alerts = 0
    public var hacks = 0
    public var heistAttempts = 0
    public var heistLosses = 0.0
    public var salesLegal = 0.0
    public var salesBlack = 0.0
    public var guardsRecruited = 0
    public var crewRecruited = 0
    public var recyclersRecruited = 0
    public var toxicityCleaned = 0.0
    public var littered = 0.0
    public var burglaries = 0
    /// Heist loot (mass) arrests returned to the reservoir.
    public var heistReturned = 0.0
    /// Informants' tips that reached the guards.
    public var tips = 0
    /// Informants silenced by the crew.
    public var informantsSilenced = 0
    public init() {}
}
