/// Parameters that only set where the city starts: the model then changes the state they
/// initialise (populations, the education level) while the parameter keeps its value, so
/// varying one in a sweep does not hold the lever fixed. Each entry says what changes the
/// state and which setting holds it at the starting value.
public enum ModelDrivenParameters {
    public struct Entry: Sendable {
        public let key: String
        /// What changes it during a run.
        public let changedBy: String
        /// The `--set` assignments that hold it at its starting value.
        public let holdFixed: String
    }

    public static let all: [Entry] = [
        Entry(key: "guards.count", changedBy: "community recruitment adds guards when reported crimes exceed guards.recruit_threshold",
              holdFixed: "guards.recruit_threshold=0"),
        Entry(key: "crew.count", changedBy: "the crew buys members with its cash (crew.recruit_cost) up to crew.max; arrests remove members",
              holdFixed: "crew.max=<crew.count> (no recruitment; arrests still remove)"),
        Entry(key: "recyclers.count", changedBy: "education recruits recyclers (education.recruit_rate × level × public health)",
              holdFixed: "education.recruit_rate=0"),
        Entry(key: "education.level", changedBy: "workshops raise it (education.workshop_every) and it decays (education.decay)",
              holdFixed: "education.workshop_every=0 education.decay=0"),
    ]

    public static func entry(for key: String) -> Entry? { all.first { $0.key == key } }
}
