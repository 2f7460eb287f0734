import ArgumentParser
import Foundation
import NanoCityIO
import NanoCityModel

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run one simulation and write its manifest, metrics, events, frames and snapshots.",
        discussion: """
            Writes into the output directory: manifest.json, metrics.csv (one row per tick from \
            tick 0), events.csv, frames/frame_NNNNNN.png and fields/<field>_NNNNNN.npy. Prints \
            the output directory on standard output.
            """
    )

    @Argument(help: "World file (TOML). Omit to use the embedded default world.")
    var world: String?

    @Option(help: "Ticks to simulate (default: the world's run.ticks).")
    var ticks: Int?

    @Option(help: "PRNG seed, 0…2^64−1 (default: the world's run.seed).")
    var seed: UInt64?

    @Option(help: "Output directory (default: a new output/<name>-NNN).")
    var out: String?

    @Flag(help: "Allow --out to name a non-empty directory; its run outputs are replaced.")
    var force = false

    @Option(help: "Write a PNG frame every K ticks, from tick 0 (0 = none).")
    var frameEvery = 0

    @Option(help: "Write .npy field snapshots every K ticks, from tick 0 (0 = none).")
    var snapshotEvery = 0

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a parameter, e.g. --set guards.count=20 (repeatable).", valueName: "key=value"))
    var overrides: [String] = []

    @Flag(help: "Do not write events.csv.")
    var noEvents = false

    @Flag(help: "No progress bar or summary on stderr.")
    var quiet = false

    func validate() throws {
        if let ticks, ticks < 0 { throw ValidationError("--ticks must be ≥ 0, got \(ticks)") }
        if frameEvery < 0 { throw ValidationError("--frame-every must be ≥ 0 (0 = no frames), got \(frameEvery)") }
        if snapshotEvery < 0 { throw ValidationError("--snapshot-every must be ≥ 0 (0 = none), got \(snapshotEvery)") }
    }

    func run() throws {
        let world = try loadWorld(path: world, overrides: overrides)
        let map: CityMap
        do throws(WorldError) { map = try world.buildMap() } catch {
            for p in error.problems { printError("error: \(p)") }
            throw ExitCodes.badInput
        }
        var options = RunOptions(ticks: ticks ?? world.parameters.run.ticks,
                                 seed: seed ?? UInt64(world.parameters.run.seed))
        options.outDirectory = out
        options.force = force
        options.frameEvery = frameEvery
        options.snapshotEvery = snapshotEvery
        options.writeEvents = !noEvents
        options.progress = !quiet
        options.commandLine = CommandLine.arguments
        RunInterrupt.install()
        let result: RunResult
        do throws(OutputError) { result = try SimulationRun.execute(world: world, map: map, options: options) } catch {
            printError("error: \(error)")
            throw ExitCodes.runFailed
        }
        print(result.directory)
        if !quiet {
            printError("\(result.status): \(result.ticksCompleted) ticks of \(world.parameters.name) "
                + "(\(map.size.width)×\(map.size.height)) in \(String(format: "%.2f", result.wallSeconds)) s → \(result.directory)")
        }
        if result.status.hasPrefix("interrupted") { throw ExitCodes.interrupted }
        if result.status != "complete" {
            printError("error: \(result.status)")
            throw ExitCodes.runFailed
        }
    }
}
