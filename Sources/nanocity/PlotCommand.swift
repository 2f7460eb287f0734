import ArgumentParser
import Foundation
import NanoCityIO
import NanoCityReports
import NanoCityAnalysis
import NanoCityExperiments
import NanoCityModel

struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Draw SVG charts of a run or a sweep into DIR/plots/.",
        discussion: """
            A run directory (metrics.csv): metrics.svg, the chosen metrics over ticks (per-tick \
            counters as running totals). A sweep directory (summary.csv): one chart per outcome \
            and numeric lever, with point means and 95% CIs (a cloud of point means for sampled \
            designs), outcomes that are the same everywhere skipped; after `nanocity analyze`, \
            Sobol' indices with CIs per outcome. A fork: each arm's difference from the baseline \
            over the ticks after the fork (--metrics picks them). Prints each file written.
            """
    )

    @Argument(help: "A run's or a sweep's output directory.")
    var directory: String

    @Option(help: "Run metrics to chart, comma-separated (default: the headline metrics, \(MetricCatalog.headlines.map(\.name).joined(separator: ", ")); for a fork their _diff).")
    var metrics: String?

    @Option(help: "Sweep outcomes to chart, comma-separated (default: the headline outcomes present, \(MetricCatalog.headlineOutcomes.joined(separator: ", "))).")
    var outcomes: String?

    @Option(help: "Folder for the charts (default: DIR/plots).")
    var out: String?

    func run() throws {
        guard FileManager.default.fileExists(atPath: directory) else {
            printError("error: \(directory) does not exist; give a run's or a sweep's output directory")
            throw ExitCodes.badInput
        }
        let lock = try lockOutput(directory, what: "plot")
        defer { withExtendedLifetime(lock) {} }
        let files: [(String, String)]
        do throws(ChartError) {
            let made = try ChartFiles.make(directory: directory, metrics: list(metrics), outcomes: list(outcomes))
            files = made.files
            if !made.skipped.isEmpty {
                printError("skipped (the same at every point and replicate): \(made.skipped.joined(separator: ", "))")
            }
        } catch {
            printError("error: \(error)")
            throw ExitCodes.badInput
        }
        let folder = out ?? directory + "/plots"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for (name, svg) in files {
                let path = folder + "/" + name + ".svg"
                try BufferedFile.writeAtomically(Array(svg.utf8), to: path)
                print(path)
            }
        } catch {
            printError("error: \(folder): \(FileProblem.describe(error))")
            throw ExitCodes.runFailed
        }
    }

    func list(_ s: String?) -> [String]? {
        s.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
    }
}
