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
        public var msPerTick: Double { seconds * 1000 / Double(max(ticks, 1)) }
        public var ticksPerSecond: Double { Double(ticks) / max(seconds, 1e-12) }
    }

    public static func measure(world: World, map: CityMap, ticks: Int, seed: UInt64, repeats: Int) -> Figures {
        let setupStart = ContinuousClock.now
        let initial = City(map: map, parameters: world.parameters, seed: seed)
        let setup = (ContinuousClock.now - setupStart).inSeconds
        var best = Double.infinity
        var last = initial
        for _ in 0..<max(1, repeats) {
            var city = initial
            let t0 = ContinuousClock.now
            for _ in 0..<ticks {
                city.step()
                _ = MetricCatalog.sample(city)  // a run records metrics every tick
            }
            best = min(best, (ContinuousClock.now - t0).inSeconds)
            last = city
        }
        var frameTimes: [Double] = []
        let path = NSTemporaryDirectory() + "nanocity-bench-\(getpid()).png"
        let renderer = (try? FrameStyle(for: last)).map { FrameRenderer(style: $0, worldName: world.parameters.name, totalTicks: ticks) }
        for _ in 0..<5 {
            guard let renderer else { break }
            let t0 = ContinuousClock.now
            try? PNGImage(renderer.render(last)).write(path: path)
            frameTimes.append((ContinuousClock.now - t0).inSeconds)
        }
        unlink(path)
        let agents = initial.recyclers.count + initial.scavengers.count + initial.crew.count + initial.guards.count
        return Figures(world: world.parameters.name, cells: map.size.count, agents: agents, ticks: ticks,
                       seconds: best, setupSeconds: setup, frameSeconds: frameTimes.isEmpty ? 0 : frameTimes.sorted()[frameTimes.count / 2])
    }
}
