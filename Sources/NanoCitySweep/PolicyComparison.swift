import NanoCityIO
import NanoCityModel
import NanoCityStats

/// Differences of every point (or, later, forked arm) from a baseline, per outcome, with 95%
/// intervals and p-values: paired on per-replicate differences when the sweep used common
/// random numbers (`--seeds per-replicate`), Welch's t otherwise.
///
/// The relative difference is difference / |baseline mean|, its interval the difference's
/// interval divided by |baseline mean| (the baseline mean taken as known); empty when the
/// baseline mean is 0.
public struct PolicyComparison: Sendable {
    public struct Row: Sendable {
        public let point: SweepResults.Point
        public let outcome: String
        public let baselineMean: Double
        public let mean: Double
        /// nil when either side has fewer than 2 replicates (or pairs).
        public let difference: MeanDifference?
    }

    public static let fileName = "compare.csv"

    public let baseline: SweepResults.Point
    public let method: MeanDifference.Method
    public let rows: [Row]
    let keys: [String]
    /// Which ticks the outcomes summarise (from the sweep).
    public let window: OutcomeWindow
    public let windowTicks: ClosedRange<Int>
    public let windowDescription: String

    /// - Parameter selector: `key=value` pairs (comma- or space-separated) naming one point.
    public init(_ results: SweepResults, baseline selector: String) throws(SweepError) {
        keys = results.variedKeys
        window = results.window
        windowTicks = results.windowTicks
        windowDescription = results.windowDescription
        baseline = try Self.select(selector, in: results)
        method = results.seedRule == .perReplicate ? .paired : .welch
        var rows: [Row] = []
        for p in results.points where p.index != baseline.index {
            for (o, name) in results.outcomes.enumerated() {
                let base = baseline.replicates, treat = p.replicates
                let d: MeanDifference?
                if method == .paired {
                    // Pair replicate r with replicate r: the same seed at both points.
                    var byRep: [Int: Double] = [:]
                    for r in base { byRep[r.replicate] = r.outcomes[o] }
                    var t: [Double] = [], b: [Double] = []
                    for r in treat { if let v = byRep[r.replicate] { t.append(r.outcomes[o]); b.append(v) } }
                    d = MeanDifference.paired(treatment: t, baseline: b)
                } else {
                    d = MeanDifference.welch(treatment: treat.map { $0.outcomes[o] }, baseline: base.map { $0.outcomes[o] })
                }
                rows.append(Row(point: p, outcome: name, baselineMean: SampleSummary(base.map { $0.outcomes[o] }).mean,
                                mean: SampleSummary(treat.map { $0.outcomes[o] }).mean, difference: d))
            }
        }
        self.rows = rows
    }

    /// The one point whose varied values match every `key=value` of the selector.
    static func select(_ selector: String, in results: SweepResults) throws(SweepError) -> SweepResults.Point {
        let pairs = selector.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }).map(String.init)
        guard !pairs.isEmpty else { throw .results("--baseline: give key=value, e.g. --baseline 'guards.count=6'") }
        // A fork's arms are matched by name; parameters by value (so 6 and 6.0 match).
        var wanted: [(column: Int, key: String, matches: (String) -> Bool)] = []
        for pair in pairs {
            guard let eq = pair.firstIndex(of: "=") else { throw .results("--baseline: '\(pair)' is not key=value") }
            let key = String(pair[..<eq]), text = String(pair[pair.index(after: eq)...])
            guard let column = results.variedKeys.firstIndex(of: key) else {
                throw .results("--baseline: '\(key)' is not varied in this sweep; varied: \(results.variedKeys.joined(separator: ", "))")
            }
            guard let spec = ParameterCatalog.spec(for: key) else {
                wanted.append((column, key, { $0 == text }))
                continue
            }
            switch spec.parse(text) {
            case .success(let v):
                wanted.append((column, key, { cell in
                    guard case .success(let x) = spec.parse(cell) else { return false }
                    if let a = x.numeric, let b = v.numeric { return a == b }
                    return x == v
                }))
            case .failure(let e): throw .results("--baseline: \(e.description)")
            }
        }
        let matches = results.points.filter { p in wanted.allSatisfy { $0.matches(p.values[$0.column]) } }
        guard let first = matches.first else {
            let seen = wanted.map { w in
                let vs = Set(results.points.map { $0.values[w.column] }).sorted()
                return "\(w.key) ∈ {\(vs.prefix(12).joined(separator: ", "))\(vs.count > 12 ? ", …" : "")}"
            }
            throw .results("--baseline \(selector): no point has these values; the sweep has \(seen.joined(separator: "; "))")
        }
        guard matches.count == 1 else {
            let others = results.variedKeys.filter { k in !wanted.contains { $0.key == k } }
            throw .results("--baseline \(selector) matches \(matches.count) points; add values for \(others.joined(separator: ", "))")
        }
        return first
    }

    public func csv() -> String {
        var out = (["point"] + keys.map(SummaryRow.csvField) + ["outcome", "method", "n", "baseline_mean", "mean", "difference",
                   "ci_low", "ci_high", "relative_difference", "relative_ci_low", "relative_ci_high", "p_value",
                   "window", "from_tick", "to_tick"])
            .joined(separator: ",") + "\n"
        for r in rows {
            var f = [String(r.point.index)] + r.point.values.map(SummaryRow.csvField) + [r.outcome, method.rawValue]
            f.append(String(r.difference?.n ?? 0))
            f.append(CSVNumber.format(r.baselineMean))
            f.append(CSVNumber.format(r.mean))
            if let d = r.difference {
                f += [d.difference, d.low, d.high].map(CSVNumber.format)
                if r.baselineMean != 0 {
                    let b = abs(r.baselineMean)
                    f += [d.difference / b, d.low / b, d.high / b].map(CSVNumber.format)
                } else { f += ["", "", ""] }
                f.append(d.p.isNaN ? "" : CSVNumber.format(d.p))
            } else {
                f += Array(repeating: "", count: 7)
            }
            f += [window.rawValue, String(windowTicks.lowerBound), String(windowTicks.upperBound)]
            out += f.joined(separator: ",") + "\n"
        }
        return out
    }
}
