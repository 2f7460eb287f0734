import Foundation
import NanoCityIO
import NanoCityModel

/// A finished (or partly finished) sweep read back from its directory: `sweep.json` and
/// `summary.csv`, grouped by point, with each point's complete replicates in replicate order.
///
/// Everything computed from it (points.csv, compare.csv, sensitivity.csv) depends only on the
/// rows' contents, never on the order runs finished in, so it is byte-identical for any `--jobs`,
/// shard split or resume.
public struct SweepResults: Sendable {
    public struct Point: Sendable {
        public let index: Int
        /// The varied keys' values as written in summary.csv.
        public let values: [String]
        /// Complete runs: (replicate, outcome values), ascending replicate.
        public let replicates: [(replicate: Int, outcomes: [Double])]

        /// Outcome `o` over the replicates where it is defined (NaN marks an undefined one).
        public func values(_ o: Int) -> [Double] { replicates.map { $0.outcomes[o] }.filter { !$0.isNaN } }
    }

    public let directory: String
    public let sampling: Sampling
    public let seedRule: SeedRule
    public let baseSeed: UInt64
    /// Replicates per point (the cap with `--until-precision`).
    public let replicateStride: Int
    public let pointCount: Int
    public let variedKeys: [String]
    /// Outcome column names, in summary.csv order.
    public let outcomes: [String]
    /// Points that have at least one row, ascending index.
    public let points: [Point]
    /// `sweep.json` as read.
    public let record: SweepRecord
    /// Which ticks the outcome columns summarise: `whole` for a sweep, a fork's window.
    public let window: OutcomeWindow
    /// The window's first and last tick.
    public let windowTicks: ClosedRange<Int>
    /// The window in words, for tables ("ticks 1–1000 (the whole run)").
    public var windowDescription: String {
        if let forkAt { return window.describe(forkAt: forkAt, ticks: windowTicks.upperBound) }
        return "ticks \(windowTicks.lowerBound)–\(windowTicks.upperBound) (the whole run; _final = the value at tick \(windowTicks.upperBound))"
    }
    /// A fork's tick T; nil for a sweep.
    public let forkAt: Int?
    /// A fork's arms: the keys each arm sets at the fork, by arm name (empty for a sweep).
    public let armKeys: [String: [String]]
    /// A fork's arms: the numeric values each arm sets, by arm name and key.
    public let armValues: [String: [String: Double]]

    /// The value a point sets for `key`, when numeric: its varied value, or its arm's.
    public func valueSet(_ key: String, by point: Point) -> Double? {
        if forkAt == nil { return variedKeys.firstIndex(of: key).flatMap { Double(point.values[$0]) } }
        return armValues[point.values.first ?? ""]?[key]
    }

    /// The parameters a point sets: its varied keys, or for a fork's arm the keys it changes.
    public func keysSet(by point: Point) -> [String] {
        forkAt == nil ? variedKeys : armKeys[point.values.first ?? ""] ?? []
    }

    /// The levers a point sets that the model moves (`ModelDrivenParameters`) and where they
    /// ended on average (`<metric>_final`), for those whose end differs from what was set.
    public func realisedLevers(_ point: Point) -> [(key: String, metric: String, end: Double)] {
        keysSet(by: point).compactMap { key in
            guard let e = ModelDrivenParameters.entry(for: key), let end = mean(e.metric + "_final", at: point) else { return nil }
            if let set = valueSet(key, by: point), set == end { return nil }
            return (key, e.metric, end)
        }
    }

    /// " (guards ended at 13.15)" for a label, or "".
    public func realisedNote(_ point: Point) -> String {
        let parts = realisedLevers(point).map { "\($0.metric) ended at \(String(format: "%.4g", $0.end))" }
        return parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"
    }

    /// Mean over a point's complete replicates of an outcome column (where it is defined); nil
    /// when absent or empty.
    public func mean(_ outcome: String, at point: Point) -> Double? {
        guard let i = outcomes.firstIndex(of: outcome) else { return nil }
        let v = point.values(i)
        guard !v.isEmpty else { return nil }
        var s = 0.0
        for x in v { s += x }
        return s / Double(v.count)
    }

