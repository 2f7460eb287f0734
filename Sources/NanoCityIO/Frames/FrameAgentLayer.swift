import NanoCityModel

/// Agents and devices a frame can show.
public enum FrameAgentLayer: String, Sendable, CaseIterable {
    case recyclers, scavengers, guards, crew, sensors, informants

    /// The layer that shows agents of `kind`.
    public static func showing(_ kind: AgentKind) -> FrameAgentLayer {
        switch kind {
        case .recycler: .recyclers
        case .scavenger: .scavengers
        case .crew: .crew
        case .guard: .guards
        case .informant: .informants
        }
    }

    /// The markers this layer draws, as the legend lists them (the plain one first). A new
    /// agent kind needs a layer (`showing` does not compile without one) and its markers here.
    public var markers: [AgentMarker] {
        switch self {
        case .recyclers: [.recycler, .recyclerCarrying, .recyclerSick]
        case .scavengers: [.scavenger, .scavengerCarrying]
        case .guards: [.guard, .guardResponding]
        case .crew: [.crew, .crewInHeist, .crewTrapped]
        case .sensors: [.sensor, .hackedSensor]
        case .informants: [.informant]
        }
    }
}
