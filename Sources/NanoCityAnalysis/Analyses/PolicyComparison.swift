import NanoCityIO
import NanoCityModel
import NanoCityStats

/// Differences of every point (or forked arm) from a baseline, per outcome, with 95%
/// intervals and p-values: paired on per-replicate differences when the sweep used common
/// random numbers (`--seeds per-replicate`; replicate r of one point with replicate r of the
/// other, only replicates both have, and the means of those same pairs), Welch's t otherwise.
///
/// With `by` (a varied key such as `map.seed`), every level of that key has its own baseline
/// (the selector plus that level) and rows; the differences of one treatment across the levels
/// are then pooled by a random-effects meta-analysis (`RandomEffects`), whose interval includes
/// the variation between levels (cities) as well as within them.
///
/// The relative difference is difference / |baseline mean|, its interval the difference's
/// interval divided by |baseline mean| (the baseline mean taken as known); empty when the
/// baseline mean is 0.
public struct PolicyComparison: Sendable {
    public struct Row: Sendable {
        public let point: SweepResults.Point
        /// The baseline this row is compared with (one per level with `by`).
        public let baselinePoint: SweepResults.Point
        public let outcome: String
        /// Mean of the baseline over the replicates used (the pairs, when paired).
        public let baselineMean: Double
        public let mean: Double
        /// nil when either side has fewer than 2 replicates (or pairs).
        public let difference: MeanDifference?
    }

    /// One treatment's effect pooled over the levels of `by`.
    public struct PooledRow: Sendable {
        /// The treatment's values of the varied keys other than `by`, in key order.
        public let values: [String]
        public let outcome: String
        /// Levels with a difference (and a positive variance), pairs summed over them.
        public let levels: Int
        public let pairs: Int
        /// Unweighted means over those levels of the baseline and treatment means.
        public let baselineMean: Double
        public let mean: Double
        /// nil when fewer than 2 levels could be pooled.
        public let pooled: RandomEffects?
    }

    public static let fileName = "compare.csv"
    public static let pooledFileName = "compare_pooled.csv"

    /// The baseline of the first level (the only one without `by`).
    public var baseline: SweepResults.Point { baselines[0] }
    /// One baseline point per level of `by` (one without).
    public let baselines: [SweepResults.Point]
    public let method: MeanDifference.Method
    public let rows: [Row]
    /// With `by`: the key, and per treatment and outcome the pooled effect.
    public let by: String?
    public let pooled: [PooledRow]
    public let pooling: RandomEffects.Method
    let keys: [String]
    /// Which ticks the outcomes summarise (from the sweep).
    public let window: OutcomeWindow
    public let windowTicks: ClosedRange<Int>
    public let windowDescription: String

