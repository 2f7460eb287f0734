import Foundation
import NanoCityEngine
import NanoCityIO
import NanoCityModel
import NanoCityAnalysis

/// The outcome columns of one run, accumulated tick by tick so no run keeps its metrics.
///
/// For each metric m: `m_final` (value at the last tick) and `m_mean` (mean over ticks
/// 1…N; the tick-0 value when N = 0); for per-tick counters also `m_total` (sum over 1…N).
public struct RunOutcome: Sendable {
    /// What the rows hold.
    public let columns: OutcomeColumns
    var final: [Double]
    var sum: [Double]
    var rows = 0

    public init(_ columns: OutcomeColumns) {
        self.columns = columns
        final = Array(repeating: 0, count: columns.count)
        sum = final
    }

    /// Adds one metrics row (tick 0 first).
    public mutating func observe(_ row: [Double]) {
        final = row
        if rows > 0 { for i in row.indices { sum[i] += row[i] } }
        rows += 1
    }

    /// The outcome of a window of ticks from its metrics rows (row-major, every metric per
    /// row, first tick first), as if the run had started just before the window: `_final` is
    /// the last row, `_mean` and `_total` run over every row (in order, as `observe` sums).
    static func window(rows: [Double], columns: OutcomeColumns) -> RunOutcome {
        let n = columns.count
        var o = RunOutcome(columns)
        o.rows = 1  // the virtual start row, which is never summed
        var start = 0
        while start + n <= rows.count {
            for i in 0..<n { o.sum[i] += rows[start + i] }
            o.final = Array(rows[start..<(start + n)])
            o.rows += 1
            start += n
        }
        return o
    }

    /// The accumulated state as bytes (a fork's burn-in keeps it beside its checkpoint).
    func encoded() -> [UInt8] {
        var w = StateWriter()
        w.write(array: Array("NCOUTCOME1".utf8))
        w.write(rows)
        w.write(array: final)
        w.write(array: sum)
        return w.bytes
    }

    /// Reads `encoded()`'s bytes; nil when they are not exactly that for `columns`.
    init?(decoding bytes: [UInt8], columns: OutcomeColumns) {
        var r = StateReader(bytes)
        let n = columns.count
        guard let magic: [UInt8] = try? r.readArray(maxCount: 16), magic == Array("NCOUTCOME1".utf8),
              let rows = try? r.readInt(), rows >= 0,
              let final = try? r.readDoubleArray(maxCount: n), final.count == n,
              let sum = try? r.readDoubleArray(maxCount: n), sum.count == n, r.remaining == 0 else { return nil }
        self.columns = columns
        self.final = final
        self.sum = sum
        self.rows = rows
    }

    /// Refuses, before any run, an `--outcome` that is not one of `columns` (a table that
    /// could show nothing must not be the end of a sweep).
    public static func check(outcomes: [String], columns: OutcomeColumns) throws(SweepError) {
        let names = Set(columns.names)
        for o in outcomes where !names.contains(o) {
            throw .badPlan("--outcome \(o): not a summary.csv column; columns are <metric>_final, <metric>_mean and, for counters, "
                + "<metric>_total (`nanocity params --metrics`; zone.<name>.<metric> for a world's zones)")
        }
    }

    public var values: [Double] {
        let ticks = max(rows - 1, 0)
        var out: [Double] = []
        for i in final.indices {
            out.append(final[i])
            out.append(ticks == 0 ? final[i] : sum[i] / Double(ticks))
            if columns.counters[i] { out.append(sum[i]) }
        }
        return out
    }
}

extension RunOutcome {
    /// One run of `world` on `map` from `seed` for `ticks` ticks, summarised as a summary.csv
    /// row's outcome columns (the cells as `summary.csv` writes them): what a capsule's
    /// verification recomputes for a sampled row.
    public static func cells(world: World, map: CityMap, seed: UInt64, ticks: Int, patterns: PatternOutcomes? = nil,
                             reducers: [OutcomeReducer] = [], stopWhen: StopRule? = nil) -> [String] {
        let (outcome, extras, _) = run(world: world, map: map, seed: seed, ticks: ticks, patterns: patterns, reducers: reducers,
                                       stopWhen: stopWhen, shouldStop: { false })
        return outcome.values.map(CSVNumber.format) + extras.patterns.map(CSVNumber.cell) + extras.reduced.map(CSVNumber.cell)
            + (stopWhen != nil ? [extras.stoppedAt.map(String.init) ?? ""] : [])
    }

