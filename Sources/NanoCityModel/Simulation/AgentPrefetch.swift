import CPrefetch

/// Prefetch hints for the agents about to act. Agents act in a shuffled order, so each one's
/// columns and cells are far from the last one's: on a big city nearly every access is a miss
/// to memory. Asking for the lines of the agent `near` places ahead (its cell, its fields
/// there) and the columns of the one `far` ahead lets those misses overlap the work of the
/// agent acting. Hints only: nothing is read into the model, so outputs cannot change.
extension City {
    static let prefetchNear = 6
    static let prefetchFar = 12

    /// Asks for the cache line of `array[index]` (nothing when the index is outside).
    @inline(__always) static func prefetch<T>(_ array: [T], _ index: Int) {
        array.withUnsafeBufferPointer { if index >= 0 && index < $0.count { nc_prefetch($0.baseAddress! + index) } }
    }

    // `mutating` only so that calling these from the tick does not copy the City value (1.8 KB
    // and a retain per column) — they change nothing.
    /// The columns of the agent coded `code` (in `order`): its cell and what its step reads first.
    @inline(__always) mutating func prefetchAgentColumns(_ code: UInt32) {
        let i = Int(code & 0x0FFF_FFFF)
        switch AgentKind(rawValue: code >> 28)! {
        case .recycler:
            Self.prefetch(recyclers.cell, i); Self.prefetch(recyclers.health, i); Self.prefetch(recyclers.state, i)
            Self.prefetch(recyclers.target, i); Self.prefetch(recyclers.load, i)
        case .scavenger:
            Self.prefetch(scavengers.cell, i); Self.prefetch(scavengers.state, i); Self.prefetch(scavengers.target, i)
        case .crew:
            Self.prefetch(crew.cell, i); Self.prefetch(crew.state, i); Self.prefetch(crew.target, i)
        case .guardian:
            Self.prefetch(guards.cell, i); Self.prefetch(guards.state, i); Self.prefetch(guards.target, i)
        }
    }

    /// The cells the agent coded `code` reads first: where it stands, and where it is headed.
    @inline(__always) mutating func prefetchAgentCells(_ code: UInt32) {
        let i = Int(code & 0x0FFF_FFFF)
        switch AgentKind(rawValue: code >> 28)! {
        case .recycler:
            guard i < recyclers.count else { return }
            let c = Int(recyclers.cell[i]), t = Int(recyclers.target[i])
            Self.prefetch(toxicity.values, c)
            Self.prefetch(map.streetNeighbours, c)
            if t >= 0 { Self.prefetch(waste.values, t) } else { Self.prefetch(sensors.coverActive, c) }
        case .scavenger:
            guard i < scavengers.count else { return }
            let c = Int(scavengers.cell[i]), t = Int(scavengers.target[i])
            Self.prefetch(map.streetNeighbours, c)
            if t >= 0 { Self.prefetch(components.values, t) }
        case .crew:
            guard i < crew.count else { return }
            let c = Int(crew.cell[i])
            Self.prefetch(attractiveness.values, c)
            Self.prefetch(sensors.coverHacked, c)
        case .guardian:
            guard i < guards.count else { return }
            let c = Int(guards.cell[i])
            Self.prefetch(attractiveness.values, c)
            Self.prefetch(crewIndex.head, c)
        }
    }
}
