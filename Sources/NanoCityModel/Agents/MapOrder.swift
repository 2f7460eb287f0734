/// Agents kept in map order. Agents decide in storage order; stored by cell, each one's
/// cells and the rows its search reads are next to the last one's and still in cache, instead
/// of anywhere on the map. Only recyclers and scavengers are re-stored (nothing refers to
/// them by index); crew and guards are found through per-cell indexes that hold indices.
/// Agents move one cell a tick, so the order decays slowly: `City.mapOrderEvery` ticks apart
/// is enough. Re-storing changes no agent, only its place in storage and so which position
/// the tick's shuffle gives it.
///
/// Memory stays flat on a million agents: a two-pass radix sort (13 bits a pass cover
/// `CityMap.maxCells`) into one 4-byte permutation, then each column permuted in place.
enum MapOrder {
    static let digitBits = 13

    /// The permutation that sorts `cells` ascending (row-major cell order), ties in their
    /// present order: new index j holds old index `result[j]`.
    static func permutation(_ cells: [Int32]) -> [UInt32] {
        precondition(CityMap.maxCells <= 1 << (2 * digitBits), "two radix passes must cover every cell")
        let n = cells.count
        var order = [UInt32](unsafeUninitializedCapacity: n) { b, count in
            for i in 0..<n { b[i] = UInt32(truncatingIfNeeded: i) }
            count = n
        }
        var scratch = [UInt32](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: 1 << digitBits)
        let mask = UInt32(1 << digitBits - 1)
        for pass in 0..<2 {
            let shift = UInt32(pass * digitBits)
            for k in counts.indices { counts[k] = 0 }
            for c in cells { counts[Int(UInt32(bitPattern: c) >> shift & mask)] += 1 }
            var start = 0
            for k in counts.indices { let m = counts[k]; counts[k] = start; start += m }
            for i in order {
                let d = Int(UInt32(bitPattern: cells[Int(i)]) >> shift & mask)
                scratch[counts[d]] = i
                counts[d] += 1
            }
            swap(&order, &scratch)
        }
        return order
    }
}

extension Array {
    /// Puts the elements in the order of `permutation` (see `MapOrder.permutation`) without a
    /// second copy: each cycle of the permutation is rotated once. `done` is scratch (one bit
    /// per element).
    mutating func permute(_ permutation: [UInt32], done: inout [UInt64]) {
        precondition(permutation.count == count)
        done.removeAll(keepingCapacity: true)
        done.append(contentsOf: repeatElement(0, count: (count + 63) / 64))
        for start in 0..<count where done[start >> 6] & (1 << UInt64(start & 63)) == 0 {
            let held = self[start]
            var j = start
            while true {
                done[j >> 6] |= 1 << UInt64(j & 63)
                let from = Int(permutation[j])
                if from == start { self[j] = held; break }
                self[j] = self[from]
                j = from
            }
        }
    }
}

extension RecyclerStore {
    mutating func sortByCell() {
        let p = MapOrder.permutation(cell)
        var done: [UInt64] = []
        id.permute(p, done: &done); cell.permute(p, done: &done); state.permute(p, done: &done)
        load.permute(p, done: &done); health.permute(p, done: &done); target.permute(p, done: &done)
        home.permute(p, done: &done)
    }
}

extension ScavengerStore {
    mutating func sortByCell() {
        let p = MapOrder.permutation(cell)
        var done: [UInt64] = []
        id.permute(p, done: &done); cell.permute(p, done: &done); state.permute(p, done: &done)
        load.permute(p, done: &done); target.permute(p, done: &done); idle.permute(p, done: &done)
    }
}
