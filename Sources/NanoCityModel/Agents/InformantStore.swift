/// Mars's informants, struct-of-arrays. A silenced informant stays in storage, inactive,
/// until the tick's cleanup, so indices in the tick's shuffled order stay valid.
public struct InformantStore: AgentStore {
    public enum State: UInt8, Sendable, CaseIterable { case walking = 0, silenced }
    /// Stable agent ids, unique over the run (64-bit: a long run may create more than 2³¹ agents).
    public var id: [Int64] = []
    public var cell: [Int32] = []
    public var state: [UInt8] = []
    public var count: Int { id.count }
    public static let kind = AgentKind.informant
    public init() {}

    public static let columns: [AgentColumn<Self>] = [
        .init("id", \.id, initial: -1, meaning: "stable agent id, unique over the run"),
        .init("cell", \.cell, unit: "cell", initial: -1, range: .cell, meaning: "where the informant stands"),
        .init("state", \.state, initial: State.walking.rawValue, range: .code(count: State.allCases.count), meaning: "walking the streets, or silenced (removed at the tick's end)"),
    ]

    /// Informants not silenced.
    public var active: Int {
        var n = 0
        for s in state where s == State.walking.rawValue { n += 1 }
        return n
    }

}

extension InformantStore {
    /// The columns as buffers, for agents deciding on several cores (each writes only its own rows).
    struct Columns {
        let id: UnsafeMutableBufferPointer<Int64>, cell: UnsafeMutableBufferPointer<Int32>
        let state: UnsafeMutableBufferPointer<UInt8>
    }

    mutating func withColumns<R>(_ body: (Columns) -> R) -> R {
        id.withUnsafeMutableBufferPointer { id in cell.withUnsafeMutableBufferPointer { cell in
            state.withUnsafeMutableBufferPointer { state in body(Columns(id: id, cell: cell, state: state)) }
        } }
    }
}
