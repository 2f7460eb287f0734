import ArgumentParser
import Foundation
import NanoCityIO
import NanoCitySweep

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Differences of every sweep point from a baseline point, with 95% CIs and p-values; writes compare.csv.",
        discussion: """
            Paired (per-replicate differences) when the sweep used common random numbers \
            (--seeds per-replicate), Welch's t otherwise; the table says which. Relative \
            differences divide by |baseline mean|.
            """
    )

    @Argument(help: "A sweep directory (merged, if it ran in shards).")
    var directory: String

    @Option(help: ArgumentHelp("The baseline point: key=value pairs, comma-separated (e.g. 'guards.count=6').", valueName: "selector"))
    var baseline: String

    @Option(name: .customLong("outcome"), help: "Outcome columns to print (repeatable; default: the headline outcomes). compare.csv holds all.")
    var outcomes: [String] = []

    @Option(help: "Where to write compare.csv (default: DIR/compare.csv).")
    var out: String?

    func run() throws {
        do {
            let results = try SweepResults(directory: directory)
            let c = try PolicyComparison(results, baseline: baseline)
            let shown = outcomes.isEmpty ? SweepResults.headlineOutcomes.filter(results.outcomes.contains) : outcomes
            for o in shown { _ = try results.outcomeIndex(o) }
            let path = out ?? directory + "/" + PolicyComparison.fileName
            do { try BufferedFile.writeAtomically(Array(c.csv().utf8), to: path) } catch { throw SweepError.io(path: path, message: FileProblem.describe(error)) }
            print(ComparisonTable.render(c, outcomes: shown, keys: results.variedKeys))
            printError("→ \(path)")
        } catch let e as SweepError {
            printError("error: \(e)")
            throw ExitCodes.badInput
        }
    }
}
