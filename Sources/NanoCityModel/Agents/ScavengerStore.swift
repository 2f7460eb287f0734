/// Scavengers (Milo's old trade), struct-of-arrays.
public struct ScavengerStore: Sendable {
    public enum State: UInt8, Sendable { case seeking = 0, sellingLegal, sellingBlack }
    /// Stable agent ids, unique over the run (64-bit: a long run may create more than 2³¹ agents).
    public var id: [Int64] = []
    public var cell: [Int32] = []
    public var state: [UInt8] = []
    public var load: [Float] = []
    public var target: [Int32] = []
    /// Ticks since components were last found.
    public var idle: [Int32] = []
    public var count: Int { id.count }

    mutating func append(id i: Int64, cell c: Int32) {
        id.append(i); cell.append(c); state.append(State.seeking.rawValue); load.append(0); target.append(-1); idle.append(0)
    }
    mutating func removeLast() {
        id.removeLast(); cell.removeLast(); state.removeLast(); load.removeLast(); target.removeLast(); idle.removeLast()
    }
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
