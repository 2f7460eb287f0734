import ArgumentParser
import Foundation
import NanoCityAnalysis
import NanoCityIO
import NanoCityModel

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run one simulation and write its manifest, metrics, events, frames and snapshots.",
        discussion: "Writes into the output directory: " + RunOutput.helpList
            + ". metrics.csv has one row per tick from tick 0. Prints the output directory on standard output."
    )

    @Argument(help: "World file (TOML). Omit to use the embedded default world.")
    var world: String?

    @Option(parsing: .unconditional, help: "Ticks to simulate (default: the world's run.ticks).")
    var ticks: Int?

    @Option(parsing: .unconditional, help: "PRNG seed, 0…2^64−1 (default: the world's run.seed).")
    var seed: UInt64?

    @Option(help: "Output directory (default: a new output/<name>-NNN).")
    var out: String?

    @Flag(help: "Allow --out to name a non-empty directory; its run outputs are replaced.")
    var force = false

    @Option(parsing: .unconditional, help: "Write a PNG frame every K ticks, from tick 0 (0 = none).")
    var frameEvery = 0

    @Option(parsing: .unconditional, help: "Pixels per cell in frames, 1…64 (default: the world's frames.scale; 0 there = about 512 px across).")
    var frameScale: Int?

    @Option(help: "What frames show, comma-separated: terrain, one field (toxicity, waste, attractiveness), agents or some of recyclers, scavengers, guards, crew, sensors (default: the world's frames.layer).")
    var layers: String?

    @Flag(help: "Frames without the heads-up strip (legend, tick, headline numbers, colour bar).")
    var noHud = false

    @Option(help: "Also encode the frames into this video (.mp4, .mkv or .mov; needs ffmpeg): a bare name goes into the run folder, a path as given. Without --frame-every, a frame every tick.")
    var video: String?

    @Option(parsing: .unconditional, help: "Frames per second of --video, 1…240.")
    var fps = 24

    @Option(parsing: .unconditional, help: "Write .npy field snapshots every K ticks, from tick 0 (0 = none).")
    var snapshotEvery = 0

    @OptionGroup var overrides: OverrideOptions

    @Flag(help: "Do not write events.csv.")
    var noEvents = false

    @Flag(help: "No progress bar or summary on stderr.")
    var quiet = false

    @OptionGroup var threads: ThreadsOption

    @Option(parsing: .unconditional, help: "Write checkpoints/state_NNNNNN.bin every K ticks (0 = none), for --resume and --from.")
    var checkpointEvery = 0

    @Option(parsing: .unconditional, help: "Checkpoints to keep, newest first: a number or 'all'.")
    var keepCheckpoints: CheckpointsKept = .newest(2)

    @Option(help: "Start from a checkpoint file's state, into a new --out (the world, its settings and seed come from the file).")
    var from: String?

    @Flag(help: "Continue the run in --out from its newest checkpoint (or start it there): the same command line after a kill or a requeue.")
    var resume = false

    @Option(name: .customLong("stop-when"), parsing: .unconditional, help: ArgumentHelp("End the run, complete, after the first tick at whose end this holds, e.g. \"heist_losses_total > 500\": metrics, <counter>_total, <metric>_mean, <metric>_max, tick; + - * /, < <= > >= == !=, and or not (docs/experiments.md#stop-conditions).", valueName: "EXPR"))
    var stopWhen: String?

    func validate() throws {
        if stopWhen != nil && (from != nil || resume || checkpointEvery > 0) {
            throw ValidationError("--stop-when's running totals start at tick 0: not yet with --from, --resume or --checkpoint-every")
        }
        if let ticks, ticks < 0 { throw ValidationError("--ticks must be ≥ 0, got \(ticks)") }
        if frameEvery < 0 { throw ValidationError("--frame-every must be ≥ 0 (0 = no frames), got \(frameEvery)") }
        if snapshotEvery < 0 { throw ValidationError("--snapshot-every must be ≥ 0 (0 = none), got \(snapshotEvery)") }
        if checkpointEvery < 0 { throw ValidationError("--checkpoint-every must be ≥ 0 (0 = none), got \(checkpointEvery)") }
        if let frameScale, !(1...64).contains(frameScale) { throw ValidationError("--frame-scale must be 1…64 pixels per cell, got \(frameScale)") }
        if !(1...240).contains(fps) { throw ValidationError("--fps must be 1…240, got \(fps)") }
        if let layers { do { _ = try FrameLayers.parse(layers) } catch { throw ValidationError("\(error)") } }
        if resume && out == nil { throw ValidationError("--resume needs --out DIR, the directory of the run to continue") }
        if from != nil {
            if world != nil || !overrides.assignments.isEmpty || seed != nil {
                throw ValidationError("--from takes the world, its overrides and the seed from the checkpoint; drop WORLD, --set and --seed")
            }
            if resume { throw ValidationError("--from starts a new directory; --resume continues one: choose one") }
        }
    }

    func run() throws {
        let world: World, map: CityMap
        var checkpoint: Checkpoint?
        if let from {
            do throws(CheckpointError) { checkpoint = try Checkpoint.read(path: from) } catch {
                printError("error: \(error)")
                throw ExitCodes.badInput
            }
            (world, map) = (checkpoint!.world, checkpoint!.map)
        } else {
            world = try loadWorld(path: self.world, overrides: overrides.assignments)
            if !quiet {
                for n in ModelDrivenParameters.notes(keys: overrides.keys, parameters: world.parameters) { printError(n) }
            }
            map = try buildMap(world, threads: threads.resolved)
        }
        var options = RunOptions(ticks: ticks ?? checkpoint?.ticks ?? world.parameters.run.ticks,
                                 seed: checkpoint?.seed ?? seed ?? UInt64(world.parameters.run.seed))
        if let checkpoint, options.ticks < checkpoint.tick {
            printError("error: --ticks \(options.ticks) is before the checkpoint's tick \(checkpoint.tick); --ticks is the run's total length")
            throw ExitCodes.badInput
        }
        options.outDirectory = out
        options.force = force
        options.frameEvery = frameEvery == 0 && video != nil ? 1 : frameEvery
        options.frameScale = frameScale
        options.frameLayers = try layers.map { try FrameLayers.parse($0) }
        options.frameStrip = !noHud
        options.video = video
        options.videoFPS = fps
        if let video {
            // Before any work: a missing ffmpeg or a bad path must not cost a run.
            do throws(VideoError) {
                _ = try FFmpeg.require()
                try FFmpeg.checkOutput(video, willCreate: out)
            } catch {
                printError("error: \(error)")
                throw ExitCodes.badInput
            }
        }
        options.snapshotEvery = snapshotEvery
        options.writeEvents = !noEvents
        options.progress = !quiet
        options.commandLine = CommandLine.arguments
        options.checkpointEvery = checkpointEvery
        options.keepCheckpoints = keepCheckpoints.count
        options.resume = resume
        options.threads = threads.resolved
        if let stopWhen {
            do throws(StopRule.ParseError) { options.stopWhen = try StopRule(stopWhen, columns: OutcomeColumns(world: world.parameters)) } catch {
                printError("error: \(error)")
                throw ExitCodes.badInput
            }
        }
        RunInterrupt.install()
        let result: RunResult
        do throws(OutputError) { result = try SimulationRun.execute(world: world, map: map, options: options, from: checkpoint) } catch {
            printError("error: \(error)")
            throw error.refused ? ExitCodes.badInput : ExitCodes.runFailed
        }
        print(result.directory)
        if !quiet {
            let resumed = result.resumedAt.map { " (resumed from the checkpoint at tick \($0))" } ?? ""
                + (options.stopWhen.map { r in result.stoppedAt.map { " (stopped at tick \($0): \(r.text))" } ?? " (\(r.text) never held)" } ?? "")
            printError("\(result.status): \(result.ticksCompleted) ticks of \(world.parameters.name) "
                + "(\(map.size.width)×\(map.size.height)) in \(String(format: "%.2f", result.wallSeconds)) s\(resumed) → \(result.directory)")
            if result.checkpointBytes > 0 {
                printError(String(format: "last checkpoint: %.1f MB, encoded and written in %.3f s", Double(result.checkpointBytes) / 1e6,
                                  result.checkpointSeconds))
            }
        }
        switch result.status {
        case .complete: return
        case .interrupted: throw ExitCodes.interrupted
        case .running, .failed, .timeout:
            printError("error: \(result.status)")
            throw ExitCodes.runFailed
        }
    }
}

/// `--keep-checkpoints N|all`.
enum CheckpointsKept: ExpressibleByArgument, Equatable {
    case newest(Int)
    case all

    init?(argument: String) {
        if argument == "all" { self = .all; return }
        guard let n = Int(argument), n >= 1, n <= 1_000_000 else { return nil }
        self = .newest(n)
    }

    var count: Int? { if case .newest(let n) = self { return n } else { return nil } }
    var defaultValueDescription: String { "2" }
}
