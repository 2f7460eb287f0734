import NanoCityEngine

/// The Knox space–time interaction test in the form of the Near Repeat Calculator
/// (Ratcliffe 2009; Knox 1964): every pair of incidents is counted in the cell of its distance
/// band and time band; the null distribution comes from permuting the incidents' times over
/// the incidents (Monte Carlo, `iterations` times), which keeps where and when crimes happen
/// and breaks only their pairing.
public struct KnoxTable: Sendable {
    public let bands: KnoxBands
    public let metric: DistanceMetric
    /// Incidents tested.
    public let incidents: Int
    /// All pairs, n(n−1)/2.
    public let pairs: Int
    /// Pairs within the last space band (the ones the test re-counts per permutation).
    public let indexedPairs: Int
    public let iterations: Int
    public let seed: UInt64
    /// Per cell, row-major over `bands.spaceRows` × `bands.timeColumns`.
    public let observed: [Int]
    /// Mean and median of the permuted counts.
    public let expectedMean: [Double]
    public let expectedMedian: [Double]
    /// The classic Knox expectation under independence of the pairs' distance and time
    /// separation (row total × column total / pairs), which the permutation mean estimates.
    public let expectedAnalytic: [Double]
    /// Rank p-value (1 + #{permuted ≥ observed}) / (iterations + 1): one-sided, for an excess.
    public let pValue: [Double]
    /// (observed − mean) / sd of the permuted counts; nil when they do not vary.
    public let zScore: [Double?]

    public func index(row: Int, column: Int) -> Int { row * bands.timeColumns + column }

    /// observed / expected, nil when nothing was expected.
    public func ratio(_ cell: Int, median: Bool = false) -> Double? {
        let e = median ? expectedMedian[cell] : expectedMean[cell]
        return e > 0 ? Double(observed[cell]) / e : nil
    }
}

public enum KnoxError: Error, Equatable, CustomStringConvertible {
    case tooFewIncidents(Int)
    case tooManyPairs(limit: Int, lastBand: Double)
    case notFinite(index: Int)

    public var description: String {
        switch self {
        case .tooFewIncidents(let n):
            "the Knox test needs at least 2 incidents; \(n) were selected"
        case .tooManyPairs(let limit, let d):
            "more than \(limit) pairs of incidents lie within \(KnoxBands.number(d)) m of each other (the last space band); "
                + "narrow --space-bands, the time window (--from-tick/--to-tick) or the kinds"
        case .notFinite(let i):
            "incident \(i + 1) has a coordinate or time that is not a finite number"
        }
    }
}

public enum KnoxTest {
    /// Pairs within the last space band kept in memory (8 bytes each): 2 × 10⁸ = 1.6 GB.
    public static let defaultPairLimit = 200_000_000

    /// Runs the test. Permutation k shuffles the times with xoshiro256** seeded by
    /// `SplitMix64.derive(base: seed, index: k)`, so the table is the same for any `threads`.
    public static func run(_ incidents: [Incident], bands: KnoxBands, metric: DistanceMetric = .euclidean,
                           iterations: Int, seed: UInt64, threads: Int = 1,
                           pairLimit: Int = defaultPairLimit) throws(KnoxError) -> KnoxTable {
        let n = incidents.count
        guard n >= 2 else { throw .tooFewIncidents(n) }
        for (i, e) in incidents.enumerated() where !(e.x.isFinite && e.y.isFinite && e.day.isFinite) {
            throw .notFinite(index: i)
        }
        let ordered = BucketOrder(incidents, bucket: bands.space.edges[bands.space.count - 1])
        let close = try closePairs(ordered, bands: bands, metric: metric, limit: pairLimit)
        let rows = bands.spaceRows, cols = bands.timeColumns
        let pairs = n * (n - 1) / 2
        let timeTotals = columnTotals(ordered.days, axis: bands.time, pairs: pairs)

        let axis = bands.time
        let inverse = 1 / axis.width, top = Double(axis.count), labelled = axis.convention == .labelled
        func table(_ days: [Double]) -> [Int] {
            var cells = [Int](repeating: 0, count: rows * cols)
            let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: cols)
            defer { counts.deallocate() }
            days.withUnsafeBufferPointer { t in
                axis.edges.withUnsafeBufferPointer { edge in
                    for row in 0..<(rows - 1) {
                        counts.initialize(repeating: 0)
                        close.first[row].withUnsafeBufferPointer { a in
                            close.second[row].withUnsafeBufferPointer { b in
                                // `KnoxAxis.band(of:)` inlined: a guess from the width, then at
                                // most a step to the side the edges (with tolerance) state.
                                for p in 0..<a.count {
                                    let dt = abs(t[Int(a[p])] - t[Int(b[p])])
                                    var k = Int(min(top, dt * inverse))
                                    if labelled {
                                        while k > 0 && dt <= edge[k - 1] { k -= 1 }
                                        while k < axis.count && dt > edge[k] { k += 1 }
                                    } else {
                                        while k > 0 && dt < edge[k - 1] { k -= 1 }
                                        while k < axis.count && dt >= edge[k] { k += 1 }
                                    }
                                    counts[k] += 1
                                }
                            }
                        }
                        for c in 0..<cols { cells[row * cols + c] = counts[c] }
                    }
                }
            }
            for c in 0..<cols {
                var near = 0
                for row in 0..<(rows - 1) { near += cells[row * cols + c] }
                cells[(rows - 1) * cols + c] = timeTotals[c] - near
            }
            return cells
        }

