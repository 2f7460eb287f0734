import CPrefetch

/// Prefetch hints for the agents about to decide. Agents decide in storage order (their
/// columns stream in), but each one's cells are far from the last one's: on a big city nearly
/// every field access is a miss to memory. Asking for the lines of the agent `near` places
/// ahead (its cell, its fields there) lets those misses overlap the work of the agent
/// deciding. Hints only: nothing is read into the model, so outputs cannot change.
extension AgentView {
    static let prefetchNear = 6

    /// Asks for the cache line of `buffer[index]` (nothing when the index is outside).
    @inline(__always) static func prefetch<T>(_ array: [T], _ index: Int) {
        array.withUnsafeBufferPointer { if index >= 0 && index < $0.count { nc_prefetch($0.baseAddress! + index) } }
    }

    /// The cells agent `i` of `kind` reads first: where it stands, and where it is headed.
    @inline(__always) func prefetchCells(_ kind: AgentKind, _ i: Int, _ m: AgentColumns) {
        switch kind {
        case .recycler:
            guard i < m.recyclers.id.count else { return }
            let c = Int(m.recyclers.cell[i]), t = Int(m.recyclers.target[i])
            Self.prefetch(toxicity.values, c)
            Self.prefetch(map.streetNeighbours, c)
            if t >= 0 { Self.prefetch(waste.values, t) } else { Self.prefetch(coverActive, c) }
        case .scavenger:
            guard i < m.scavengers.id.count else { return }
            let c = Int(m.scavengers.cell[i]), t = Int(m.scavengers.target[i])
            Self.prefetch(map.streetNeighbours, c)
            if t >= 0 { Self.prefetch(components.values, t) }
        case .crew:
            guard i < m.crew.id.count else { return }
            let c = Int(m.crew.cell[i])
            Self.prefetch(attractiveness.values, c)
            Self.prefetch(coverHacked, c)
        case .guard:
            guard i < m.guards.id.count else { return }
            let c = Int(m.guards.cell[i])
            Self.prefetch(attractiveness.values, c)
            Self.prefetch(crewHead, c)
        case .informant:
            guard i < m.informants.id.count else { return }
            Self.prefetch(map.streetNeighbours, Int(m.informants.cell[i]))
        }
    }
}
