/// Dumpsley's crew, struct-of-arrays. Departed members are marked `gone` during a tick and
/// compacted at its end, so indices in the tick's shuffled order stay valid.
public struct CrewStore: AgentStore {
    public enum State: UInt8, Sendable, CaseIterable { case prowling = 0, fleeing, heist, jailed, gone }
    /// Stable agent ids, unique over the run (64-bit: a long run may create more than 2³¹ agents).
    public var id: [Int64] = []
    public var cell: [Int32] = []
    public var state: [UInt8] = []
    /// Stolen goods carried (mass).
    public var loot: [Float] = []
    /// What the fence will pay for the loot (price units), fixed when it was stolen.
    public var lootValue: [Float] = []
    /// Of `loot`, the reservoir stock taken in a heist (mass): what an arrest gives back to the
    /// Heart, so `heist_losses_net` can count it.
    public var heistLoot: [Float] = []
    /// Target cell (a centre or the Heart) while prowling, or -1.
    public var target: [Int32] = []
    /// Ticks of jail left.
    public var jail: [Int32] = []
    /// Held by containment this tick (cannot act, easy to arrest, does not hold the Heart).
    public var trapped: [Bool] = []
    public var count: Int { id.count }
    public static let kind = AgentKind.crew
    public init() {}

    public static let columns: [AgentColumn<Self>] = [
        .init("id", \.id, initial: -1, meaning: "stable agent id, unique over the run"),
        .init("cell", \.cell, unit: "cell", initial: -1, range: .cellOrNone, meaning: "where the member stands (−1 out of the city)"),
        .init("state", \.state, initial: State.prowling.rawValue, range: .code(count: State.allCases.count), meaning: "prowling, fleeing with loot, in a heist, jailed or gone"),
        .init("loot", \.loot, unit: "mass", initial: 0, meaning: "stolen goods carried"),
        .init("lootValue", \.lootValue, unit: "price", initial: 0, meaning: "what the fence will pay for the loot"),
        .init("target", \.target, unit: "cell", initial: -1, range: .cellOrNone, meaning: "the centre or the Heart being walked to, or −1"),
        .init("jail", \.jail, unit: "ticks", initial: 0, meaning: "jail time left"),
        .init("trapped", \.trapped, initial: false, meaning: "held by containment this tick"),
        .init("heistLoot", \.heistLoot, unit: "mass", initial: 0, meaning: "of the loot, the reservoir stock taken in a heist"),
    ]

    /// Whether member `k` is out in the city (prowling, fleeing or in a heist): not jailed, not gone.
    public func isFree(_ k: Int) -> Bool {
        let s = state[k]
        return s == State.prowling.rawValue || s == State.fleeing.rawValue || s == State.heist.rawValue
    }

    /// Members not departed (free or jailed): what `crew.count` and `crew.max` count.
    public var present: Int {
        var n = 0
        for s in state where s != State.gone.rawValue { n += 1 }
        return n
    }

}

extension CrewStore {
    /// The columns as buffers, for agents deciding on several cores (each writes only its own
    /// rows). No `loot`: only the resolution touches it.
    struct Columns {
        let id: UnsafeMutableBufferPointer<Int64>, cell: UnsafeMutableBufferPointer<Int32>
        let state: UnsafeMutableBufferPointer<UInt8>, target: UnsafeMutableBufferPointer<Int32>
        let jail: UnsafeMutableBufferPointer<Int32>, trapped: UnsafeMutableBufferPointer<Bool>
    }

    mutating func withColumns<R>(_ body: (Columns) -> R) -> R {
        id.withUnsafeMutableBufferPointer { id in cell.withUnsafeMutableBufferPointer { cell in
            state.withUnsafeMutableBufferPointer { state in target.withUnsafeMutableBufferPointer { target in
                jail.withUnsafeMutableBufferPointer { jail in trapped.withUnsafeMutableBufferPointer { trapped in
                    body(Columns(id: id, cell: cell, state: state, target: target, jail: jail, trapped: trapped))
                } }
            } }
        } }
    }
}
