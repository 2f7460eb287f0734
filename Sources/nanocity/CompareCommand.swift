import ArgumentParser
import Foundation
import NanoCityIO
import NanoCityStats
import NanoCityAnalysis
import NanoCityExperiments
import NanoCityModel

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Differences of every sweep point from a baseline point, with 95% CIs and p-values; writes compare.csv (and compare_pooled.csv with --by).",
        discussion: """
            Paired (per-replicate differences) when the sweep used common random numbers \
            (--seeds per-replicate), Welch's t otherwise; the table says which. Relative \
            differences divide by |baseline mean|. With --by KEY each level of KEY (a city layout, \
            say) is compared with its own baseline and the levels are pooled by a random-effects \
            meta-analysis whose interval includes the variation between levels.
            """
    )

    @Argument(help: "A sweep directory (merged, if it ran in shards).")
    var directory: String

    @Option(help: ArgumentHelp("The baseline point: key=value pairs, comma-separated (e.g. 'guards.count=6').", valueName: "selector"))
    var baseline: String

    @Option(help: ArgumentHelp("Compare within each level of this varied key (e.g. map.seed: each city layout against its own baseline), then pool the levels by random effects.", valueName: "key"))
    var by: String?

    @Option(help: "With --by: the between-level variance estimator, pm (Paule–Mandel, default) or dl (DerSimonian–Laird).")
    var pooling: RandomEffects.Method = .pm

    @Option(name: .customLong("outcome"), help: "Outcome columns to print (repeatable; default: the headline outcomes, \(MetricCatalog.headlineOutcomes.joined(separator: ", "))). compare.csv holds all.")
    var outcomes: [String] = []

    @Option(help: "Where to write compare.csv (default: DIR/compare.csv).")
    var out: String?

    func run() throws {
        do {
            let results = try SweepResults(directory: directory)
            let lock = try lockOutput(directory, what: "compare")
            defer { withExtendedLifetime(lock) {} }
            let c = try PolicyComparison(results, baseline: baseline, by: by, pooling: pooling)
            let shown = outcomes.isEmpty ? MetricCatalog.headlineOutcomes.filter(results.outcomes.contains) : outcomes
            for o in shown { _ = try results.outcomeIndex(o) }
            let path = out ?? directory + "/" + PolicyComparison.fileName
            do { try BufferedFile.writeAtomically(Array(c.csv().utf8), to: path) } catch { throw SweepError.io(path: path, message: FileProblem.describe(error)) }
            var written = [path]
            if by != nil {
                let pooledPath = out.map { ($0 as NSString).deletingLastPathComponent }.map { ($0.isEmpty ? "." : $0) + "/" + PolicyComparison.pooledFileName }
                    ?? directory + "/" + PolicyComparison.pooledFileName
                do { try BufferedFile.writeAtomically(Array(c.pooledCSV().utf8), to: pooledPath) } catch {
                    throw SweepError.io(path: pooledPath, message: FileProblem.describe(error))
                }
                written.append(pooledPath)
            }
            print(ComparisonTable.render(c, outcomes: shown, results: results))
            printError("→ \(written.joined(separator: ", "))")
        } catch let e as SweepError {
            printError("error: \(e)")
            throw e.exitCode
        }
    }
}
extension RandomEffects.Method: ExpressibleByArgument {}
