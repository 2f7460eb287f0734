import Foundation
import NanoCityIO
import NanoCityPatterns
import NanoCityStats

/// The crime-pattern outcomes of every run of a sweep kept with `--keep runs`, and their
/// mean, spread and 95% interval per point — the patterns of a parameter setting rather than
/// of one seed.
public struct SweepPatterns: Sendable {
    public struct Row: Sendable {
        public let run: Int, point: Int, replicate: Int
        public let values: [Double?]
    }

    public let results: SweepResults
    /// Outcome names and meanings (`CrimePatterns.outcomes`), the same for every run.
    public let names: [String]
    public let meanings: [String]
    public let rows: [Row]
    /// Complete runs left out because they had fewer than 2 incidents of the kinds.
    public let tooFew: [Int]

    public static let runsFile = "runs.csv"
    public static let pointsFile = "points.csv"

    /// Computes every complete run's patterns; with `writeRunFiles` each run's files go to its
    /// own `runs/NNNNNN/patterns/`.
    public init(directory dir: String, options: CrimePatterns.Options, kinds: [String], fromTick: Int?, toTick: Int?,
                writeRunFiles: Bool, progress: (Int, Int) -> Void = { _, _ in }) throws(SweepError) {
        let r = try SweepResults(directory: dir)
        guard r.sampling != .fork else {
            throw .results("\(dir) is a policy fork; `patterns` reads plain sweeps kept with --keep runs (a fork's arms: run patterns on a run folder)")
        }
        results = r
        let runs = r.points.flatMap { p in p.replicates.map { (run: p.index * r.replicateStride + $0.replicate, point: p.index, replicate: $0.replicate) } }
        guard let first = runs.first, FileManager.default.fileExists(atPath: dir + "/runs/" + OutputNames.pad6(first.run)) else {
            throw .results("\(dir) keeps no run folders: run the sweep with --keep runs for its patterns")
        }
        var rows: [Row] = [], names: [String] = [], meanings: [String] = [], few: [Int] = []
        for (k, run) in runs.enumerated() {
            progress(k, runs.count)
            let folder = dir + "/runs/" + OutputNames.pad6(run.run)
            let incidents: RunIncidents
            do throws(RunIncidents.Failure) {
                incidents = try RunIncidents(directory: folder, kinds: kinds, fromTick: fromTick, toTick: toTick)
            } catch { throw .results("run \(run.run): \(error)") }
            guard incidents.incidents.count >= 2 else { few.append(run.run); continue }
            let patterns: CrimePatterns
            do throws(CrimePatterns.Failure) {
                patterns = try CrimePatterns(incidents: incidents.incidents, cells: incidents.cells,
                                             grid: (incidents.width, incidents.height), cellMetres: incidents.metresPerCell,
                                             span: incidents.span, options: options)
            } catch { throw .results("run \(run.run): \(error)") }
            let outcomes = patterns.outcomes
            if names.isEmpty { names = outcomes.map(\.name); meanings = outcomes.map(\.meaning) }
            rows.append(Row(run: run.run, point: run.point, replicate: run.replicate, values: outcomes.map(\.value)))
            if writeRunFiles {
                do throws(OutputError) {
                    try OutputDirectory.createDirectory(folder + "/patterns")
                    try PatternFiles.write(patterns, to: folder + "/patterns", provenance: [("source", .string(folder))], exportGrid: false)
                } catch { throw .io(path: error.path, message: error.message) }
            }
        }
        self.names = names
        self.meanings = meanings
        self.rows = rows
        tooFew = few
    }

    /// One row per run: run, point, replicate, the varied values, every outcome.
    public func runsCSV() -> String {
        var out = (["run", "point", "replicate"] + results.variedKeys + names).joined(separator: ",") + "\n"
        let values = Dictionary(uniqueKeysWithValues: results.points.map { ($0.index, $0.values) })
        for row in rows {
            out += ([String(row.run), String(row.point), String(row.replicate)] + (values[row.point] ?? []) + row.values.map(CSVNumber.cell))
                .joined(separator: ",") + "\n"
        }
        return out
    }

    /// Per point and outcome over its runs (those where the outcome is defined): n, mean,
    /// sample sd and the Student-t 95% half-width.
    public func summaries(point: Int) -> [(n: Int, summary: SampleSummary?)] {
        let mine = rows.filter { $0.point == point }
        return names.indices.map { i in
            let v = mine.compactMap { $0.values[i] }.filter(\.isFinite)
            return (v.count, v.isEmpty ? nil : SampleSummary(v))
        }
    }

    public func pointsCSV() -> String {
        var header = ["point"] + results.variedKeys + ["runs"]
        for n in names { header += [n + "_n", n + "_mean", n + "_sd", n + "_ci95"] }
        var out = header.joined(separator: ",") + "\n"
        for p in results.points where rows.contains(where: { $0.point == p.index }) {
            var f = [String(p.index)] + p.values + [String(rows.filter { $0.point == p.index }.count)]
            for s in summaries(point: p.index) {
                f += [String(s.n), CSVNumber.cell(s.summary?.mean), CSVNumber.cell(s.summary?.sd), CSVNumber.cell(s.summary?.halfWidth95)]
            }
            out += f.joined(separator: ",") + "\n"
        }
        return out
    }
}
