import NanoCityIO
import NanoCityModel
import NanoCityStats

/// Where crime went in a fork: for every arm against the baseline, every zone and every event
/// measure (thefts, burglaries, dumps, arrests), the paired effect over the outcome window in
/// the zone (`target`), its buffer ring (`buffer`) and the rest of the city (`rest`), their sum
/// over target and buffer (`net`), and the displacement quotient buffer effect / target
/// effect (`quotient`, with Fieller's interval): negative for displacement into the buffer,
/// positive for a diffusion of benefits, as Bowers & Johnson (2003) read the WDQ.
///
/// Effects are arm − baseline in events per run over the window (negative: fewer events); a
/// fork's common random numbers make each replicate's pair a counterfactual comparison. The
/// numbers come from summary.csv's `zone.<zone>.<m>_total`, `zone.<zone>.buffer.<m>_total`
/// and `<m>_total` columns, so a zone without a buffer has no buffer, quotient or net rows
/// (its `rest` is everything outside it).
public struct DisplacementAccounting: Sendable {
    public enum Part: String, CaseIterable, Sendable {
        case target, buffer, rest, net, quotient
    }

    public struct Row: Sendable {
        public let arm: String
        public let zone: String
        /// `thefts`, `burglaries`, `dumps` or `arrests`.
        public let measure: String
        public let part: Part
        /// Pairs used.
        public let n: Int
        /// Means over the pairs of the baseline's and the arm's counts (nil for the quotient).
        public let baselineMean: Double?
        public let mean: Double?
        /// The paired effect (target, buffer, rest, net); nil for the quotient or < 2 pairs.
        public let difference: MeanDifference?
        /// The quotient, with Fieller's interval (nil interval: unbounded); nil for the others.
        public let ratio: FiellerRatio?

        /// The outcome name arms.csv gives the row.
        public var outcome: String { "displacement.\(zone).\(measure).\(part.rawValue)" }
    }

    public let rows: [Row]
    public let window: OutcomeWindow
    public let windowTicks: ClosedRange<Int>

    /// The zones and measures `results` has columns for, in column order.
    static func zones(in outcomes: [String]) -> [(zone: String, measure: String, buffer: Bool)] {
        var out: [(String, String, Bool)] = []
        for name in outcomes where name.hasPrefix("zone.") && name.hasSuffix("_total") {
            let parts = name.dropLast("_total".count).split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3, let m = ZoneMetrics.Measure(rawValue: parts[2]), m.event != nil, outcomes.contains(m.rawValue + "_total") else { continue }
            out.append((parts[1], parts[2], outcomes.contains("zone.\(parts[1]).buffer.\(parts[2])_total")))
        }
        return out
    }

    /// Every arm of a fork's `results` against the arm `baseline` (the first); empty when the
    /// world has no zones.
    public init(_ results: SweepResults, baseline: String) {
        window = results.window
        windowTicks = results.windowTicks
        let areas = Self.zones(in: results.outcomes)
        guard let base = results.points.first(where: { $0.values.first == baseline }), !areas.isEmpty else { rows = []; return }
        func column(_ name: String) -> Int { results.outcomes.firstIndex(of: name)! }
        var rows: [Row] = []
        for p in results.points where p.index != base.index {
            let arm = p.values.first ?? ""
            // Pairs: replicate r of the arm with replicate r of the baseline.
            var byRep: [Int: [Double]] = [:]
            for r in base.replicates { byRep[r.replicate] = r.outcomes }
            let pairs = p.replicates.compactMap { r in byRep[r.replicate].map { (arm: r.outcomes, base: $0) } }
            for (zone, measure, hasBuffer) in areas {
                let t = column("zone.\(zone).\(measure)_total"), c = column(measure + "_total")
                let b = hasBuffer ? column("zone.\(zone).buffer.\(measure)_total") : nil
                let usable = pairs.filter { pr in [t, c, b].compactMap { $0 }.allSatisfy { !pr.arm[$0].isNaN && !pr.base[$0].isNaN } }
                func part(_ f: ([Double]) -> Double) -> (arm: [Double], base: [Double]) { (usable.map { f($0.arm) }, usable.map { f($0.base) }) }
                let target = part { $0[t] }
                let buffer = b.map { bi in part { $0[bi] } }
                let rest = part { v in v[c] - v[t] - (b.map { v[$0] } ?? 0) }
                func effect(_ x: (arm: [Double], base: [Double]), _ which: Part) -> Row {
                    Row(arm: arm, zone: zone, measure: measure, part: which, n: x.arm.count, baselineMean: SampleSummary(x.base).mean,
                        mean: SampleSummary(x.arm).mean, difference: MeanDifference.paired(treatment: x.arm, baseline: x.base), ratio: nil)
                }
                rows.append(effect(target, .target))
                if let buffer { rows.append(effect(buffer, .buffer)) }
                rows.append(effect(rest, .rest))
                if let buffer {
                    rows.append(effect((zip(target.arm, buffer.arm).map(+), zip(target.base, buffer.base).map(+)), .net))
                    let dT = zip(target.arm, target.base).map(-), dB = zip(buffer.arm, buffer.base).map(-)
                    rows.append(Row(arm: arm, zone: zone, measure: measure, part: .quotient, n: dT.count, baselineMean: nil, mean: nil,
                                    difference: nil, ratio: FiellerRatio(numerator: dB, denominator: dT)))
                }
            }
        }
        self.rows = rows
    }

    /// Whether the city produced `r`'s measure at all in its arm and zone (every effect row
    /// 0 in both arms: thefts in a short2008 city): tables leave such groups out.
    public func isProduced(_ r: Row) -> Bool {
        rows.contains { $0.arm == r.arm && $0.zone == r.zone && $0.measure == r.measure && $0.part != .quotient
            && !($0.baselineMean == 0 && $0.mean == 0) }
    }

    /// Whether `r`'s zone has a buffer with none of its measure in either arm (no theft target
    /// in the ring): its quotient is 0 by construction, which tables say rather than print.
    public func bufferHasNone(_ r: Row) -> Bool {
        rows.contains { $0.arm == r.arm && $0.zone == r.zone && $0.measure == r.measure && $0.part == .buffer
            && $0.baselineMean == 0 && $0.mean == 0 }
    }

    /// The rows as arms.csv rows (its columns: `point`, `arm`, `outcome`, `method`, …): the
    /// effects with method `paired`, the quotient with method `fieller` (its estimate in
    /// `difference`, an unbounded interval as empty cells).
    public func csvRows(points: [String: Int]) -> String {
        var out = ""
        for r in rows {
            var f = [String(points[r.arm] ?? -1), SummaryCSV.field(r.arm), r.outcome, r.part == .quotient ? "fieller" : "paired", String(r.n)]
            if let ratio = r.ratio {
                f += ["", "", ratio.estimate.isNaN ? "" : CSVNumber.format(ratio.estimate)]
                if let ci = ratio.interval { f += [CSVNumber.format(ci.lowerBound), CSVNumber.format(ci.upperBound)] } else { f += ["", ""] }
                f += ["", "", "", ""]
            } else {
                f += [CSVNumber.format(r.baselineMean ?? .nan), CSVNumber.format(r.mean ?? .nan)]
                f += PolicyComparison.effectCells(r.difference, baselineMean: r.baselineMean ?? 0)
            }
            f += [window.rawValue, String(windowTicks.lowerBound), String(windowTicks.upperBound)]
            out += f.joined(separator: ",") + "\n"
        }
        return out
    }
}
