import NanoCityEngine

/// Agents kept in map order. Agents decide in storage order; stored row by row, each one's
/// cells and the rows its search reads are next to the last one's and still in cache, instead
/// of anywhere on the map. Only recyclers and scavengers are re-stored (nothing refers to
/// them by index); crew and guards are found through per-cell indexes that hold indices.
/// Agents move one cell a tick, so the order decays slowly: `City.mapOrderEvery` ticks apart
/// is enough. Re-storing changes no agent, only its place in storage and so which position
/// the tick's shuffle gives it.
///
/// Memory stays flat on a million agents: one counting-sort pass by row into a 4-byte
/// permutation, then each column permuted in place.
enum MapOrder {
    /// The permutation that orders `cells` by row (of a grid `width` wide), agents of one row
    /// in their present order: new index j holds old index `result[j]`.
    static func permutation(_ cells: [Int32], width: Int, height: Int) -> [UInt32] {
        var starts = [Int](repeating: 0, count: height + 1)
        for c in cells { starts[Int(c) / width + 1] += 1 }
        for y in 0..<height { starts[y + 1] += starts[y] }
        var order = [UInt32](repeating: 0, count: cells.count)
        for (i, c) in cells.enumerated() {
            let y = Int(c) / width
            order[starts[y]] = UInt32(truncatingIfNeeded: i)
            starts[y] += 1
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
