import CPrefetch

/// Prefetch hints for the agents about to decide. Agents decide in a shuffled order, so each
/// one's columns and cells are far from the last one's: on a big city nearly every access is a
/// miss to memory. Asking for the lines of the agent `near` places ahead (its cell, its fields
/// there) and the columns of the one `far` ahead lets those misses overlap the work of the
/// agent deciding. Hints only: nothing is read into the model, so outputs cannot change.
extension AgentView {
    static let prefetchNear = 6
    static let prefetchFar = 12

    /// Asks for the cache line of `buffer[index]` (nothing when the index is outside).
    @inline(__always) static func prefetch<T>(_ buffer: UnsafeMutableBufferPointer<T>, _ index: Int) {
        if index >= 0 && index < buffer.count { nc_prefetch(buffer.baseAddress! + index) }
    }

    @inline(__always) static func prefetch<T>(_ array: [T], _ index: Int) {
        array.withUnsafeBufferPointer { if index >= 0 && index < $0.count { nc_prefetch($0.baseAddress! + index) } }
    }

    /// The columns of the agent coded `code` (in `order`): its cell and what its decision reads first.
    @inline(__always) func prefetchColumns(_ code: UInt32, _ m: AgentColumns) {
        let i = Int(code & 0x0FFF_FFFF)
        switch AgentKind(rawValue: code >> 28)! {
        case .recycler:
            let r = m.recyclers
            Self.prefetch(r.cell, i); Self.prefetch(r.health, i); Self.prefetch(r.state, i)
            Self.prefetch(r.target, i); Self.prefetch(r.load, i); Self.prefetch(r.id, i)
        case .scavenger:
            let s = m.scavengers
            Self.prefetch(s.cell, i); Self.prefetch(s.state, i); Self.prefetch(s.target, i); Self.prefetch(s.id, i)
        case .crew:
            Self.prefetch(m.crew.cell, i); Self.prefetch(m.crew.state, i); Self.prefetch(m.crew.target, i); Self.prefetch(m.crew.id, i)
        case .guardian:
            Self.prefetch(m.guards.cell, i); Self.prefetch(m.guards.state, i); Self.prefetch(m.guards.target, i); Self.prefetch(m.guards.id, i)
        }
    }

    /// The cells the agent coded `code` reads first: where it stands, and where it is headed.
    @inline(__always) func prefetchCells(_ code: UInt32, _ m: AgentColumns) {
        let i = Int(code & 0x0FFF_FFFF)
        switch AgentKind(rawValue: code >> 28)! {
        case .recycler:
            guard i < m.recyclers.count else { return }
            let c = Int(m.recyclers.cell[i]), t = Int(m.recyclers.target[i])
            Self.prefetch(toxicity.values, c)
            Self.prefetch(map.streetNeighbours, c)
            if t >= 0 { Self.prefetch(waste.values, t) } else { Self.prefetch(coverActive, c) }
        case .scavenger:
            guard i < m.scavengers.count else { return }
            let c = Int(m.scavengers.cell[i]), t = Int(m.scavengers.target[i])
            Self.prefetch(map.streetNeighbours, c)
            if t >= 0 { Self.prefetch(components.values, t) }
        case .crew:
            guard i < m.crew.count else { return }
            let c = Int(m.crew.cell[i])
            Self.prefetch(attractiveness.values, c)
            Self.prefetch(coverHacked, c)
        case .guardian:
            guard i < m.guards.count else { return }
            let c = Int(m.guards.cell[i])
            Self.prefetch(attractiveness.values, c)
            Self.prefetch(crewHead, c)
        }
    }
}

extension RecyclerStore.Columns { var count: Int { id.count } }
extension ScavengerStore.Columns { var count: Int { id.count } }
extension CrewStore.Columns { var count: Int { id.count } }
extension GuardStore.Columns { var count: Int { id.count } }
