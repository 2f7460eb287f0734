/// Agents kept in map order. Agents decide in storage order; stored by cell, each one's
/// cells and the rows its search reads are next to the last one's and still in cache, instead
/// of anywhere on the map. Only recyclers and scavengers are re-stored (nothing refers to
/// them by index); crew and guards are found through per-cell indexes that hold indices.
/// Agents move one cell a tick, so the order decays slowly: `City.mapOrderEvery` ticks apart
/// is enough. Re-storing changes no agent, only its place in storage and so which position
/// the tick's shuffle gives it.
enum MapOrder {
    /// The permutation that sorts `cells` ascending (row-major cell order), ties in their
    /// present order: new index j holds old index `result[j]`.
    static func permutation(_ cells: [Int32]) -> [Int] {
        var keys = [UInt64](repeating: 0, count: cells.count)
        for (i, c) in cells.enumerated() { keys[i] = UInt64(UInt32(bitPattern: c)) << 32 | UInt64(i) }
        keys.sort()
        return keys.map { Int($0 & 0xFFFF_FFFF) }
    }
}

extension Array {
    /// The elements in the order of `permutation` (see `MapOrder.permutation`).
    func permuted(_ permutation: [Int]) -> [Element] {
        permutation.map { self[$0] }
    }
}

extension RecyclerStore {
    mutating func sortByCell() {
        let p = MapOrder.permutation(cell)
        id = id.permuted(p); cell = cell.permuted(p); state = state.permuted(p); load = load.permuted(p)
        health = health.permuted(p); target = target.permuted(p); home = home.permuted(p)
    }
}

extension ScavengerStore {
    mutating func sortByCell() {
        let p = MapOrder.permutation(cell)
        id = id.permuted(p); cell = cell.permuted(p); state = state.permuted(p); load = load.permuted(p)
        target = target.permuted(p); idle = idle.permuted(p)
    }
}
