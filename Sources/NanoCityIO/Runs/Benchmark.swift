import Foundation
import NanoCityModel

/// Timing of the engine on a world, for `nanocity bench` and the README's performance table.
public enum Benchmark {
    public struct Figures: Sendable {
        public var world: String
        public var cells: Int
        public var agents: Int
        public var ticks: Int
        /// Best-of-repeats seconds for `ticks` ticks (setup excluded).
        public var seconds: Double
        /// Seconds to build the map and the city.
        public var setupSeconds: Double
        /// Seconds to render and encode one frame (median of 5).
        public var frameSeconds: Double
        /// Agents that acted, summed over the timed ticks (populations change during a run).
        public var agentSteps: Int
        /// Seconds per phase over one profiled run of `ticks` ticks (the tick's phases, then
        /// `metrics` for the per-tick metrics row), in tick order.
        public var phases: [(name: String, seconds: Double)]
        /// Frame size drawn, pixels.
        public var frameWidth = 0
        public var frameHeight = 0

        public var msPerTick: Double { seconds * 1000 / Double(max(ticks, 1)) }
        public var ticksPerSecond: Double { Double(ticks) / max(seconds, 1e-12) }
        public var agentStepsPerSecond: Double { Double(agentSteps) / max(seconds, 1e-12) }
        /// Diffusion and decay cost per cell per tick, nanoseconds (from the profiled run).
        public var diffusionNsPerCell: Double {
            (phases.first { $0.name == TickPhase.diffusion.rawValue }?.seconds ?? 0) * 1e9 / Double(max(1, ticks * cells))
        }
    }

    /// Accumulates wall time per phase, and the time between one tick's end and the next
    /// tick's start: the recording (the metrics row and the recorders).
    struct PhaseClock: TickPhaseObserver {
        var seconds = [Double](repeating: 0, count: TickPhase.allCases.count)
        var recording = 0.0
        var current: Int?
        var since = ContinuousClock.now
        var endedAt: ContinuousClock.Instant?
        static let index = Dictionary(uniqueKeysWithValues: TickPhase.allCases.enumerated().map { ($1, $0) })

        mutating func begin(_ phase: TickPhase) {
            let now = ContinuousClock.now
            if let c = current { seconds[c] += (now - since).inSeconds }
            if let e = endedAt { recording += (now - e).inSeconds; endedAt = nil }
            current = Self.index[phase]
            since = now
        }

        mutating func end() {
            let now = ContinuousClock.now
            if let c = current { seconds[c] += (now - since).inSeconds }
            current = nil
            endedAt = now
        }
    }

    /// Counts the agents acting in each tick (those present when it starts).
    final class AgentSteps: RunRecorder {
        let lastTick: Int
        var total = 0
        init(lastTick: Int) { self.lastTick = lastTick }
        func record(_ city: City, metrics: [Double]) throws(OutputError) {
            if city.tick < lastTick { total &+= Benchmark.acting(city) }
        }
    }

    static func acting(_ city: City) -> Int {
        AgentKind.allCases.reduce(0) { $0 + city.population($1) }
    }

    public static func measure(world: World, map: CityMap, ticks: Int, seed: UInt64, repeats: Int, threads: Int = 1) -> Figures {
        let setupStart = ContinuousClock.now
        var initial = City(map: map, parameters: world.parameters, seed: seed)
        initial.threads = threads
        let setup = (ContinuousClock.now - setupStart).inSeconds
        var best = Double.infinity
        var last = initial
        var agentSteps = 0
        // The timed runs go through the run loop exactly as `run` does (metrics row every tick),
        // with no recorder writing anything.
        for _ in 0..<max(1, repeats) {
            var city = initial
            let steps = AgentSteps(lastTick: ticks)
            let t0 = ContinuousClock.now
            _ = RunLoop.run(&city, to: ticks, recorders: [steps], shouldStop: { false })
            best = min(best, (ContinuousClock.now - t0).inSeconds)
            last = city
            agentSteps = steps.total
        }
        // One more run, observed phase by phase (clock reads cost a little: totals come from
        // the unobserved runs above).
        var clock = PhaseClock()
        var city = initial
        _ = RunLoop.run(&city, to: ticks, recorders: [AgentSteps(lastTick: ticks)], observing: &clock, shouldStop: { false })
        clock.begin(.schedule)  // closes the last tick's recording interval
        var phases = TickPhase.allCases.enumerated().map { (name: $1.rawValue, seconds: clock.seconds[$0]) }
        phases.append((name: "metrics", seconds: clock.recording))

        var frameTimes: [Double] = []
        let path = NSTemporaryDirectory() + "nanocity-bench-\(getpid()).png"
        let renderer = (try? FrameStyle(for: last, settings: world.frames)).map { FrameRenderer(style: $0, worldName: world.parameters.name, totalTicks: ticks) }
        let row = MetricCatalog.sample(last)  // a run hands the frame its metrics row
        for _ in 0..<5 {
            guard let renderer else { break }
            let t0 = ContinuousClock.now
            try? PNGImage(renderer.render(last, metrics: row, totals: row)).write(path: path)
            frameTimes.append((ContinuousClock.now - t0).inSeconds)
        }
        unlink(path)
        return Figures(world: world.parameters.name, cells: map.size.count, agents: acting(initial), ticks: ticks,
                       seconds: best, setupSeconds: setup, frameSeconds: frameTimes.isEmpty ? 0 : frameTimes.sorted()[frameTimes.count / 2],
                       agentSteps: agentSteps, phases: phases, frameWidth: renderer?.width ?? 0, frameHeight: renderer?.height ?? 0)
    }

    /// Peak resident memory of this process so far, bytes (getrusage; Linux reports KiB).
    public static var peakResidentBytes: Int {
        var u = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &u)
        #else
        getrusage(RUSAGE_SELF, &u)
        #endif
        #if os(Linux)
        return Int(u.ru_maxrss) * 1024
        #else
        return Int(u.ru_maxrss)
        #endif
    }
}
