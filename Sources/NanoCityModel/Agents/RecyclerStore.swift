/// Recyclers (Zia's workforce), struct-of-arrays.
public struct RecyclerStore: Sendable {
    public enum State: UInt8, Sendable { case seeking = 0, delivering, sick }
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

    mutating func append(id i: Int64, cell c: Int32, home h: Int32) {
        id.append(i); cell.append(c); state.append(State.seeking.rawValue); load.append(0)
        health.append(1); target.append(-1); home.append(h)
    }
    mutating func swapRemove(_ k: Int) {
        id.swapAt(k, id.count - 1); id.removeLast()
        cell.swapAt(k, cell.count - 1); cell.removeLast()
        state.swapAt(k, state.count - 1); state.removeLast()
        load.swapAt(k, load.count - 1); load.removeLast()
        health.swapAt(k, health.count - 1); health.removeLast()
        target.swapAt(k, target.count - 1); target.removeLast()
        home.swapAt(k, home.count - 1); home.removeLast()
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
