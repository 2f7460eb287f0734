import Foundation
import NanoCityEngine
import NanoCityIO
import NanoCityModel
import NanoCityStats
import NanoCityAnalysis

/// A finished fork's outputs, computed from its replicate files in replicate order (so they are
/// byte-identical for any `--jobs`, shard split or resume):
/// - `summary.csv`: one row per run (`run = arm × replicates + replicate`), with an `arm` column,
///   outcomes over the plan's window (`OutcomeWindow`: after the fork by default);
/// - `points.csv`: per arm, as for any sweep;
/// - `arms.csv`: per arm and outcome, the paired difference from the baseline (first) arm;
/// - `arms_ticks.csv`: per arm and tick after the fork, every metric's mean paired difference
///   from the baseline with its 95% CI;
/// - `delta/<arm>_<field>.npy`: per cell, the mean difference from the baseline at the last
///   tick (float32, height × width), for toxicity, waste and crime attractiveness; and
///   `delta/<arm>_<measure>.npy`, the mean difference in events per cell after the fork, for
///   thefts, burglaries, dumps and arrests;
/// - with zones: `arms.csv` also has the displacement rows (`DisplacementAccounting`),
///   `rings.csv` the mean event difference by distance from each zone, and `zones.npy` the
///   zones (float32: z + 1 on zone z's cells, 0 elsewhere).
public enum ForkReport {
    /// The shape of a fork, from its plan or its `sweep.json`.
    struct Layout {
        var armNames: [String]
        var replicates: Int
        var forkAt: Int
        var ticks: Int
        var baseSeed: UInt64
        var width: Int
        var height: Int
        var window: OutcomeWindow
        /// The plan's pattern outcome columns (`--patterns`), empty without.
        var patternNames: [String] = []
        /// The metrics the outcomes cover (the catalog's, then the zones').
        var columns = OutcomeColumns.catalog
        /// The zones as laid on the map (none without).
        var zones = ZoneLayout.empty
        /// `--reduce`: more outcome columns, over each arm's ticks after the fork.
        var reducers: [OutcomeReducer] = []

        func seed(replicate r: Int) -> UInt64 { SplitMix64.derive(base: baseSeed, index: UInt64(r)) }

        /// From a fork's `sweep.json` (and, with zones, the `zones.npy` beside it in
        /// `directory`); nil when it is not a fork or its zones file does not match it.
        init?(record plan: SweepRecord, directory: String) {
            guard plan.sampling == .fork, let t = plan.forkAt, let w = plan.mapWidth, let h = plan.mapHeight else { return nil }
            self.init(armNames: plan.arms.map(\.name), replicates: plan.replicates, forkAt: t, ticks: plan.ticks, baseSeed: plan.baseSeed,
                      width: w, height: h, window: plan.window)
            patternNames = plan.patterns?.columns ?? []
            if let names = plan.zoneColumns {
                guard let c = OutcomeColumns(zoneColumns: names), let decl = plan.zones else { return nil }
                let zoneNames = decl.map(\.name), buffers = decl.map(\.buffer)
                guard let bytes = BoundedRead.data(directory + "/zones.npy", limit: 256 + 4 * w * h),
                      let grid = NPYFormat.decode([UInt8](bytes)), grid.shape == (h, w) else { return nil }
                var cells = [[Int32]](repeating: [], count: decl.count)
                for (i, v) in grid.values.enumerated() where v != 0 {
                    guard v >= 1, v <= Float(decl.count), v == v.rounded() else { return nil }
                    cells[Int(v) - 1].append(Int32(i))
                }
                guard let layout = try? ZoneLayout(size: GridSize(width: w, height: h), names: zoneNames, cells: cells, buffers: buffers),
                      plan.zonesFingerprint == layout.fingerprint,
                      OutcomeColumns(zoneColumns: ZoneMetrics.names(for: zip(zoneNames, buffers).map { ZoneDeclaration(name: $0, shape: .cells([]), buffer: $1) }).map(\.name)) == c
                else { return nil }
                columns = c
                zones = layout
            }
            guard let r = try? OutcomeReducer.parse(plan.reducers ?? [], columns: columns, ticks: plan.ticks) else { return nil }
            reducers = r
        }

