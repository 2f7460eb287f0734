import NanoCityModel

/// Agents and devices a frame can show.
public enum FrameAgentLayer: String, Sendable, CaseIterable {
    case recyclers, scavengers, guards, crew, sensors

    /// The layer that shows agents of `kind`.
    public static func showing(_ kind: AgentKind) -> FrameAgentLayer {
        switch kind {
        case .recycler: .recyclers
        case .scavenger: .scavengers
        case .crew: .crew
        case .guardian: .guards
        }
    }
}