    /// One run in memory, no files: its outcome, its pattern outcomes (empty without
    /// `patterns`) and how it ended — a sweep's run that keeps no folder.
    static func run(world: World, map: CityMap, seed: UInt64, ticks: Int, patterns: PatternOutcomes?, reducers: [OutcomeReducer],
                    stopWhen: StopRule?, shouldStop: () -> Bool) -> (RunOutcome, RunExtras, RunStatus) {
        var outcome = RunOutcome(OutcomeColumns(world: world.parameters))
        var city = City(map: map, parameters: world.parameters, seed: seed)
        let recording = ExtrasRecording(patterns: patterns, reducers: reducers, ticks: ticks)
        let monitor = stopWhen.map(StopMonitor.init)
        let status = RunLoop.run(&city, to: ticks, recorders: [MetricsObserver { outcome.observe($0) }] + recording.recorders,
                                 until: monitor, shouldStop: shouldStop)
        return (outcome, recording.extras(world: world, map: map, ticks: ticks, stoppedAt: monitor?.stoppedAt), status)
    }
}

/// The recorders that gather a run's extras (its crimes for the pattern statistics, its
/// reducers' values) and, once it has ended, the extras: one place for a run in memory and a
/// run that keeps its folder.
struct ExtrasRecording {
    let patterns: PatternOutcomes?
    let collector: IncidentCollector?
    let reducing: ReducerAccumulator?

    init(patterns: PatternOutcomes?, reducers: [OutcomeReducer], ticks: Int) {
        self.patterns = patterns
        collector = patterns?.collector(ticks: ticks)
        reducing = reducers.isEmpty ? nil : ReducerAccumulator(reducers)
    }

    var recorders: [any RunRecorder] { (collector.map { [$0] } ?? []) + (reducing.map { [$0] } ?? []) }

    /// `stoppedAt`: the tick a stop condition ended the run (its patterns span the ticks it ran).
    func extras(world: World, map: CityMap, ticks: Int, stoppedAt: Int?) -> RunExtras {
        let values = patterns.flatMap { p in collector.map { p.values($0, world: world, map: map, ticks: stoppedAt ?? ticks) } } ?? []
        return RunExtras(patterns: values, reduced: reducing?.values ?? [], stoppedAt: stoppedAt)
    }
}

/// What a run gives beside its metric outcomes: pattern statistics (`--patterns`), reducer
/// values (`--reduce`) and the tick a stop condition ended it (`--stop-when`).
struct RunExtras {
    var patterns: [Double?] = []
    var reduced: [Double?] = []
    var stoppedAt: Int?
}

/// Rows of `summary.csv`.
public enum SummaryRow {
    public static func header(_ plan: SweepPlan) -> String {
        (["run", "replicate", "seed"] + plan.variedKeys + plan.outcomeColumns.names + (plan.patterns?.names ?? [])
            + plan.reducers.flatMap(\.columns) + (plan.stopWhen != nil ? ["stopped_at_tick"] : []) + ["status"]).joined(separator: ",")
    }

    /// `patterns`: the run's pattern outcomes with `--patterns` (empty cells where undefined).
    /// `extras`: the run's pattern outcomes (empty cells where undefined), reducer values and stop tick.
    static func row(_ plan: SweepPlan, run: SweepPlan.Run, outcome: RunOutcome, extras: RunExtras = RunExtras(), status: RunStatus) -> String {
        let patterns = extras.patterns, reduced = extras.reduced
        var f = [String(run.index), String(run.replicate), String(run.seed)]
        for (_, v) in plan.points[run.point] { f.append(SummaryCSV.field(v.description)) }
        // A run cut off by its time limit has no outcome: its partial values would read as a run's.
        if case .timeout = status {
            f += [String](repeating: "", count: plan.outcomeColumns.names.count)
        } else {
            for v in outcome.values { f.append(CSVNumber.format(v)) }
        }
        if let p = plan.patterns {
            let values = patterns.count == p.names.count ? patterns : [Double?](repeating: nil, count: p.names.count)
            for v in values { f.append(CSVNumber.cell(v)) }
        }
        let width = plan.reducers.reduce(0) { $0 + $1.columns.count }
        if width > 0 {
            for v in reduced.count == width ? reduced : [Double?](repeating: nil, count: width) { f.append(CSVNumber.cell(v)) }
        }
        if plan.stopWhen != nil { f.append(extras.stoppedAt.map(String.init) ?? "") }
        f.append(SummaryCSV.field(status.description))
        return f.joined(separator: ",")
    }
}
