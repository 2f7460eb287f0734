/// What each kind of agent is and carries, for the model's description (`nanocity describe`,
/// the ODD protocol's "entities, state variables and scales"). Each column's variable is
/// declared with the column (`AgentStore.columns`); a test holds every stored array of each
/// store to a declared column, so a new column cannot go undescribed.
public struct StateVariable: Sendable {
    /// The store's column (property) name.
    public let name: String
    public let unit: String
    public let meaning: String
}

extension AgentKind {
    /// The kind as a heading: "Recyclers", "Dumpsley's crew".
    public var title: String {
        switch self {
        case .recycler: "Recyclers"
        case .scavenger: "Scavengers"
        case .crew: "Dumpsley's crew"
        case .guard: "Guards"
        case .informant: "Mars's informants"
        }
    }

    /// The role of this kind in the story and the model, in one sentence.
    public var role: String {
        switch self {
        case .recycler: "Zia's workforce: collects waste, delivers it to recycling centres, falls sick in toxicity and recovers at home."
        case .scavenger: "Milo's old trade: hunts high-value components and sells them to a centre or, on the black market, to the crew."
        case .crew: "Dumpsley's crew: steals from centres and the Heart, dumps biohazards, hacks sensors, fences loot, recruits and stages heists."
        case .guard: "Noah's guards: patrol by a strategy, answer sensor alerts and arrest crew members within reach."
        case .informant: "Mars's network: walk the streets, notice crew activity nearby and tip off the guards, at the risk of being silenced."
        }
    }

    /// The state every agent of this kind carries: its store's columns, as declared there.
    public var stateVariables: [StateVariable] {
        switch self {
        case .recycler: RecyclerStore.columns.map(\.variable)
        case .scavenger: ScavengerStore.columns.map(\.variable)
        case .crew: CrewStore.columns.map(\.variable)
        case .guard: GuardStore.columns.map(\.variable)
        case .informant: InformantStore.columns.map(\.variable)
        }
    }
}

extension TickPhase {
    /// What the phase does, in one line (the ODD's process overview lists the phases in the
    /// order the tick runs them, from `allCases`).
    public var summary: String {
        switch self {
        case .schedule: "`[[schedule]]` entries for this tick are applied; populations reconciled to changed counts; a changed sensor setting re-places the network"
        case .heistTrigger: "a heist starts at `heist.tick`, or when free crew reach `heist.strength` after the cooldown"
        case .generation: "waste, littering, components and industrial toxicity are produced"
        case .agentOrder: "the tick's agent order is shuffled; tile maxima and target weights are computed for the decisions"
        case .agents: "every recycler, scavenger, crew member, guard and informant decides from the world as the phase began, on its own random stream"
        case .agentResolution: "in the shuffled order, each agent's acts on shared state are applied (pick-ups, sales, thefts, dumps, hacks, arrests, moves)"
        case .heistResolution: "the heist holds the Heart or not; success drains the reservoir, time-out ends it"
        case .centres: "centres process their waste queue into reservoir stock and ship components to the Heart"
        case .sensors: "informants' due tips become alerts; alerts expire; containment cleans toxicity around active sensors"
        case .diffusion: "toxicity diffuses (NetLogo `diffuse`) and decays"
        case .crimeField: "the crime attractiveness field B is updated (Short et al. 2008)"
        case .health: "public health is computed from residential toxicity"
        case .education: "workshops, education decay, recycler recruitment"
        case .recruitment: "community recruitment of guards; the crew buys members with its cash"
        case .cleanup: "departed crew and silenced informants are removed from storage"
        }
    }
}

extension City {
    /// The per-cell fields, with units and meaning.
    public static let fieldDescriptions: [StateVariable] = [
        StateVariable(name: "waste", unit: "mass", meaning: "recyclable waste lying on the cell"),
        StateVariable(name: "components", unit: "mass", meaning: "high-value components lying on the cell"),
        StateVariable(name: "toxicity", unit: "tox", meaning: "biohazard concentration; diffuses and decays"),
        StateVariable(name: "attractiveness", unit: "1/time", meaning: "the dynamic crime attractiveness B (A = crime.a0 + B)"),
    ]
}
