import ArgumentParser
import Foundation
import NanoCityIO
import NanoCityReports

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write DIR/report.html: one self-contained page about a run, a sweep or a calibration.",
        discussion: """
            For a run: the manifest in brief, a frame player (slider, play/pause, tick), metric \
            charts and an events timeline. For a sweep: the paired comparison (--baseline, or \
            compare.csv), the points with 95% CIs, outcome-vs-lever charts and, after `nanocity \
            analyze`, the sensitivity ranking with its noise warning. For a fork: the arms table, \
            each arm's difference over the ticks after the fork, and per-cell difference maps. For a calibration: ε, \
            acceptance and effective sample size per generation, the posterior marginals and pair plots, and the \
            posterior predictive check (nsga2: the Pareto fronts). The page needs no \
            network and opens from the file system in any browser. Prints the file written.
            """
    )

    @Argument(help: "A run's, a sweep's or a calibration's output directory.")
    var directory: String

    @Option(help: "Page to write (default: DIR/report.html).")
    var out: String?

    @Option(help: ArgumentHelp("A sweep: add the paired comparison with this baseline point (as `nanocity compare`); without it the page shows compare.csv if there is one.", valueName: "key=value"))
    var baseline: String?

    @Option(help: ArgumentHelp("With --baseline: compare within each level of this varied key and pool the levels.", valueName: "key"))
    var by: String?

    func run() throws {
        let html: String
        if by != nil && baseline == nil { printError("error: --by goes with --baseline"); throw ExitCodes.badInput }
        guard FileManager.default.fileExists(atPath: directory) else {
            printError("error: \(directory) does not exist; give a run's or a sweep's output directory")
            throw ExitCodes.badInput
        }
        let lock = try lockOutput(directory, what: "report")
        defer { withExtendedLifetime(lock) {} }
        do throws(ChartError) { html = try RunReport.html(directory: directory, baseline: baseline, by: by) } catch {
            printError("error: \(error)")
            throw ExitCodes.badInput
        }
        let path = out ?? directory + "/report.html"
        do { try BufferedFile.writeAtomically(Array(html.utf8), to: path) } catch {
            printError("error: \(path): \(FileProblem.describe(error))")
            throw ExitCodes.runFailed
        }
        print(path)
    }
}
