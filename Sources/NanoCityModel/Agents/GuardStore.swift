/// Guards (Noah's), struct-of-arrays.
public struct GuardStore: AgentStore {
    public enum State: UInt8, Sendable, CaseIterable { case patrolling = 0, responding }
    /// Stable agent ids, unique over the run (64-bit: a long run may create more than 2³¹ agents).
    public var id: [Int64] = []
    public var cell: [Int32] = []
    public var state: [UInt8] = []
    /// Alert cell being answered, or -1.
    public var target: [Int32] = []
    /// Home station cell.
    public var station: [Int32] = []
    public var count: Int { id.count }
    public static let kind = AgentKind.guard
    public init() {}

    public static let columns: [AgentColumn<Self>] = [
        .init("id", \.id, initial: -1, meaning: "stable agent id, unique over the run"),
        .init("cell", \.cell, unit: "cell", initial: -1, range: .cell, meaning: "where the agent stands"),
        .init("state", \.state, initial: State.patrolling.rawValue, range: .code(count: State.allCases.count), meaning: "patrolling or responding to an alert"),
        .init("target", \.target, unit: "cell", initial: -1, range: .cellOrNone, meaning: "the alert being answered, or −1"),
        .init("station", \.station, unit: "cell", initial: -1, range: .cell, meaning: "the home station"),
    ]

    /// A new guard's station is where it starts.
    public mutating func fill(_ k: Int, id i: Int64, cell c: Int32) {
        id[k] = i; cell[k] = c; station[k] = c
    }
}

extension GuardStore {
    /// The columns as buffers, for agents deciding on several cores (each writes only its own rows).
    struct Columns {
        let id: UnsafeMutableBufferPointer<Int64>, cell: UnsafeMutableBufferPointer<Int32>
        let state: UnsafeMutableBufferPointer<UInt8>, target: UnsafeMutableBufferPointer<Int32>
        let station: UnsafeMutableBufferPointer<Int32>
    }

    mutating func withColumns<R>(_ body: (Columns) -> R) -> R {
        id.withUnsafeMutableBufferPointer { id in cell.withUnsafeMutableBufferPointer { cell in
            state.withUnsafeMutableBufferPointer { state in target.withUnsafeMutableBufferPointer { target in
                station.withUnsafeMutableBufferPointer { station in
                    body(Columns(id: id, cell: cell, state: state, target: target, station: station))
                }
            } }
        } }
    }
}
