import NanoCityEngine

/// Kinds of discrete events written to `events.csv`.
public enum EventKind: String, Sendable, CaseIterable {
    /// A crew member stole components from a centre (or stock from the Heart); amount = mass.
    case theft
    /// A crew member dumped biohazards; amount = toxicity added.
    case dump
    /// A guard arrested a crew member; agent = the crew member, amount = loot confiscated.
    case arrest
    /// A crew member came out of jail; agent = the crew member.
    case release
    /// A sensor detected a crime (or the Heart raised the heist alarm); amount = 1.
    case alert
    /// A crew member hacked a sensor; x, y = the sensor.
    case hack
    /// The crew began a heist on the Heart; amount = crew taking part.
    case heistStart = "heist_start"
    /// A heist succeeded; amount = reservoir stock lost.
    case heist
    /// A heist failed (timed out or no crew left); amount = ticks it lasted.
    case heistFailed = "heist_failed"
    /// Community recruitment added guards; amount = guards added.
    case recruit
    /// A new crew member joined, paid from crew cash; agent = the new member.
    case crewJoin = "crew_join"
    /// Education brought a new recycler; agent = the new recycler.
    case recyclerJoin = "recycler_join"
    /// A recycler went home sick; agent = the recycler, amount = health.
    case sick
    /// A Recycle Revolution workshop was held; amount = new education level.
    case workshop
    /// A `[[schedule]]` entry was applied; agent = the entry's index, amount = keys changed.
    case schedule
    /// short2008: a burglar burgled and left; amount = 1.
    case burglary
    /// An informant's tip reached the guards and raised an alert at x, y; agent = the informant
    /// (who may have been silenced since), amount = 1.
    case tip
    /// Crew discovered and silenced an informant; agent = the informant.
    case silenced
}

extension EventKind {
    /// Whether an event of this kind happens at a cell (x, y ≥ 0): the kinds a crime pattern
    /// can be about.
    public var hasPlace: Bool {
        switch self {
        case .theft, .dump, .arrest, .alert, .hack, .sick, .burglary, .tip, .silenced: true
        case .release, .heistStart, .heist, .heistFailed, .recruit, .crewJoin, .recyclerJoin, .workshop, .schedule: false
        }
    }
}

/// One row of `events.csv`. Coordinates are -1 for events without a place, agent -1 without an agent.
public struct Event: Sendable, Equatable {
    public var tick: Int32
    public var kind: EventKind
    public var x: Int32
    public var y: Int32
    /// Stable agent id (unique across kinds within a run), or -1.
    public var agent: Int64
    public var amount: Double
}
