import Foundation
import NanoCityIO
import NanoCityAnalysis

/// Joins shard outputs into one `summary.csv` identical to a single-machine sweep.
public enum SweepMerge {
    /// Sweep or shard directories found under `inputs` (a directory holding `shard-*` folders
    /// contributes each of them).
    static func expand(_ inputs: [String]) -> [String] {
        var out: [String] = []
        for d in inputs {
            let items = (try? FileManager.default.contentsOfDirectory(atPath: d)) ?? []
            let shards = items.filter { $0.hasPrefix("shard-") }.sorted()
            let isRun = { (p: String) in FileManager.default.fileExists(atPath: p + "/summary.csv") || FileManager.default.fileExists(atPath: p + "/forks") }
            if isRun(d) { out.append(d) }
            out += shards.map { d + "/" + $0 }.filter(isRun)
        }
        return out
    }

    /// Merges; returns the output directory and the number of runs.
    public static func merge(inputs: [String], output: String?) throws(SweepError) -> (String, Int) {
        for d in inputs where !FileManager.default.fileExists(atPath: d) {
            throw .merge("\(d) does not exist; give the --out directory of the sweep (or its shard-I-of-N folders)")
        }
        let dirs = expand(inputs)
        guard !dirs.isEmpty else { throw .merge("no summary.csv in \(inputs.joined(separator: ", ")) or their shard-* folders") }
        let plans = dirs.map { FileManager.default.contents(atPath: $0 + "/sweep.json") }
        guard let first = plans[0] else { throw .merge("\(dirs[0]) has no sweep.json") }
        for (d, p) in zip(dirs, plans) where p != first {
            throw .merge("\(d) belongs to a different sweep than \(dirs[0]) (sweep.json differs)")
        }
        let plan: SweepRecord
        do throws(SweepError) { plan = try SweepRecord.decode(first, path: dirs[0] + "/sweep.json") } catch { throw .merge(error.description) }
        let runs = plan.runs
        let out = output ?? (inputs.count == 1 ? inputs[0] : dirs[0] + "/..")
        if plan.sampling == .fork {
            guard let layout = ForkReport.Layout(record: plan, directory: dirs[0]) else {
                throw .merge("\(dirs[0])/zones.npy is missing, damaged or not the zones its sweep.json records (zones_fingerprint); rerun that shard")
            }
            // Every shard laid the same zones (sweep.json, compared above, records their fingerprint).
            do {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
                try BufferedFile.writeAtomically([UInt8](first), to: out + "/sweep.json")
            } catch { throw .io(path: out, message: FileProblem.describe(error)) }
            try ForkReport.write(layout, directory: out, replicateDirectories: dirs)
            return (out, runs)
        }
        var header: String?
        var rows = [String?](repeating: nil, count: runs)
        var timing: [(Int, String)] = []
        for d in dirs {
            let text = String(decoding: FileManager.default.contents(atPath: d + "/summary.csv") ?? Data(), as: UTF8.self)
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            if !text.hasSuffix("\n") { lines.removeLast() }  // a partial last line (crash)
            else { lines.removeLast() }                        // the empty piece after the final newline
            guard let h = lines.first else { continue }
            if let header, header != String(h) { throw .merge("\(d)/summary.csv has a different header") }
            header = String(h)
            let columns = SummaryCSV.split(String(h)).count
            for (n, line) in lines.enumerated().dropFirst() {
                let s = String(line)
                let fields = SummaryCSV.split(s)
                guard fields.count == columns, let run = Int(fields[0]), run >= 0, run < runs,
                      let status = fields.last.flatMap(RunStatus.init(parsing:)), status == .complete || { switch status { case .failed, .timeout: true; default: false } }() else {
                    throw .merge("\(d)/summary.csv:\(n + 1): malformed row (\(fields.count) fields, the header has \(columns); "
                        + "a run index below \(runs) and a status are required): '\(s.prefix(40))…'")
                }
                if let old = rows[run], old != s { throw .merge("run \(run) differs between shards") }
                rows[run] = s
            }
            let t = String(decoding: FileManager.default.contents(atPath: d + "/timing.csv") ?? Data(), as: UTF8.self)
            for line in t.split(separator: "\n").dropFirst() {
                if let c = line.firstIndex(of: ","), let r = Int(line[..<c]) { timing.append((r, String(line))) }
            }
        }
        // A precision-driven sweep: shards hold whole points; its rows go batch by batch.
        var order = Array(rows.indices)
        let target = try precisionTarget(plan, path: dirs[0] + "/sweep.json")
        if let (target, initial) = target {
            var present = Set<Int>()
            for (run, row) in rows.enumerated() where row != nil {
                guard Self.status(row!) == .complete else { throw .merge("run \(run) is not complete; resume the shard that holds it, then merge again") }
                present.insert(run)
            }
            for p in 0..<(runs / target.maxReplicates) {
                let reps = (0..<target.maxReplicates).filter { present.contains(p * target.maxReplicates + $0) }
                guard reps.count >= initial, reps == Array(0..<reps.count) else {
                    throw .merge("point \(p) has \(reps.count) of its first \(initial) replicates (or a gap); resume the shard that holds it "
                        + "(point mod shard count = shard index), then merge again")
                }
            }
            order = present.sorted { target.rowOrder(run: $0, initial: initial) < target.rowOrder(run: $1, initial: initial) }
        }
        let missing = target != nil ? [] : rows.indices.filter { rows[$0] == nil || Self.status(rows[$0]!) != .complete }
        if !missing.isEmpty {
            let list = missing.prefix(10).map(String.init).joined(separator: ", ")
            throw .merge("\(missing.count) of \(runs) runs are missing or not complete (runs \(list)\(missing.count > 10 ? ", …" : "")); "
                + "resume the shards that hold them (run index mod shard count = shard index), then merge again")
        }
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            try BufferedFile.writeAtomically([UInt8](first), to: out + "/sweep.json")
            var csv = header! + "\n"
            for r in order { csv += rows[r]! + "\n" }
            try BufferedFile.writeAtomically(Array(csv.utf8), to: out + "/summary.csv")
            let t = "run,seed,wall_s\n" + timing.sorted { $0.0 < $1.0 }.map { $0.1 + "\n" }.joined()
            try BufferedFile.writeAtomically(Array(t.utf8), to: out + "/timing.csv")
        } catch {
            throw .io(path: out, message: FileProblem.describe(error))
        }
        if let (target, _) = target {
            // Every point must have stopped by the rule: precise, or at the cap.
            let results = try SweepResults(directory: out)
            if let open = try target.statuses(results).first(where: { $0.stop == .running }) {
                throw .merge("point \(open.point.index) has \(open.point.replicates.count) replicates and is not yet precise: its shard has not finished; "
                    + "resume it, then merge again")
            }
        }
        try PointStatistics.write(directory: out)
        return (out, order.count)
    }

    /// The status of a summary.csv row (its last field).
    static func status(_ row: String) -> RunStatus? { SummaryCSV.split(row).last.flatMap(RunStatus.init(parsing:)) }

    /// The `--until-precision` rule recorded in `sweep.json`, with the first batch's size.
    static func precisionTarget(_ plan: SweepRecord, path: String) throws(SweepError) -> (PrecisionTarget, Int)? {
        guard let t = plan.untilPrecision else { return nil }
        do throws(SweepError) {
            return (try PrecisionTarget(relative: t.relative, outcomes: t.outcomes, maxReplicates: t.maxReplicates, batch: t.batch,
                                        difference: t.onDifference, tolerance: t.tolerance,
                                        columns: plan.zoneColumns.flatMap(OutcomeColumns.init(zoneColumns:)) ?? .catalog), plan.replicates)
        } catch {
            throw .merge("\(path): \(FileProblem.describe(error))")
        }
    }
}
