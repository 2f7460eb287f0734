import NanoCityEngine
import NanoCityIO
import NanoCityModel
import NanoCityStats
import NanoCityAnalysis

/// "Where crime went": per arm, zone and event measure, the mean paired difference from the
/// baseline in events per run after the fork, by Chebyshev distance from the zone — ring 0 the
/// zone itself, ring k the cells k steps out, the last ring everything farther. `rings.csv`.
struct RingProfile {
    static let fileName = "rings.csv"
    /// Rings 0 … `last − 1` are exact distances; ring `last` holds every cell farther out.
    static let last = 16

    let zoneNames: [String]
    /// Per zone, per ring below `last`: its cells.
    let ringCells: [[[Int32]]]
    let cells: Int
    let arms: Int
    let replicates: Int
    let measures = EventCountRecorder.names.count
    /// Per (arm, zone, measure, ring): sums over replicates of the difference, of its square,
    /// and of the baseline's count (in replicate order).
    var sum: [Double], sumSquares: [Double], baseline: [Double]

    init(zones: ZoneLayout, width: Int, height: Int, arms: Int, replicates: Int) {
        let size = GridSize(width: width, height: height)
        zoneNames = zones.names
        ringCells = zones.targets.map { t in
            let d = ZoneLayout.distances(from: t.cells, size: size, limit: Self.last)
            var rings = [[Int32]](repeating: [], count: Self.last)
            for (c, k) in d.enumerated() where Int(k) < Self.last { rings[Int(k)].append(Int32(c)) }
            return rings
        }
        cells = size.count
        self.arms = arms
        self.replicates = replicates
        let n = arms * zones.count * EventCountRecorder.names.count * (Self.last + 1)
        sum = [Double](repeating: 0, count: n); sumSquares = sum; baseline = sum
    }

    func index(arm: Int, zone: Int, measure: Int, ring: Int) -> Int {
        ((arm * zoneNames.count + zone) * measures + measure) * (Self.last + 1) + ring
    }

    /// One replicate of arm `arm` (0 = the first non-baseline arm): its count maps and the baseline's.
    mutating func add(arm: Int, replicate: Int, events: [[Float]], baseline base: [[Float]]) {
        guard !zoneNames.isEmpty else { return }
        for m in 0..<measures {
            let x = events[m], b = base[m]
            var totalX = 0.0, totalB = 0.0
            for c in 0..<cells { totalX += Double(x[c]); totalB += Double(b[c]) }
            for z in zoneNames.indices {
                var nearX = 0.0, nearB = 0.0
                for k in 0...Self.last {
                    var sx = 0.0, sb = 0.0
                    if k < Self.last {
                        for c in ringCells[z][k] { sx += Double(x[Int(c)]); sb += Double(b[Int(c)]) }
                        nearX += sx; nearB += sb
                    } else {
                        sx = totalX - nearX; sb = totalB - nearB
                    }
                    let i = index(arm: arm, zone: z, measure: m, ring: k), d = sx - sb
                    sum[i] += d; sumSquares[i] += d * d; baseline[i] += sb
                }
            }
        }
    }

    func ringSize(zone z: Int, ring k: Int) -> Int {
        k < Self.last ? ringCells[z][k].count : cells - ringCells[z].reduce(0) { $0 + $1.count }
    }

    /// `rings.csv`: `arm,zone,measure,ring,distance,cells,baseline_mean,difference,ci_low,ci_high,difference_per_cell,window,from_tick,to_tick`
    /// — `distance` is `target`, the ring's distance in cells, or `16+`; the mean and interval
    /// are over the replicates' paired differences (Student t, n − 1 df), in events per run.
    func csv(armNames: [String], window: OutcomeWindow, windowTicks: ClosedRange<Int>) -> String {
        var out = "arm,zone,measure,ring,distance,cells,baseline_mean,difference,ci_low,ci_high,difference_per_cell,window,from_tick,to_tick\n"
        let n = Double(replicates)
        for a in 0..<arms {
            for z in zoneNames.indices {
                for (m, measure) in EventCountRecorder.names.enumerated() {
                    for k in 0...Self.last {
                        let i = index(arm: a, zone: z, measure: m, ring: k)
                        let mean = sum[i] / n
                        let variance = max(0, (sumSquares[i] - n * mean * mean) / (n - 1))
                        let s = SampleSummary(n: replicates, mean: mean, sd: variance.squareRoot())
                        let size = ringSize(zone: z, ring: k)
                        var f = [SummaryCSV.field(armNames[a]), zoneNames[z], measure, String(k),
                                 k == 0 ? "target" : k == Self.last ? "\(Self.last)+" : String(k), String(size),
                                 CSVNumber.format(baseline[i] / n), CSVNumber.format(mean)]
                        if let ci = s.ci95 { f += [CSVNumber.format(ci.low), CSVNumber.format(ci.high)] } else { f += ["", ""] }
                        f.append(size > 0 ? CSVNumber.format(mean / Double(size)) : "")
                        f += [window.rawValue, String(windowTicks.lowerBound), String(windowTicks.upperBound)]
                        out += f.joined(separator: ",") + "\n"
                    }
                }
            }
        }
        return out
    }

    /// The zones as a grid: z + 1 on zone z's cells, 0 elsewhere.
    static func zoneGrid(_ zones: ZoneLayout, cells: Int) -> [Float] {
        var g = [Float](repeating: 0, count: cells)
        for (z, t) in zones.targets.enumerated() { for c in t.cells { g[Int(c)] = Float(z + 1) } }
        return g
    }
}
