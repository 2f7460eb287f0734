import NanoCityIO
import NanoCityModel
import NanoCityStats

/// The classical before/after displacement measures of Bowers & Johnson (2003) for a run with
/// zones, from its `metrics.csv`: per zone and event measure, the counts in the zone (R), its
/// buffer (B) and the rest of the city as control (C = city − R − B) in a period before and a
/// period after (ticks, both ends included), and from them the WDQ and the total net effect
/// (`DisplacementQuotient`). For researchers who compare periods of one run (an intervention
/// scheduled mid-run) rather than fork arms, or of observed incidents; `wdq.csv`.
public struct PeriodDisplacement: Sendable {
    public struct Row: Sendable {
        public let zone: String
        public let measure: String
        public let before: DisplacementQuotient.Counts
        public let after: DisplacementQuotient.Counts
        public let quotient: DisplacementQuotient

        public init(zone: String, measure: String, before: DisplacementQuotient.Counts, after: DisplacementQuotient.Counts) {
            self.zone = zone; self.measure = measure; self.before = before; self.after = after
            quotient = DisplacementQuotient(before: before, after: after)
        }
    }

    public enum Failure: Error, CustomStringConvertible {
        case unreadable(String)
        case noZones(String)
        case badPeriods(String)

        public var description: String {
            switch self {
            case .unreadable(let m), .noZones(let m), .badPeriods(let m): m
            }
        }
    }

    public static let fileName = "wdq.csv"

    public let rows: [Row]
    /// The periods' first and last tick or day, as `wdq.csv` writes them.
    public let before: (from: String, to: String)
    public let after: (from: String, to: String)

    /// Rows counted elsewhere (observed incidents), with their periods' labels.
    public init(rows: [Row], before: (from: String, to: String), after: (from: String, to: String)) {
        self.rows = rows; self.before = before; self.after = after
    }

    /// From `directory/metrics.csv`.
    public init(directory: String, before: ClosedRange<Int>, after: ClosedRange<Int>) throws(Failure) {
        let path = directory + "/metrics.csv"
        guard let file = MetricsFile(path: path) else { throw .unreadable("\(path): missing, or not a metrics.csv") }
        guard before.upperBound < after.lowerBound || after.upperBound < before.lowerBound else {
            throw .badPeriods("--before \(before.lowerBound):\(before.upperBound) and --after \(after.lowerBound):\(after.upperBound) overlap")
        }
        let h = file.header
        var groups: [(zone: String, measure: String, target: Int, buffer: Int?, city: Int)] = []
        for (i, name) in h.enumerated() where name.hasPrefix("zone.") {
            let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3, let m = ZoneMetrics.Measure(rawValue: parts[2]), m.event != nil, let city = h.firstIndex(of: m.rawValue) else { continue }
            groups.append((parts[1], parts[2], i, h.firstIndex(of: "zone.\(parts[1]).buffer.\(parts[2])"), city))
        }
        guard !groups.isEmpty else { throw .noZones("\(path) has no zone columns: the world declares no [[zone]]") }
        var sums = [Double](repeating: 0, count: groups.count * 6)  // per group: R, B, city before; R, B, city after
        var last = -1
        do {
            try file.forEachRow { _, line, f in
                guard f.count == h.count, let tick = Int(f[0]) else { throw Failure.unreadable("\(path):\(line): not a metrics row") }
                last = max(last, tick)
                let period = before.contains(tick) ? 0 : after.contains(tick) ? 1 : -1
                guard period >= 0 else { return }
                for (g, c) in groups.enumerated() {
                    let v = [c.target, c.buffer, c.city].map { $0.flatMap { Double(f[$0]) } ?? 0 }
                    for k in 0..<3 { sums[g * 6 + period * 3 + k] += v[k] }
                }
            }
        } catch let e as Failure { throw e } catch { throw .unreadable("\(path): \(error)") }
        for (flag, p) in [("--before", before), ("--after", after)] where p.lowerBound < 1 || p.upperBound > last {
            throw .badPeriods("\(flag) \(p.lowerBound):\(p.upperBound) is not within the run's ticks 1…\(last)")
        }
        rows = groups.enumerated().map { g, c in
            func counts(_ p: Int) -> DisplacementQuotient.Counts {
                let r = sums[g * 6 + p * 3], b = sums[g * 6 + p * 3 + 1], city = sums[g * 6 + p * 3 + 2]
                return .init(target: r, buffer: b, control: city - r - b)
            }
            return Row(zone: c.zone, measure: c.measure, before: counts(0), after: counts(1))
        }
        self.before = (String(before.lowerBound), String(before.upperBound))
        self.after = (String(after.lowerBound), String(after.upperBound))
    }

    /// `wdq.csv`.
    public func csv() -> String {
        var out = "zone,measure,before_from,before_to,after_from,after_to,target_before,target_after,buffer_before,buffer_after,"
            + "control_before,control_after,success,buffer_measure,wdq,total_net_effect\n"
        for r in rows {
            var f = [r.zone, r.measure, before.from, before.to, after.from, after.to]
            f += [r.before.target, r.after.target, r.before.buffer, r.after.buffer, r.before.control, r.after.control].map(CSVNumber.format)
            f += [r.quotient.success, r.quotient.bufferMeasure, r.quotient.wdq, r.quotient.totalNetEffect].map { CSVNumber.cell($0) }
            out += f.joined(separator: ",") + "\n"
        }
        return out
    }
}
