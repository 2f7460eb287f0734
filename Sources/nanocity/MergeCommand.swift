import ArgumentParser
import Foundation
import NanoCityAnalysis
import NanoCityExperiments

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join sweep shards (DIR/shard-I-of-N or separate folders) into one summary.csv.",
        discussion: "The result is byte-identical to the summary.csv of the same sweep run on one machine."
    )

    @Argument(help: "Sweep directories, or shard directories.")
    var directories: [String]

    @Option(help: "Where to write sweep.json, summary.csv and timing.csv (default: the single directory given).")
    var out: String?

    func validate() throws {
        if directories.isEmpty { throw ValidationError("name at least one directory") }
        if directories.count > 1 && out == nil { throw ValidationError("with several directories, say where the merge goes with --out") }
    }

    func run() throws {
        let target = out ?? directories[0]
        guard FileManager.default.fileExists(atPath: directories[0]) else {
            printError("error: merge: \(directories[0]) does not exist; give the --out directory of the sweep (or its shard-I-of-N folders)")
            throw ExitCodes.badInput
        }
        let lock = try lockOutput(target, what: "merge")
        defer { withExtendedLifetime(lock) {} }
        do throws(SweepError) {
            let (dir, runs) = try SweepMerge.merge(inputs: directories, output: out)
            print(dir + "/summary.csv")
            printError("merged \(runs) runs → \(dir)/summary.csv")
        } catch {
            printError("error: \(error)")
            throw error.exitCode
        }
    }
}
