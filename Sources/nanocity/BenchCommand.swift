import ArgumentParser
import Foundation
import NanoCityIO
import NanoCityModel

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time the engine on worlds (no files written) and print the figures.",
        discussion: "Build with -c release first: debug builds are 10–50× slower."
    )

    @Argument(help: "World files (default: the embedded default world).")
    var worlds: [String] = []

    @Option(help: "Ticks per timed run.")
    var ticks = 1000

    @Option(help: "Timed runs per world; the best is reported.")
    var repeats = 3

    @Option(parsing: .unconditional, help: "PRNG seed.")
    var seed: UInt64 = 1

    @OptionGroup var overrides: OverrideOptions

    func validate() throws {
        if ticks < 1 { throw ValidationError("--ticks must be ≥ 1") }
        if repeats < 1 { throw ValidationError("--repeats must be ≥ 1") }
    }

    func run() throws {
        print("world\tcells\tagents\tticks\tseconds\tms_per_tick\tticks_per_s\tsetup_s\tframe_ms")
        for path in worlds.isEmpty ? [nil] : worlds.map(Optional.some) {
            let world = try loadWorld(path: path, overrides: overrides.assignments)
            let map: CityMap
            do throws(WorldError) { map = try world.buildMap() } catch {
                for p in error.problems { printError("error: \(p)") }
                throw ExitCodes.badInput
            }
            let f = Benchmark.measure(world: world, map: map, ticks: ticks, seed: seed, repeats: repeats)
            print([f.world, String(f.cells), String(f.agents), String(f.ticks), String(format: "%.3f", f.seconds),
                   String(format: "%.3f", f.msPerTick), String(format: "%.1f", f.ticksPerSecond),
                   String(format: "%.3f", f.setupSeconds), String(format: "%.2f", f.frameSeconds * 1000)].joined(separator: "\t"))
        }
    }
}