        let observed = table(ordered.days)
        var permuted = [[Int]](repeating: [], count: iterations)
        permuted.withUnsafeMutableBufferPointer { out in
            let sink = UncheckedSink(out)
            ConcurrentTasks.run(count: iterations, threads: threads) { k in
                var rng = Xoshiro256StarStar(seed: SplitMix64.derive(base: seed, index: UInt64(k)))
                var days = ordered.days
                rng.shuffle(&days)
                sink.buffer[k] = table(days)
            }
        }

        var rowTotals = [Int](repeating: 0, count: rows)
        for r in 0..<rows { for c in 0..<cols { rowTotals[r] += observed[r * cols + c] } }
        var mean = [Double](), median = [Double](), analytic = [Double](), p = [Double](), z = [Double?]()
        for cell in 0..<(rows * cols) {
            let sims = permuted.map { Double($0[cell]) }.sorted()
            let m = sims.reduce(0, +) / Double(iterations)
            let ss = sims.reduce(0) { $0 + ($1 - m) * ($1 - m) }
            let sd = iterations > 1 ? (ss / Double(iterations - 1)).squareRoot() : 0
            mean.append(m)
            median.append(iterations % 2 == 1 ? sims[iterations / 2] : (sims[iterations / 2 - 1] + sims[iterations / 2]) / 2)
            analytic.append(pairs > 0 ? Double(rowTotals[cell / cols]) * Double(timeTotals[cell % cols]) / Double(pairs) : 0)
            let atLeast = sims.reduce(0) { $0 + ($1 >= Double(observed[cell]) ? 1 : 0) }
            p.append(Double(1 + atLeast) / Double(iterations + 1))
            z.append(sd > 0 ? (Double(observed[cell]) - m) / sd : nil)
        }
        return KnoxTable(bands: bands, metric: metric, incidents: n, pairs: pairs,
                         indexedPairs: close.first.reduce(0) { $0 + $1.count }, iterations: iterations, seed: seed,
                         observed: observed, expectedMean: mean, expectedMedian: median,
                         expectedAnalytic: analytic, pValue: p, zScore: z)
    }

    /// The pairs within the last space band, by space row (0 = same location … count), as
    /// indices into the bucket order.
    static func closePairs(_ o: BucketOrder, bands: KnoxBands, metric: DistanceMetric,
                           limit: Int) throws(KnoxError) -> (first: [[Int32]], second: [[Int32]]) {
        let rows = bands.space.count + 1
        var first = [[Int32]](repeating: [], count: rows), second = first
        var kept = 0
        // Each pair once: within a bucket j > i, else only the four "forward" neighbours.
        let forward: [(Int64, Int64)] = [(0, 1), (1, -1), (1, 0), (1, 1)]
        for b in 0..<o.keys.count {
            let range = o.starts[b]..<o.starts[b + 1]
            var others: [Range<Int>] = []
            for (dx, dy) in forward {
                if let nb = o.bucket(o.keys[b].x + dx, o.keys[b].y + dy) { others.append(o.starts[nb]..<o.starts[nb + 1]) }
            }
            for i in range {
                func consider(_ j: Int) throws(KnoxError) {
                    let d = metric.distance(o.xs[i] - o.xs[j], o.ys[i] - o.ys[j])
                    guard bands.space.isWithinLastBand(d) || bands.spaceRow(d) == 0 else { return }
                    kept += 1
                    if kept > limit { throw .tooManyPairs(limit: limit, lastBand: Double(bands.space.count) * bands.space.width) }
                    let row = bands.spaceRow(d)
                    first[row].append(Int32(i))
                    second[row].append(Int32(j))
                }
                for j in (i + 1)..<range.upperBound { try consider(j) }
                for r in others { for j in r { try consider(j) } }
            }
        }
        return (first, second)
    }

    /// Pairs per time column over all n(n−1)/2 pairs (a permutation of times leaves these
    /// unchanged): counted on the sorted times with the same edges `KnoxAxis.band` uses.
    static func columnTotals(_ days: [Double], axis: KnoxAxis, pairs: Int) -> [Int] {
        let t = days.sorted()
        var cumulative = [Int]()
        for edge in axis.edges {
            var count = 0, lo = 0
            for hi in 0..<t.count {
                while lo < hi && !(axis.convention == .labelled ? t[hi] - t[lo] <= edge : t[hi] - t[lo] < edge) { lo += 1 }
                count += hi - lo
            }
            cumulative.append(count)
        }
        var totals = [Int]()
        for c in 0..<axis.count { totals.append(cumulative[c] - (c > 0 ? cumulative[c - 1] : 0)) }
        totals.append(pairs - cumulative[axis.count - 1])
        return totals
    }
}

