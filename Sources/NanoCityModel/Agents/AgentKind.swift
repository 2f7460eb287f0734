/// Agent kinds, in the order used to encode the shuffled schedule.
public enum AgentKind: UInt32, Sendable, CaseIterable {
    case recycler = 0, scavenger, crew, guardian
}
