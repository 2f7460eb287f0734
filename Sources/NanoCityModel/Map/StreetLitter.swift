import NanoCityEngine

/// For each street, how many residential and how many industrial cells have it as their
/// nearest street: the cells whose littered waste lands there every tick (`City.generate`).
///
/// Generation once walked the producing cells and added each one's litter to its street,
/// which made every street a chain of read-add-write round trips through memory, one per
/// feeding cell. With these counts a street's additions run in a register, in the same order
/// (all residential feeders, then all industrial ones; each adds the same amount), so the
/// bits are the same; and each street is written by one loop only, so the streets split over
/// cores with no ordering between them.
struct StreetLitter: Sendable {
    /// Per entry of `CityMap.streets`: residential feeders in the low four bits, industrial
    /// ones in the high four; `overflowMark` when either is 15 or more (the counts are then in
    /// `overflow`). One byte per street: 2.7 MB on the megacity, whose peak memory is held
    /// under 1 GB.
    let counts: [UInt8]
    /// Streets with 15 or more feeders of a kind, in street order.
    let overflow: [Overflow]

    static let overflowMark = UInt8.max

    struct Overflow: Sendable {
        /// Index into `CityMap.streets`.
        let street: Int32
        let residential: UInt32
        let industrial: UInt32
    }

    /// Counts the feeders of every street. `nearestStreet` holds a street cell for every cell.
    init(size: GridSize, streets: [Int32], residential: [Int32], industrial: [Int32], nearestStreet: [Int32]) {
        var perCell = [UInt32](repeating: 0, count: size.count)
        var fromResidential = [UInt32](repeating: 0, count: streets.count)
        var counts = [UInt8](repeating: 0, count: streets.count)
        var overflow: [Overflow] = []
        perCell.withUnsafeMutableBufferPointer { feeders in
            nearestStreet.withUnsafeBufferPointer { nearest in
                for c in residential { feeders[Int(nearest[Int(c)])] &+= 1 }
                for (j, s) in streets.enumerated() {
                    fromResidential[j] = feeders[Int(s)]
                    feeders[Int(s)] = 0
                }
                for c in industrial { feeders[Int(nearest[Int(c)])] &+= 1 }
                for (j, s) in streets.enumerated() {
                    let r = fromResidential[j], i = feeders[Int(s)]
                    if r < 15, i < 15 {
                        counts[j] = UInt8(r) | UInt8(i) << 4
                    } else {
                        counts[j] = Self.overflowMark
                        overflow.append(Overflow(street: Int32(j), residential: r, industrial: i))
                    }
                }
            }
        }
        self.counts = counts
        self.overflow = overflow
    }

    /// Street entry `j`'s feeders. Entries are read in order from `j0`, with
    /// `o = firstOverflow(atOrAfter: j0)` before the first: each overflowing entry moves `o` on.
    @inline(__always)
    func feeders(_ j: Int, overflowCursor o: inout Int) -> (residential: Int, industrial: Int) {
        let k = counts[j]
        guard k == Self.overflowMark else { return (Int(k & 0x0F), Int(k >> 4)) }
        defer { o += 1 }
        return (Int(overflow[o].residential), Int(overflow[o].industrial))
    }

    /// The first entry of `overflow` at or after street index `j` (a binary search).
    func firstOverflow(atOrAfter j: Int) -> Int {
        var lo = 0, hi = overflow.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(overflow[mid].street) < j { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
