/// Recyclers (Zia's workforce), struct-of-arrays.
public struct RecyclerStore: AgentStore {
    public enum State: UInt8, Sendable, CaseIterable { case seeking = 0, delivering, sick }
    /// Stable agent ids, unique over the run (64-bit: a long run may create more than 2³¹ agents).
    public var id: [Int64] = []
    public var cell: [Int32] = []
    public var state: [UInt8] = []
    /// Waste carried (mass).
    public var load: [Float] = []
    /// Health in [0, 1].
    public var health: [Float] = []
    /// Cell of the waste being walked to, or -1.
    public var target: [Int32] = []
    /// Residential (or street) cell where a sick recycler recovers.
    public var home: [Int32] = []
    public var count: Int { id.count }
    public static let kind = AgentKind.recycler
    public init() {}

    public static let columns: [AgentColumn<Self>] = [
        .init("id", \.id, initial: -1, meaning: "stable agent id, unique over the run"),
        .init("cell", \.cell, unit: "cell", initial: -1, range: .cell, meaning: "where the agent stands"),
        .init("state", \.state, initial: State.seeking.rawValue, range: .code(count: State.allCases.count), meaning: "seeking, delivering or sick"),
        .init("load", \.load, unit: "mass", initial: 0, meaning: "waste carried"),
        .init("health", \.health, initial: 1, meaning: "health in [0, 1]; below recyclers.sick_threshold the recycler goes home sick"),
        .init("target", \.target, unit: "cell", initial: -1, range: .cellOrNone, meaning: "the waste being walked to, or −1"),
        .init("home", \.home, unit: "cell", initial: -1, range: .cell, meaning: "where a sick recycler recovers"),
    ]

    mutating func append(id i: Int64, cell c: Int32, home h: Int32) {
        let k = appendInitialRow()
        fill(k, id: i, cell: c)
        home[k] = h
    }
}

extension RecyclerStore {
    /// The columns as buffers, for agents deciding on several cores (each writes only its own rows).
    struct Columns {
        let id: UnsafeMutableBufferPointer<Int64>, cell: UnsafeMutableBufferPointer<Int32>
        let state: UnsafeMutableBufferPointer<UInt8>, load: UnsafeMutableBufferPointer<Float>
        let health: UnsafeMutableBufferPointer<Float>, target: UnsafeMutableBufferPointer<Int32>
        let home: UnsafeMutableBufferPointer<Int32>
    }

    mutating func withColumns<R>(_ body: (Columns) -> R) -> R {
        id.withUnsafeMutableBufferPointer { id in cell.withUnsafeMutableBufferPointer { cell in
            state.withUnsafeMutableBufferPointer { state in load.withUnsafeMutableBufferPointer { load in
                health.withUnsafeMutableBufferPointer { health in target.withUnsafeMutableBufferPointer { target in
                    home.withUnsafeMutableBufferPointer { home in
                        body(Columns(id: id, cell: cell, state: state, load: load, health: health, target: target, home: home))
                    }
                } }
            } }
        } }
    }
}
