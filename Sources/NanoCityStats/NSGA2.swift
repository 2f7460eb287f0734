import Foundation
import NanoCityEngine

/// NSGA-II, the elitist multi-objective genetic algorithm of K. Deb, A. Pratap, S. Agarwal,
/// T. Meyarivan, "A fast and elitist multiobjective genetic algorithm: NSGA-II", IEEE Trans.
/// Evol. Comput. 6 (2002) 182–197, real-coded: binary tournaments on (front, crowding
/// distance), simulated binary crossover (K. Deb, R. B. Agrawal, Complex Systems 9 (1995)
/// 115–148) and polynomial mutation, then the best N of parents and offspring by front and
/// crowding. Every objective is minimised.
///
/// As with `AdaptivePopulationMonteCarlo`, a generation is one batch known before it runs:
/// generation 0 is N uniform points in the bounds, generation g > 0 the N offspring of the
/// survivors so far. Generation g draws from xoshiro256** seeded by SplitMix64.derive(seed, g).
public struct NSGA2: Sendable {
    public struct Individual: Sendable, Equatable {
        public var x: [Double]
        public var f: [Double]
        public init(x: [Double], f: [Double]) { self.x = x; self.f = f }
    }

    public let low: [Double]
    public let high: [Double]
    public let population: Int
    public let seed: UInt64
    /// Crossover probability per pair (pymoo's default 0.9) and SBX's distribution index (15).
    public var crossoverProbability = 0.9
    public var etaCrossover = 15.0
    /// Polynomial mutation's distribution index (20); each variable mutates with 1 / variables.
    public var etaMutation = 20.0

    public init(low: [Double], high: [Double], population: Int, seed: UInt64) {
        precondition(low.count == high.count && !low.isEmpty && population >= 4)
        self.low = low
        self.high = high
        self.population = population + population % 2
        self.seed = seed
    }

    func stream(_ g: Int) -> Xoshiro256StarStar { Xoshiro256StarStar(seed: SplitMix64.derive(base: seed, index: UInt64(g))) }

    /// Generation 0: `population` points drawn uniformly in the bounds.
    public func initial() -> [[Double]] {
        var rng = stream(0)
        return (0..<population).map { _ in low.indices.map { low[$0] + (high[$0] - low[$0]) * rng.uniform() } }
    }

    /// The offspring generation `g` simulates, bred from `parents` (the survivors so far).
    public func offspring(generation g: Int, parents: [Individual]) -> [[Double]] {
        var rng = stream(g)
        let (rank, crowd) = Self.rankAndCrowding(parents.map(\.f))
        func tournament() -> Int {
            let a = rng.below(parents.count), b = rng.below(parents.count)
            if rank[a] != rank[b] { return rank[a] < rank[b] ? a : b }
            if crowd[a] != crowd[b] { return crowd[a] > crowd[b] ? a : b }
            return min(a, b)
        }
        var out: [[Double]] = []
        out.reserveCapacity(population)
        while out.count < population {
            var c1 = parents[tournament()].x, c2 = parents[tournament()].x
            if rng.uniform() < crossoverProbability { crossover(&c1, &c2, &rng) }
            mutate(&c1, &rng)
            mutate(&c2, &rng)
            out.append(c1)
            if out.count < population { out.append(c2) }
        }
        return out
    }

    /// Simulated binary crossover with bounds (Deb & Agrawal 1995, as in Deb's NSGA-II code):
    /// each variable crosses with probability 1/2.
    func crossover<G: RandomDraws>(_ a: inout [Double], _ b: inout [Double], _ rng: inout G) {
        let eta = etaCrossover
        for i in a.indices {
            let u = rng.uniform(), swap = rng.uniform()
            guard u <= 0.5, abs(a[i] - b[i]) > 1e-14 else { continue }
            let y1 = min(a[i], b[i]), y2 = max(a[i], b[i]), lo = low[i], hi = high[i]
            let r = rng.uniform()
            func child(_ beta: Double) -> Double {
                let alpha = 2 - pow(beta, -(eta + 1))
                return r <= 1 / alpha ? pow(r * alpha, 1 / (eta + 1)) : pow(1 / (2 - r * alpha), 1 / (eta + 1))
            }
            let bq1 = child(1 + 2 * (y1 - lo) / (y2 - y1))
            var x1 = 0.5 * ((y1 + y2) - bq1 * (y2 - y1))
            let bq2 = child(1 + 2 * (hi - y2) / (y2 - y1))
            var x2 = 0.5 * ((y1 + y2) + bq2 * (y2 - y1))
            x1 = min(max(x1, lo), hi)
            x2 = min(max(x2, lo), hi)
            if swap < 0.5 { a[i] = x2; b[i] = x1 } else { a[i] = x1; b[i] = x2 }
        }
    }

