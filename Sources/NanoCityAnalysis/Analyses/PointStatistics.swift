import NanoCityIO
import NanoCityStats

/// `points.csv`: one row per parameter point with, for every outcome, the mean, SD and 95%
/// Student-t interval over the point's complete replicates.
///
/// Columns: `point`, the varied keys, `n`, then `<outcome>_mean`, `_sd`, `_ci_low`, `_ci_high`
/// for each outcome. With one replicate the spread columns are empty.
public enum PointStatistics {
    public static let fileName = "points.csv"

    public static func csv(_ results: SweepResults) -> String {
        var header = ["point"] + results.variedKeys.map(SummaryCSV.field) + ["n"]
        for o in results.outcomes { header += [o + "_mean", o + "_sd", o + "_ci_low", o + "_ci_high"] }
        var out = header.joined(separator: ",") + "\n"
        for p in results.points {
            var f = [String(p.index)] + p.values.map(SummaryCSV.field) + [String(p.replicates.count)]
            for o in results.outcomes.indices {
                let s = SampleSummary(p.values(o))
                f.append(s.n > 0 ? CSVNumber.format(s.mean) : "")
                f.append(s.sd.map(CSVNumber.format) ?? "")
                if let ci = s.ci95 { f += [CSVNumber.format(ci.low), CSVNumber.format(ci.high)] } else { f += ["", ""] }
            }
            out += f.joined(separator: ",") + "\n"
        }
        return out
    }

    /// Reads the sweep in `directory` and writes its `points.csv` atomically.
    public static func write(directory: String) throws(SweepError) {
        let results = try SweepResults(directory: directory)
        let path = directory + "/" + fileName
        do { try BufferedFile.writeAtomically(Array(csv(results).utf8), to: path) } catch {
            throw .io(path: path, message: "\(error)")
        }
    }
}
