/// Scavengers (Milo's old trade), struct-of-arrays.
public struct ScavengerStore: AgentStore {
    public enum State: UInt8, Sendable, CaseIterable { case seeking = 0, sellingLegal, sellingBlack }
    /// Stable agent ids, unique over the run (64-bit: a long run may create more than 2³¹ agents).
    public var id: [Int64] = []
    public var cell: [Int32] = []
    public var state: [UInt8] = []
    public var load: [Float] = []
    public var target: [Int32] = []
    /// Ticks since components were last found.
    public var idle: [Int32] = []
    public var count: Int { id.count }
    public static let kind = AgentKind.scavenger
    public init() {}

    public static let columns: [AgentColumn<Self>] = [
        .init("id", \.id, initial: -1, meaning: "stable agent id, unique over the run"),
        .init("cell", \.cell, unit: "cell", initial: -1, range: .cell, meaning: "where the agent stands"),
        .init("state", \.state, initial: State.seeking.rawValue, range: .code(count: State.allCases.count), meaning: "seeking, selling to a centre or selling to the crew"),
        .init("load", \.load, unit: "mass", initial: 0, meaning: "components carried"),
        .init("target", \.target, unit: "cell", initial: -1, range: .cellOrNone, meaning: "the components or buyer being walked to, or −1"),
        .init("idle", \.idle, unit: "ticks", initial: 0, meaning: "ticks since components were last found (patience runs out)"),
    ]

}

extension ScavengerStore {
    /// The columns as buffers, for agents deciding on several cores (each writes only its own rows).
    struct Columns {
        let id: UnsafeMutableBufferPointer<Int64>, cell: UnsafeMutableBufferPointer<Int32>
        let state: UnsafeMutableBufferPointer<UInt8>, load: UnsafeMutableBufferPointer<Float>
        let target: UnsafeMutableBufferPointer<Int32>, idle: UnsafeMutableBufferPointer<Int32>
    }

    mutating func withColumns<R>(_ body: (Columns) -> R) -> R {
        id.withUnsafeMutableBufferPointer { id in cell.withUnsafeMutableBufferPointer { cell in
            state.withUnsafeMutableBufferPointer { state in load.withUnsafeMutableBufferPointer { load in
                target.withUnsafeMutableBufferPointer { target in idle.withUnsafeMutableBufferPointer { idle in
                    body(Columns(id: id, cell: cell, state: state, load: load, target: target, idle: idle))
                } }
            } }
        } }
    }
}