    /// Polynomial mutation with bounds (Deb's NSGA-II code), each variable with probability 1/n.
    func mutate<G: RandomDraws>(_ x: inout [Double], _ rng: inout G) {
        let p = 1 / Double(x.count), eta = etaMutation
        for i in x.indices {
            let u = rng.uniform(), r = rng.uniform()
            guard u < p else { continue }
            let lo = low[i], hi = high[i], d = hi - lo
            let d1 = (x[i] - lo) / d, d2 = (hi - x[i]) / d, m = 1 / (eta + 1)
            let dq: Double
            if r < 0.5 {
                dq = pow(2 * r + (1 - 2 * r) * pow(1 - d1, eta + 1), m) - 1
            } else {
                dq = 1 - pow(2 * (1 - r) + 2 * (r - 0.5) * pow(1 - d2, eta + 1), m)
            }
            x[i] = min(max(x[i] + dq * d, lo), hi)
        }
    }

    /// The best `population` of `pool` by front, then crowding distance (ties: earlier first).
    public func survivors(_ pool: [Individual]) -> [Individual] {
        let fronts = Self.fronts(pool.map(\.f))
        var out: [Individual] = []
        for front in fronts {
            if out.count + front.count <= population {
                out += front.map { pool[$0] }
            } else {
                let c = Self.crowding(pool.map(\.f), front)
                let order = front.indices.sorted { c[$0] != c[$1] ? c[$0] > c[$1] : front[$0] < front[$1] }
                out += order.prefix(population - out.count).map { pool[front[$0]] }
                break
            }
        }
        return out
    }

    /// Whether a is no worse than b everywhere and better somewhere (NaN counts as +∞).
    public static func dominates(_ a: [Double], _ b: [Double]) -> Bool {
        var better = false
        for (x, y) in zip(a, b) {
            let x = x.isNaN ? .infinity : x, y = y.isNaN ? .infinity : y
            if x > y { return false }
            if x < y { better = true }
        }
        return better
    }

    /// Deb's fast non-dominated sort: the fronts, best first, each in index order.
    public static func fronts(_ f: [[Double]]) -> [[Int]] {
        let n = f.count
        var dominated = [[Int]](repeating: [], count: n), count = [Int](repeating: 0, count: n)
        for i in 0..<n {
            for j in 0..<n where i != j {
                if dominates(f[i], f[j]) { dominated[i].append(j) } else if dominates(f[j], f[i]) { count[i] += 1 }
            }
        }
        var fronts: [[Int]] = []
        var current = (0..<n).filter { count[$0] == 0 }
        while !current.isEmpty {
            fronts.append(current)
            var next: [Int] = []
            for i in current { for j in dominated[i] { count[j] -= 1; if count[j] == 0 { next.append(j) } } }
            current = next.sorted()
        }
        return fronts
    }

    /// Crowding distance of each member of `front` (same order), ends infinite.
    public static func crowding(_ f: [[Double]], _ front: [Int]) -> [Double] {
        var d = [Double](repeating: 0, count: front.count)
        guard front.count > 2, let m = f.first?.count else { return d.map { _ in .infinity } }
        for k in 0..<m {
            let order = front.indices.sorted { f[front[$0]][k] != f[front[$1]][k] ? f[front[$0]][k] < f[front[$1]][k] : $0 < $1 }
            let lo = f[front[order.first!]][k], hi = f[front[order.last!]][k]
            d[order.first!] = .infinity
            d[order.last!] = .infinity
            guard hi > lo else { continue }
            for r in 1..<(order.count - 1) {
                d[order[r]] += (f[front[order[r + 1]]][k] - f[front[order[r - 1]]][k]) / (hi - lo)
            }
        }
        return d
    }

    static func rankAndCrowding(_ f: [[Double]]) -> (rank: [Int], crowding: [Double]) {
        var rank = [Int](repeating: 0, count: f.count), crowd = [Double](repeating: 0, count: f.count)
        for (r, front) in fronts(f).enumerated() {
            let c = crowding(f, front)
            for (i, m) in front.enumerated() { rank[m] = r; crowd[m] = c[i] }
        }
        return (rank, crowd)
    }

    /// The area dominated by the 2-objective points and bounded by `reference` (points not
    /// better than the reference in both objectives add nothing).
    public static func hypervolume2D(_ points: [[Double]], reference r: [Double]) -> Double {
        let p = points.filter { $0[0] < r[0] && $0[1] < r[1] }.sorted { $0[0] != $1[0] ? $0[0] < $1[0] : $0[1] < $1[1] }
        var area = 0.0, bestY = r[1]
        for q in p where q[1] < bestY {
            area += (r[0] - q[0]) * (bestY - q[1])
            bestY = q[1]
        }
        return area
    }
}
