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

    @Option(parsing: .unconditional, help: "Ticks per timed run.")
    var ticks = 1000

    @Option(parsing: .unconditional, help: "Timed runs per world; the best is reported.")
    var repeats = 3

    @Option(parsing: .unconditional, help: "PRNG seed.")
    var seed: UInt64 = 1

    @OptionGroup var overrides: OverrideOptions

    @OptionGroup var threads: ThreadsOption

    func validate() throws {
        if ticks < 1 { throw ValidationError("--ticks must be ≥ 1, got \(ticks)") }
        if repeats < 1 || repeats > 1000 { throw ValidationError("--repeats must be 1…1000, got \(repeats)") }
    }

    @Flag(help: "Also print each world's time per tick phase (a profile one command away).")
    var phases = false

    func run() throws {
        print("world\tcells\tagents\tticks\tseconds\tms_per_tick\tticks_per_s\tagent_steps_per_s\tdiffusion_ns_per_cell\tsetup_s\tframe_ms\tframe_px\tpeak_rss_mb")
        var profiles: [Benchmark.Figures] = []
        for path in worlds.isEmpty ? [nil] : worlds.map(Optional.some) {
            let world = try loadWorld(path: path, overrides: overrides.assignments)
            let map = try buildMap(world, threads: threads.resolved)
            let f = Benchmark.measure(world: world, map: map, ticks: ticks, seed: seed, repeats: repeats, threads: threads.resolved)
            print([f.world, String(f.cells), String(f.agents), String(f.ticks), String(format: "%.3f", f.seconds),
                   String(format: "%.3f", f.msPerTick), String(format: "%.1f", f.ticksPerSecond),
                   String(format: "%.3g", f.agentStepsPerSecond), String(format: "%.2f", f.diffusionNsPerCell),
                   String(format: "%.3f", f.setupSeconds), String(format: "%.2f", f.frameSeconds * 1000),
                   "\(f.frameWidth)x\(f.frameHeight)", String(format: "%.1f", Double(Benchmark.peakResidentBytes) / 1_048_576)]
                .joined(separator: "\t"))
            profiles.append(f)
        }
        guard phases else { return }
        for f in profiles {
            let total = f.phases.reduce(0) { $0 + $1.seconds }
            print("\n\(f.world): time per phase (one observed run of \(f.ticks) ticks)")
            print("phase\tms_per_tick\tshare")
            for p in f.phases where p.seconds > 0 {
                print("\(p.name)\t\(String(format: "%.4f", p.seconds * 1000 / Double(max(1, f.ticks))))\t\(String(format: "%.1f%%", 100 * p.seconds / max(total, 1e-12)))")
            }
        }
    }
}
