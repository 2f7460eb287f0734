/// The kinds of agent, in the order used to encode the shuffled schedule. Everything that
/// lists agents (the tick's order, populations, snapshots, frames, the bench) goes through
/// `AgentKind.allCases` and an exhaustive `switch`, so a new kind is a compile error in each
/// place that must handle it: its store and behaviour in `Agents/`, then the cases the
/// compiler asks for.
public enum AgentKind: UInt32, Sendable, CaseIterable {
    case recycler = 0, scavenger, crew, `guard`, informant

    /// Singular name, as `agents_NNNNNN.csv` writes it in the `kind` column.
    public var name: String {
        switch self {
        case .recycler: "recycler"
        case .scavenger: "scavenger"
        case .crew: "crew"
        case .guard: "guard"
        case .informant: "informant"
        }
    }

    /// The `metrics.csv` column that counts this population (`City.population`), with its doc.
    public var metric: (name: String, doc: String) {
        switch self {
        case .recycler: ("recyclers", "recyclers")
        case .scavenger: ("scavengers", "scavengers")
        case .crew: ("crew", "crew members free in the city")
        case .guard: ("guards", "guards")
        case .informant: ("informants", "Mars's informants active in the city (silenced ones are not counted)")
        }
    }
}

extension City {
    /// Agents of `kind` in storage, each of which acts once per tick (crew who left the city
    /// stay in storage until the tick's cleanup).
    public func storedCount(_ kind: AgentKind) -> Int {
        switch kind {
        case .recycler: recyclers.count
        case .scavenger: scavengers.count
        case .crew: crew.count
        case .guard: guards.count
        case .informant: informants.count
        }
    }

    /// Agents of `kind` out in the city: crew in jail or gone are not counted (the `crew`
    /// metric and the bench's agent-steps count the same way).
    public func population(_ kind: AgentKind) -> Int {
        switch kind {
        case .recycler: recyclers.count
        case .scavenger: scavengers.count
        case .crew: freeCrew
        case .guard: guards.count
        case .informant: informants.active
        }
    }
}