        init(armNames: [String], replicates: Int, forkAt: Int, ticks: Int, baseSeed: UInt64, width: Int, height: Int,
             window: OutcomeWindow) {
            self.armNames = armNames; self.replicates = replicates; self.forkAt = forkAt; self.ticks = ticks
            self.baseSeed = baseSeed; self.width = width; self.height = height; self.window = window
        }
    }

    static func write(_ plan: Layout, directory dir: String, replicateDirectories: [String]) throws(SweepError) {
        let a = plan.armNames.count, rCount = plan.replicates, rows = plan.ticks - plan.forkAt
        let cells = plan.width * plan.height, metrics = plan.columns.count, fields = ForkDirectory.deltaFields.count
        let maps = EventCountRecorder.kinds.count
        func load(_ r: Int) throws(SweepError) -> ForkReplicate {
            let found = replicateDirectories.lazy.compactMap {
                ForkReplicate.read(path: $0 + "/" + ForkReplicate.fileName(r), arms: a, rows: rows, cells: cells, patterns: plan.patternNames.count,
                                   columns: plan.columns)
            }.first
            guard let found else { throw .merge("replicate \(r) of the fork is missing or damaged; resume the sweep (or the shard that holds it)") }
            return found
        }
        func io(_ path: String, _ bytes: [UInt8]) throws(SweepError) {
            do throws(OutputError) { try BufferedFile.writeAtomically(bytes, to: path) } catch { throw .io(path: path, message: error.message) }
        }

        // Replicate files are read one at a time, twice (sums, then squared deviations), so
        // memory holds one replicate and the per-tick sums, never arms × replicates × ticks;
        // every sum runs in replicate order, as SampleSummary would sum the same values.
        var outcomes = [[[Double]]](repeating: [], count: a)
        var statuses = [[RunStatus]](repeating: [], count: a)
        var patterns = [[[Double]]](repeating: [], count: a)
        var reduced = [[[Double?]]](repeating: [], count: a)
        var tickSum = [Double](repeating: 0, count: (a - 1) * rows * metrics)
        var fieldSum = [Double](repeating: 0, count: (a - 1) * fields * cells)
        var eventSum = [Double](repeating: 0, count: (a - 1) * maps * cells)
        var rings = RingProfile(zones: plan.zones, width: plan.width, height: plan.height, arms: a - 1, replicates: rCount)
        for r in 0..<rCount {
            let rep = try load(r)
            for arm in 0..<a {
                let x = rep.arms[arm]
                outcomes[arm].append(plan.window == .whole ? x.outcomes : RunOutcome.window(rows: x.rows, columns: plan.columns).values)
                statuses[arm].append(x.status)
                patterns[arm].append(x.patterns)
                reduced[arm].append(ReducerAccumulator.values(plan.reducers, rows: x.rows, metrics: metrics, firstTick: plan.forkAt + 1))
            }
            let base = rep.arms[0]
            for arm in 1..<a {
                let x = rep.arms[arm], t0 = (arm - 1) * rows * metrics
                for i in 0..<(rows * metrics) { tickSum[t0 + i] += x.rows[i] - base.rows[i] }
                for f in 0..<fields {
                    let f0 = ((arm - 1) * fields + f) * cells, xf = x.fields[f], bf = base.fields[f]
                    for c in 0..<cells { fieldSum[f0 + c] += Double(xf[c]) - Double(bf[c]) }
                }
                for m in 0..<maps {
                    let e0 = ((arm - 1) * maps + m) * cells, xe = x.events[m], be = base.events[m]
                    for c in 0..<cells { eventSum[e0 + c] += Double(xe[c]) - Double(be[c]) }
                }
                rings.add(arm: arm - 1, replicate: r, events: x.events, baseline: base.events)
            }
        }
        // The sums become the means in place (one array fewer of arms × ticks × metrics).
        for i in tickSum.indices { tickSum[i] /= Double(rCount) }
        let tickMean = tickSum
        tickSum = []  // the buffer now belongs to tickMean alone
        var tickSS = [Double](repeating: 0, count: tickMean.count)
        for r in 0..<rCount {
            let rep = try load(r)
            for arm in 1..<a {
                let x = rep.arms[arm].rows, b = rep.arms[0].rows, t0 = (arm - 1) * rows * metrics
                for i in 0..<(rows * metrics) {
                    let d = x[i] - b[i] - tickMean[t0 + i]
                    tickSS[t0 + i] += d * d
                }
            }
        }

        let header: [String] = ["run", "replicate", "seed", "arm"] + plan.columns.names + plan.patternNames
            + plan.reducers.flatMap(\.columns) + ["status"]
        var summary = header.joined(separator: ",") + "\n"
        for arm in 0..<a {
            for r in 0..<rCount {
                var f: [String] = [String(arm * rCount + r), String(r), String(plan.seed(replicate: r)), plan.armNames[arm]]
                f += outcomes[arm][r].map(CSVNumber.format)
                f += patterns[arm][r].map { CSVNumber.cell($0) }
                f += reduced[arm][r].map { CSVNumber.cell($0) }
                f.append(SummaryCSV.field(statuses[arm][r].description))
                summary += f.joined(separator: ",") + "\n"
            }
        }
        try io(dir + "/summary.csv", Array(summary.utf8))
        try PointStatistics.write(directory: dir)
        let results = try SweepResults(directory: dir)
        let comparison = try PolicyComparison(results, baseline: "arm=" + plan.armNames[0])
        let displacement = DisplacementAccounting(results, baseline: plan.armNames[0])
        let armIndex = Dictionary(uniqueKeysWithValues: plan.armNames.enumerated().map { ($1, $0) })
        try io(dir + "/arms.csv", Array((comparison.csv() + displacement.csvRows(points: armIndex)).utf8))
        if !plan.zones.isEmpty {
            try io(dir + "/" + RingProfile.fileName, Array(rings.csv(armNames: Array(plan.armNames.dropFirst()), window: plan.window,
                                                                    windowTicks: plan.window.ticks(forkAt: plan.forkAt, ticks: plan.ticks)).utf8))
            try io(dir + "/zones.npy", NPYFormat.encode(RingProfile.zoneGrid(plan.zones, cells: cells), height: plan.height, width: plan.width))
        }

        // Written row by row through a buffer (a long fork's table is hundreds of MB as text),
        // into a temporary renamed into place.
        let ticksPath = dir + "/arms_ticks.csv"
        do throws(OutputError) {
            try BufferedFile.writeAtomically(to: ticksPath) { out throws(OutputError) in
                try out.write("tick,arm," + plan.columns.metrics.flatMap { [$0 + "_diff", $0 + "_ci_low", $0 + "_ci_high"] }.joined(separator: ",") + "\n")
                for arm in 1..<a {
                    for k in 0..<rows {
                        var f = [String(plan.forkAt + 1 + k), plan.armNames[arm]]
                        for m in 0..<metrics {
                            let i = (arm - 1) * rows * metrics + k * metrics + m
                            let d = SampleSummary(n: rCount, mean: tickMean[i], sd: (tickSS[i] / Double(rCount - 1)).squareRoot())
                            f.append(CSVNumber.format(d.mean))
                            if let ci = d.ci95 { f += [CSVNumber.format(ci.low), CSVNumber.format(ci.high)] } else { f += ["", ""] }
                        }
                        try out.write(f.joined(separator: ",") + "\n")
                    }
                }
            }
        } catch {
            throw .io(path: ticksPath, message: error.message)
        }

        do { try FileManager.default.createDirectory(atPath: dir + "/delta", withIntermediateDirectories: true) } catch {
            throw .io(path: dir + "/delta", message: FileProblem.describe(error))
        }
        for arm in 1..<a {
            for (fi, field) in ForkDirectory.deltaFields.enumerated() {
                let f0 = ((arm - 1) * fields + fi) * cells
                let mean = fieldSum[f0..<(f0 + cells)].map { Float($0 / Double(rCount)) }
                try io(ForkDirectory.deltaPath(dir, arm: plan.armNames[arm], map: field),
                       NPYFormat.encode(mean, height: plan.height, width: plan.width))
            }
            for (m, measure) in EventCountRecorder.names.enumerated() {
                let e0 = ((arm - 1) * maps + m) * cells
                let mean = eventSum[e0..<(e0 + cells)].map { Float($0 / Double(rCount)) }
                try io(ForkDirectory.deltaPath(dir, arm: plan.armNames[arm], map: measure), NPYFormat.encode(mean, height: plan.height, width: plan.width))
            }
        }
    }
}
