/// What each kind of agent is and carries, for the model's description (`nanocity describe`,
/// the ODD protocol's "entities, state variables and scales"). A test holds every stored
/// column of each store to a line here, so a new column cannot go undescribed.
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
        case .guardian: "Guards"
        }
    }

    /// The role of this kind in the story and the model, in one sentence.
    public var role: String {
        switch self {
        case .recycler: "Zia's workforce: collects waste, delivers it to recycling centres, falls sick in toxicity and recovers at home."
        case .scavenger: "Milo's old trade: hunts high-value components and sells them to a centre or, on the black market, to the crew."
        case .crew: "Dumpsley's crew: steals from centres and the Heart, dumps biohazards, hacks sensors, fences loot, recruits and stages heists."
        case .guardian: "Noah's guards: patrol by a strategy, answer sensor alerts and arrest crew members within reach."
        }
    }

    /// The state every agent of this kind carries (one column of its store each), and what
    /// its state codes mean.
    public var stateVariables: [StateVariable] {
        let common = [StateVariable(name: "id", unit: "", meaning: "stable agent id, unique over the run"),
                      StateVariable(name: "cell", unit: "cell", meaning: "where the agent stands (−1 for crew out of the city)")]
        switch self {
        case .recycler:
            return common + [
                StateVariable(name: "state", unit: "", meaning: "seeking, delivering or sick"),
                StateVariable(name: "load", unit: "mass", meaning: "waste carried"),
                StateVariable(name: "health", unit: "", meaning: "health in [0, 1]; below recyclers.sick_threshold the recycler goes home sick"),
                StateVariable(name: "target", unit: "cell", meaning: "the waste being walked to, or −1"),
                StateVariable(name: "home", unit: "cell", meaning: "where a sick recycler recovers"),
            ]
        case .scavenger:
            return common + [
                StateVariable(name: "state", unit: "", meaning: "seeking, selling to a centre or selling to the crew"),
                StateVariable(name: "load", unit: "mass", meaning: "components carried"),
                StateVariable(name: "target", unit: "cell", meaning: "the components or buyer being walked to, or −1"),
                StateVariable(name: "idle", unit: "ticks", meaning: "ticks since components were last found (patience runs out)"),
            ]
        case .crew:
            return common + [
                StateVariable(name: "state", unit: "", meaning: "prowling, fleeing with loot, in a heist, jailed or gone"),
                StateVariable(name: "loot", unit: "mass", meaning: "stolen goods carried"),
                StateVariable(name: "lootValue", unit: "price", meaning: "what the fence will pay for the loot"),
                StateVariable(name: "heistLoot", unit: "mass", meaning: "of the loot, the reservoir stock taken in a heist"),
                StateVariable(name: "target", unit: "cell", meaning: "the centre or the Heart being walked to, or −1"),
                StateVariable(name: "jail", unit: "ticks", meaning: "jail time left"),
                StateVariable(name: "trapped", unit: "", meaning: "held by containment this tick"),
            ]
        case .guardian:
            return common + [
                StateVariable(name: "state", unit: "", meaning: "patrolling or responding to an alert"),
                StateVariable(name: "target", unit: "cell", meaning: "the alert being answered, or −1"),
                StateVariable(name: "station", unit: "cell", meaning: "the home station"),
            ]
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
        case .agents: "every recycler, scavenger, crew member and guard decides from the world as the phase began, on its own random stream"
        case .agentResolution: "in the shuffled order, each agent's acts on shared state are applied (pick-ups, sales, thefts, dumps, hacks, arrests, moves)"
        case .heistResolution: "the heist holds the Heart or not; success drains the reservoir, time-out ends it"
        case .centres: "centres process their waste queue into reservoir stock and ship components to the Heart"
        case .sensors: "alerts expire; containment cleans toxicity around active sensors"
        case .diffusion: "toxicity diffuses (NetLogo `diffuse`) and decays"
        case .crimeField: "the crime attractiveness field B is updated (Short et al. 2008)"
        case .health: "public health is computed from residential toxicity"
        case .education: "workshops, education decay, recycler recruitment"
        case .recruitment: "community recruitment of guards; the crew buys members with its cash"
        case .cleanup: "departed crew are removed from storage"
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