    /// Reads `dir/sweep.json` and `dir/summary.csv`.
    public init(directory dir: String) throws(SweepError) {
        directory = dir
        guard FileManager.default.fileExists(atPath: dir + "/sweep.json") else {
            let what = FileManager.default.fileExists(atPath: dir) ? "holds no sweep.json" : "does not exist"
            throw .results("\(dir) \(what); give the directory a sweep wrote (its --out)")
        }
        let plan = try SweepRecord.read(dir + "/sweep.json")
        record = plan
        armKeys = Dictionary(plan.arms.map { ($0.name, $0.set.keys.sorted()) }, uniquingKeysWith: { a, _ in a })
        armValues = Dictionary(plan.arms.map { ($0.name, $0.set.compactMapValues(\.number)) }, uniquingKeysWith: { a, _ in a })
        if plan.sampling == .fork, let t = plan.forkAt {
            forkAt = t
            window = plan.window
            windowTicks = plan.window.ticks(forkAt: t, ticks: plan.ticks)
        } else {
            forkAt = nil
            window = .whole
            windowTicks = 1...max(plan.ticks, 1)
        }
        sampling = plan.sampling
        seedRule = plan.seedRule
        baseSeed = plan.baseSeed
        pointCount = plan.points
        replicateStride = plan.untilPrecision?.maxReplicates ?? plan.replicates
        guard let summaryData = FileManager.default.contents(atPath: dir + "/summary.csv") else {
            throw .results("\(dir) holds no summary.csv: the sweep has not written any run yet (with shards: run `nanocity merge \(dir)` first)")
        }
        let text = String(decoding: summaryData, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() } else if !lines.isEmpty { lines.removeLast() }  // a partial last line
        guard let header = lines.first.map({ SummaryCSV.split(String($0)) }), header.count >= 4,
              Array(header.prefix(3)) == ["run", "replicate", "seed"], header.last == "status" else {
            throw .results("\(dir)/summary.csv has no summary header (run,replicate,seed,…,status)")
        }
        let firstOutcome = header.firstIndex { OutcomeColumns.catalog.names.contains($0) } ?? header.count - 1
        variedKeys = Array(header[3..<firstOutcome])
        outcomes = Array(header[firstOutcome..<(header.count - 1)])
        var byPoint: [Int: (values: [String], reps: [(Int, [Double])])] = [:]
        for (n, line) in lines.enumerated().dropFirst() {
            let f = SummaryCSV.split(String(line))
            guard f.count == header.count, let run = Int(f[0]), let rep = Int(f[1]), run >= 0, rep >= 0,
                  run / replicateStride < pointCount, run % replicateStride == rep else {
                throw .results("\(dir)/summary.csv:\(n + 1): malformed row (expected \(header.count) fields, a run and replicate of this plan)")
            }
            let point = run / replicateStride
            var entry = byPoint[point] ?? (Array(f[3..<firstOutcome]), [])
            if f.last.flatMap(RunStatus.init(parsing:)) == .complete {
                var values: [Double] = []
                for (c, s) in f[firstOutcome..<(f.count - 1)].enumerated() {
                    // An empty cell is an outcome undefined for this run (a pattern
                    // statistic of a run without crimes): missing, never zero.
                    if s.isEmpty { values.append(.nan); continue }
                    guard let v = Double(s) else {
                        throw .results("\(dir)/summary.csv:\(n + 1): column \(header[firstOutcome + c]) is not a number: '\(s)'")
                    }
                    values.append(v)
                }
                entry.reps.append((rep, values))
            }
            byPoint[point] = entry
        }
        points = byPoint.keys.sorted().map { p in
            let e = byPoint[p]!
            return Point(index: p, values: e.values, replicates: e.reps.sorted { $0.0 < $1.0 }.map { (replicate: $0.0, outcomes: $0.1) })
        }
    }

    /// Column index of an outcome, or an error listing close names.
    public func outcomeIndex(_ name: String) throws(SweepError) -> Int {
        if let i = outcomes.firstIndex(of: name) { return i }
        let close = outcomes.filter { $0.hasPrefix(name) || name.hasPrefix($0.split(separator: "_").first.map(String.init) ?? "") }
        throw .results("no outcome column '\(name)' in \(directory)/summary.csv"
            + (close.isEmpty ? "; `nanocity params --metrics` lists the metrics (columns are <metric>_final, _mean, _total)"
                : "; did you mean \(close.prefix(6).joined(separator: ", "))?"))
    }
}