    /// - Parameter selector: `key=value` pairs (comma- or space-separated) naming one point,
    ///   or with `by` one point per level of `by`.
    public init(_ results: SweepResults, baseline selector: String, by: String? = nil,
                pooling: RandomEffects.Method = .pm) throws(SweepError) {
        keys = results.variedKeys
        window = results.window
        windowTicks = results.windowTicks
        windowDescription = results.windowDescription
        method = results.seedRule == .perReplicate ? .paired : .welch
        self.by = by
        self.pooling = pooling
        // The groups compared within: every level of `by`, or the whole sweep.
        var groups: [[SweepResults.Point]] = [results.points]
        var byColumn: Int? = nil
        if let by {
            guard let c = keys.firstIndex(of: by) else {
                throw .results("--by \(by): not varied in this sweep; varied: \(keys.joined(separator: ", "))")
            }
            guard !selector.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }).contains(where: { $0.hasPrefix(by + "=") }) else {
                throw .results("--baseline names \(by), which --by splits by; give the baseline without it")
            }
            byColumn = c
            var order: [String] = []
            var members: [String: [SweepResults.Point]] = [:]
            for p in results.points {
                if members[p.values[c]] == nil { order.append(p.values[c]) }
                members[p.values[c], default: []].append(p)
            }
            guard order.count >= 2 else { throw .results("--by \(by): the sweep has one level (\(order.first ?? "")); pooling needs 2 or more") }
            groups = order.map { members[$0]! }
        }
        var baselines: [SweepResults.Point] = []
        var rows: [Row] = []
        for group in groups {
            let base = try Self.select(selector, in: results, among: group, level: byColumn.map { (by!, group[0].values[$0]) })
            baselines.append(base)
            for p in group where p.index != base.index {
                for (o, name) in results.outcomes.enumerated() {
                    rows.append(Self.row(point: p, baseline: base, outcome: o, name: name, method: method))
                }
            }
        }
        self.baselines = baselines
        self.rows = rows
        guard let byColumn else { pooled = []; return }
        // Pool each treatment (its values other than `by`) and outcome over the levels.
        var order: [[String]] = []
        var byTreatment: [[String]: [String: [Row]]] = [:]
        for r in rows {
            var v = r.point.values
            v.remove(at: byColumn)
            if byTreatment[v] == nil { order.append(v) }
            byTreatment[v, default: [:]][r.outcome, default: []].append(r)
        }
        var pooled: [PooledRow] = []
        for v in order {
            for name in results.outcomes {
                let usable = (byTreatment[v]![name] ?? []).filter { $0.difference != nil }
                let d = usable.map { $0.difference! }
                let re = RandomEffects(effects: d.map(\.difference), variances: d.map { $0.standardError * $0.standardError }, method: pooling)
                pooled.append(PooledRow(values: v, outcome: name, levels: usable.count, pairs: d.map(\.n).reduce(0, +),
                                        baselineMean: SampleSummary(usable.map(\.baselineMean)).mean,
                                        mean: SampleSummary(usable.map(\.mean)).mean, pooled: re))
            }
        }
        self.pooled = pooled
    }

    package static func row(point p: SweepResults.Point, baseline base: SweepResults.Point, outcome o: Int, name: String,
                    method: MeanDifference.Method) -> Row {
        if method == .paired {
            // Pair replicate r with replicate r (the same seed at both points); only those both have
            // and where the outcome is defined at both (NaN: undefined).
            var byRep: [Int: Double] = [:]
            for r in base.replicates where !r.outcomes[o].isNaN { byRep[r.replicate] = r.outcomes[o] }
            var t: [Double] = [], b: [Double] = []
            for r in p.replicates where !r.outcomes[o].isNaN { if let v = byRep[r.replicate] { t.append(r.outcomes[o]); b.append(v) } }
            return Row(point: p, baselinePoint: base, outcome: name, baselineMean: SampleSummary(b).mean, mean: SampleSummary(t).mean,
                       difference: MeanDifference.paired(treatment: t, baseline: b))
        }
        let t = p.values(o), b = base.values(o)
        return Row(point: p, baselinePoint: base, outcome: name, baselineMean: SampleSummary(b).mean, mean: SampleSummary(t).mean,
                   difference: MeanDifference.welch(treatment: t, baseline: b))
    }

    /// The one point whose varied values match every `key=value` of the selector.
    /// `among` limits the search (one level of `by`, named by `level` in messages).
    package static func select(_ selector: String, in results: SweepResults, among: [SweepResults.Point]? = nil,
                       level: (key: String, value: String)? = nil) throws(SweepError) -> SweepResults.Point {
        let candidates = among ?? results.points
        let at = level.map { " at \($0.key)=\($0.value)" } ?? ""
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
        let matches = candidates.filter { p in wanted.allSatisfy { $0.matches(p.values[$0.column]) } }
        guard let first = matches.first else {
            let seen = wanted.map { w in
                let vs = Set(candidates.map { $0.values[w.column] }).sorted()
                return "\(w.key) ∈ {\(vs.prefix(12).joined(separator: ", "))\(vs.count > 12 ? ", …" : "")}"
            }
            throw .results("--baseline \(selector): no point\(at) has these values; the sweep has \(seen.joined(separator: "; "))")
        }
        guard matches.count == 1 else {
            let others = results.variedKeys.filter { k in !wanted.contains { $0.key == k } && k != level?.key }
            throw .results("--baseline \(selector) matches \(matches.count) points\(at); add values for \(others.joined(separator: ", "))"
                + (level == nil && others.count == 1 ? ", or compare within each level of it and pool: --by \(others[0])" : ""))
        }
        return first
    }

    public func csv() -> String {
        var out = (["point"] + keys.map(SummaryCSV.field) + ["outcome", "method", "n", "baseline_mean", "mean", "difference",
                   "ci_low", "ci_high", "relative_difference", "relative_ci_low", "relative_ci_high", "p_value",
                   "window", "from_tick", "to_tick"])
            .joined(separator: ",") + "\n"
        for r in rows {
            var f = [String(r.point.index)] + r.point.values.map(SummaryCSV.field) + [r.outcome, method.rawValue]
            f.append(String(r.difference?.n ?? 0))
            f.append(CSVNumber.format(r.baselineMean))
            f.append(CSVNumber.format(r.mean))
            f += Self.effectCells(r.difference, baselineMean: r.baselineMean)
            f += [window.rawValue, String(windowTicks.lowerBound), String(windowTicks.upperBound)]
            out += f.joined(separator: ",") + "\n"
        }
        return out
    }

    /// A difference's cells in compare.csv and arms.csv: `difference`, `ci_low`, `ci_high`, the
    /// three relative to |baseline mean| (empty when it is 0), `p_value` (empty when
    /// undefined); seven empty cells without a difference.
    static func effectCells(_ d: MeanDifference?, baselineMean: Double) -> [String] {
        guard let d else { return Array(repeating: "", count: 7) }
        var f = [d.difference, d.low, d.high].map(CSVNumber.format)
        if baselineMean != 0 {
            let b = abs(baselineMean)
            f += [d.difference / b, d.low / b, d.high / b].map(CSVNumber.format)
        } else { f += ["", "", ""] }
        f.append(d.p.isNaN ? "" : CSVNumber.format(d.p))
        return f
    }

    /// `compare_pooled.csv` (with `by`): per treatment and outcome, the pooled effect.
    public func pooledCSV() -> String {
        let treatmentKeys = keys.filter { $0 != by }
        var out = (["by"] + treatmentKeys.map(SummaryCSV.field) + ["outcome", "levels", "pairs", "baseline_mean", "mean", "difference",
                   "ci_low", "ci_high", "relative_difference", "p_value", "tau2", "i2", "q", "pooling", "interval",
                   "window", "from_tick", "to_tick"]).joined(separator: ",") + "\n"
        for r in pooled {
            var f = [SummaryCSV.field(by ?? "")] + r.values.map(SummaryCSV.field) + [r.outcome, String(r.levels), String(r.pairs),
                     CSVNumber.format(r.baselineMean), CSVNumber.format(r.mean)]
            if let e = r.pooled {
                f += [e.estimate, e.low, e.high].map(CSVNumber.format)
                f.append(r.baselineMean != 0 && r.baselineMean.isFinite ? CSVNumber.format(e.estimate / abs(r.baselineMean)) : "")
                f.append(e.p.isNaN ? "" : CSVNumber.format(e.p))
                f += [e.tau2, e.i2, e.q].map(CSVNumber.format)
            } else {
                f += Array(repeating: "", count: 8)
            }
            f += [pooling.rawValue, "hartung-knapp", window.rawValue, String(windowTicks.lowerBound), String(windowTicks.upperBound)]
            out += f.joined(separator: ",") + "\n"
        }
        return out
    }
}
