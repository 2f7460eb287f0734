import ArgumentParser
import Foundation
import NanoCityIO
import NanoCityReports

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write DIR/report.html: one self-contained page about a run or a sweep.",
        discussion: """
            For a run: the manifest in brief, a frame player (slider, play/pause, tick), metric \
            charts and an events timeline. For a sweep: the points with 95% CIs, outcome-vs-lever \
            charts and, after `nanocity analyze`, the sensitivity ranking. The page needs no \
            network and opens from the file system in any browser. Prints the file written.
            """
    )

    @Argument(help: "A run's or a sweep's output directory.")
    var directory: String

    @Option(help: "Page to write (default: DIR/report.html).")
    var out: String?

    func run() throws {
        let html: String
        do throws(ChartError) { html = try RunReport.html(directory: directory) } catch {
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
