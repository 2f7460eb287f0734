/// Which agents of one kind stand on each cell: an intrusive doubly linked list per cell.
///
/// Insert, remove and move are O(1) and allocation-free; walking a cell costs its occupancy.
/// This replaces position-keyed dictionaries in the tick loop.
public struct CellIndex: Sendable {
    /// First agent on each cell, or -1.
    public private(set) var head: [Int32]
    /// Next agent on the same cell, or -1.
    public private(set) var next: [Int32]
    private var prev: [Int32]
    /// Cell of each agent, or -1 when not placed.
    public private(set) var cell: [Int32]
    /// Agents on each cell.
    public private(set) var count: [UInt16]

    public init(cells: Int, agents: Int = 0) {
        head = [Int32](repeating: -1, count: cells)
        count = [UInt16](repeating: 0, count: cells)
        next = [Int32](repeating: -1, count: agents)
        prev = [Int32](repeating: -1, count: agents)
        cell = [Int32](repeating: -1, count: agents)
    }

    /// Makes room for agent ids up to `agents - 1` (new ids start unplaced).
    public mutating func reserve(agents: Int) {
        if agents > next.count {
            let extra = agents - next.count
            next.append(contentsOf: repeatElement(-1, count: extra))
            prev.append(contentsOf: repeatElement(-1, count: extra))
            cell.append(contentsOf: repeatElement(-1, count: extra))
        }
    }

    public mutating func insert(_ agent: Int, at c: Int) {
        precondition(cell[agent] < 0, "agent already placed")
        let h = head[c]
        next[agent] = h
        prev[agent] = -1
        if h >= 0 { prev[Int(h)] = Int32(agent) }
        head[c] = Int32(agent)
        cell[agent] = Int32(c)
        count[c] &+= 1
    }

    public mutating func remove(_ agent: Int) {
        let c = Int(cell[agent])
        guard c >= 0 else { return }
        let p = prev[agent], n = next[agent]
        if p >= 0 { next[Int(p)] = n } else { head[c] = n }
        if n >= 0 { prev[Int(n)] = p }
        next[agent] = -1
        prev[agent] = -1
        cell[agent] = -1
        count[c] &-= 1
    }

    public mutating func move(_ agent: Int, to c: Int) {
        if Int(cell[agent]) == c { return }
        remove(agent)
        insert(agent, at: c)
    }

    /// Agents on cell `c`, in list order.
    public func agents(at c: Int) -> [Int] {
        var out: [Int] = []
        var a = head[c]
        while a >= 0 { out.append(Int(a)); a = next[Int(a)] }
        return out
    }
}

extension CellIndex {
    /// Writes the whole index (list order within a cell matters for determinism).
    public func encode(_ w: inout StateWriter) {
        w.write(array: head); w.write(array: next); w.write(array: prev); w.write(array: cell); w.write(array: count)
    }

    /// Reads an index for `cells` cells, checking that every link stays in range.
    public init(decoding r: inout StateReader, cells: Int) throws(StateError) {
        head = try r.readArray(maxCount: cells)
        next = try r.readArray()
        prev = try r.readArray(maxCount: next.count)
        cell = try r.readArray(maxCount: next.count)
        count = try r.readArray(maxCount: cells)
        let agents = next.count
        guard head.count == cells, count.count == cells, prev.count == agents, cell.count == agents,
              head.allSatisfy({ $0 >= -1 && $0 < agents }), next.allSatisfy({ $0 >= -1 && $0 < agents }),
              prev.allSatisfy({ $0 >= -1 && $0 < agents }), cell.allSatisfy({ $0 >= -1 && $0 < cells }) else {
            throw StateError("agent index: inconsistent sizes or links")
        }
        // Every list must be a chain (no cycle, links both ways) holding exactly the agents that
        // say they are on its cell: walks of a crafted index must end, and moves must not trap.
        var seen = [Bool](repeating: false, count: agents)
        for c in 0..<cells {
            var a = Int(head[c]), before = -1, n = 0
            while a >= 0 {
                guard !seen[a], cell[a] == Int32(c), prev[a] == Int32(before) else {
                    throw StateError("agent index: the list of cell \(c) is broken at agent \(a)")
                }
                seen[a] = true
                n += 1
                before = a
                a = Int(next[a])
            }
            guard Int(count[c]) == n else { throw StateError("agent index: cell \(c) counts \(count[c]) agents, holds \(n)") }
        }
        for a in 0..<agents where !seen[a] && (cell[a] >= 0 || next[a] >= 0 || prev[a] >= 0) {
            throw StateError("agent index: agent \(a) is linked but on no cell's list")
        }
    }
}
