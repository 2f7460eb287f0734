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
        /// The metrics.csv column holding the value the model moved it to (its `_final` is
        /// where a run ended).
        public let metric: String
        /// Whether these parameters hold it at its starting value.
        public let isHeld: @Sendable (WorldParameters) -> Bool

        /// The one line a command prints where such a lever is set without being held fixed.
        public var note: String {
            "note: \(key) is a starting value, and the model moves it: \(changedBy). To hold it fixed: --set \(holdFixed); "
                + "\(metric)_final says where a run ended"
        }
    }

    public static let all: [Entry] = [
        Entry(key: "guards.count", changedBy: "community recruitment adds guards when reported crimes exceed guards.recruit_threshold",
              holdFixed: "guards.recruit_threshold=0", metric: "guards", isHeld: { $0.guards.recruitThreshold == 0 }),
        Entry(key: "crew.count", changedBy: "the crew buys members with its cash (crew.recruit_cost) up to crew.max; arrests remove members",
              holdFixed: "crew.max=<crew.count> (no recruitment; arrests still remove)", metric: "crew",
              isHeld: { $0.crew.max <= $0.crew.count }),
        Entry(key: "recyclers.count", changedBy: "education recruits recyclers (education.recruit_rate × level × public health)",
              holdFixed: "education.recruit_rate=0", metric: "recyclers", isHeld: { $0.education.recruitRate == 0 }),
        Entry(key: "education.level", changedBy: "workshops raise it (education.workshop_every) and it decays (education.decay)",
              holdFixed: "education.workshop_every=0 education.decay=0", metric: "education_level",
              isHeld: { $0.education.workshopEvery == 0 && $0.education.decay == 0 }),
    ]

    public static func entry(for key: String) -> Entry? { all.first { $0.key == key } }

    /// The notes for `keys` (set, varied or changed by an arm) that `parameters` do not hold
    /// fixed, one per key, in the order given.
    public static func notes(keys: [String], parameters: WorldParameters) -> [String] {
        var seen = Set<String>()
        return keys.compactMap { k in
            guard seen.insert(k).inserted, let e = entry(for: k), !e.isHeld(parameters) else { return nil }
            return e.note
        }
    }
}
