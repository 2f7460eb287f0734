import CPrefetch

/// Prefetch hints for the agents about to act. Agents act in a shuffled order, so each one's
/// columns and cells are far from the last one's: on a big city nearly every access is a miss
/// to memory. Asking for the lines of the agent `near` places ahead (its cell, its fields
/// there) and the columns of the one `far` ahead lets those misses overlap the work of the
/// agent acting. Hints only: nothing is read into the model, so outputs cannot change.
extension City {
    static let prefetchNear = 6
    static let prefetchFar = 12

    @inline(__always) func prefetchColumns<T>(_ column: [T], _ i: Int) {
        column.withUnsafeBufferPointer { if i < $0.count { nc_prefetch($0.baseAddress! + i) } }
    }

    @inline(__always) func prefetchCell<T>(_ values: [T], _ c: Int) {
        values.withUnsafeBufferPointer { if c >= 0 && c < $0.count { nc_prefetch($0.baseAddress! + c) } }
    }

    // `mutating` only so that calling these from the tick does not copy the City value (1.8 KB
    // and a retain per column) — they change nothing.
    /// The columns of the agent coded `code` (in `order`): its cell and what its step reads first.
    @inline(__always) mutating func prefetchAgentColumns(_ code: UInt32) {
        let i = Int(code & 0x0FFF_FFFF)
        switch AgentKind(rawValue: code >> 28)! {
        case .recycler:
            prefetchColumns(recyclers.cell, i); prefetchColumns(recyclers.health, i); prefetchColumns(recyclers.state, i)
            prefetchColumns(recyclers.target, i); prefetchColumns(recyclers.load, i)
        case .scavenger:
            prefetchColumns(scavengers.cell, i); prefetchColumns(scavengers.state, i); prefetchColumns(scavengers.target, i)
        case .crew:
            prefetchColumns(crew.cell, i); prefetchColumns(crew.state, i); prefetchColumns(crew.target, i)
        case .guardian:
            prefetchColumns(guards.cell, i); prefetchColumns(guards.state, i); prefetchColumns(guards.target, i)
        }
    }

    /// The cells the agent coded `code` reads first: where it stands, and where it is headed.
    @inline(__always) mutating func prefetchAgentCells(_ code: UInt32) {
        let i = Int(code & 0x0FFF_FFFF)
        switch AgentKind(rawValue: code >> 28)! {
        case .recycler:
            guard i < recyclers.count else { return }
            let c = Int(recyclers.cell[i]), t = Int(recyclers.target[i])
            prefetchCell(toxicity.values, c)
            prefetchCell(map.streetNeighbours, c)
            if t >= 0 { prefetchCell(waste.values, t) } else { prefetchCell(sensors.coverActive, c) }
        case .scavenger:
            guard i < scavengers.count else { return }
            let c = Int(scavengers.cell[i]), t = Int(scavengers.target[i])
            prefetchCell(map.streetNeighbours, c)
            if t >= 0 { prefetchCell(components.values, t) }
        case .crew:
            guard i < crew.count else { return }
            let c = Int(crew.cell[i])
            prefetchCell(attractiveness.values, c)
            prefetchCell(sensors.coverHacked, c)
        case .guardian:
            guard i < guards.count else { return }
            let c = Int(guards.cell[i])
            prefetchCell(attractiveness.values, c)
            prefetchCell(crewIndex.head, c)
        }
    }
}
