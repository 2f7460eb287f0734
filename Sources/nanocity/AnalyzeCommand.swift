import ArgumentParser
import Foundation
import NanoCityIO
import NanoCityAnalysis
import NanoCityExperiments
import NanoCityModel

struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Sensitivity indices (Sobol' S1/ST or Morris μ*/σ, with bootstrap CIs) and replicate precision of a sweep.",
        discussion: """
            Writes DIR/sensitivity.csv for a --design sobol or morris sweep (replicates of a point \
            are averaged first) and DIR/precision.csv for any sweep: per point and outcome, the 95% \
            CI half-width relative to |mean| and the replicates the --precision target needs.
            """
    )

    @Argument(help: "A sweep directory (merged, if it ran in shards).")
    var directory: String

    @Option(name: .customLong("outcome"), help: "Outcome columns to print (repeatable; default: the headline outcomes, \(MetricCatalog.headlineOutcomes.joined(separator: ", "))). The CSVs hold all.")
    var outcomes: [String] = []

    @Option(parsing: .unconditional, help: "Target 95% CI half-width relative to |mean| for the replicate advice.")
    var precision: Double = 0.05

    @Option(parsing: .unconditional, help: "Bootstrap resamples for the index CIs.")
    var resamples: Int = 1000

    func run() throws {
        do {
            let results = try SweepResults(directory: directory)
            let shown = outcomes.isEmpty ? MetricCatalog.headlineOutcomes.filter(results.outcomes.contains) : outcomes
            for o in shown { _ = try results.outcomeIndex(o) }
            let report = try PrecisionReport(results, target: precision)
            try write(report.csv(), PrecisionReport.fileName)
            if results.sampling.hasIndices {
                let s = try SensitivityAnalysis(results, resamples: resamples)
                try write(s.csv(), SensitivityAnalysis.fileName)
                print(AnalysisTables.sensitivity(s, outcomes: shown))
            } else {
                print("(\(results.sampling.rawValue) sweep: no sensitivity indices; run a sweep with --design sobol or --design morris for them)")
            }
            print(AnalysisTables.precision(report, outcomes: shown))
        } catch let e as SweepError {
            printError("error: \(e)")
            throw e.exitCode
        }
    }

    func write(_ text: String, _ name: String) throws {
        let path = directory + "/" + name
        do { try BufferedFile.writeAtomically(Array(text.utf8), to: path) } catch { throw SweepError.io(path: path, message: FileProblem.describe(error)) }
        printError("→ \(path)")
    }
}