/// Incidents sorted by square bucket of side `bucket` (m), so neighbours are near in memory
/// and the pairs within one bucket side are found among 9 buckets.
struct BucketOrder {
    let xs: [Double], ys: [Double], days: [Double]
    let keys: [(x: Int64, y: Int64)]
    /// Bucket b holds indices starts[b]..<starts[b+1].
    let starts: [Int]

    init(_ incidents: [Incident], bucket: Double) {
        let side = max(bucket, 1e-6)
        let minX = incidents.map(\.x).min() ?? 0, minY = incidents.map(\.y).min() ?? 0
        // Coordinates are finite; a bucket index beyond ±2⁶² (absurd extents over tiny bands)
        // is clamped, which only merges far buckets and never loses a close pair.
        func key(_ v: Double, _ m: Double) -> Int64 {
            let k = ((v - m) / side).rounded(.down)
            return k < 4e18 ? Int64(k) : Int64(4e18)
        }
        let keyed = incidents.indices.map { (kx: key(incidents[$0].x, minX), ky: key(incidents[$0].y, minY), i: $0) }
            .sorted { ($0.kx, $0.ky, $0.i) < ($1.kx, $1.ky, $1.i) }
        xs = keyed.map { incidents[$0.i].x }
        ys = keyed.map { incidents[$0.i].y }
        days = keyed.map { incidents[$0.i].day }
        var keys: [(x: Int64, y: Int64)] = [], starts: [Int] = []
        for (p, k) in keyed.enumerated() where keys.last.map({ $0 != (k.kx, k.ky) }) ?? true {
            keys.append((k.kx, k.ky))
            starts.append(p)
        }
        starts.append(keyed.count)
        self.keys = keys
        self.starts = starts
    }

    /// The bucket with key (x, y), by binary search.
    func bucket(_ x: Int64, _ y: Int64) -> Int? {
        var lo = 0, hi = keys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if (keys[mid].x, keys[mid].y) < (x, y) { lo = mid + 1 } else { hi = mid }
        }
        return lo < keys.count && keys[lo] == (x, y) ? lo : nil
    }
}

/// Lets `ConcurrentTasks` write each task's result into its own slot of one buffer.
struct UncheckedSink<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T>
    init(_ buffer: UnsafeMutableBufferPointer<T>) { self.buffer = buffer }
}
