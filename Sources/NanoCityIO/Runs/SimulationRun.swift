import Foundation
import NanoCityEngine
import NanoCityModel

/// Runs one simulation and records it: `manifest.json`, `metrics.csv`, `events.csv`,
/// frames and field snapshots.
///
/// The manifest is written first with status `running` and rewritten at the end with
/// `complete`, `interrupted at tick N` or `failed: …`, so a directory never looks complete
/// when it is not.
public enum SimulationRun {
    /// Fields written as `.npy` snapshots, by file prefix.
    public static let snapshotFields = ["waste", "components", "toxicity", "attractiveness"]

    /// Runs and records. `observe` sees every metrics row (tick 0 first); `shouldStop` is checked
    /// before each tick (default: Ctrl-C was pressed).
    public static func execute(world: World, map: CityMap, options: RunOptions,
                               observe: ([Double]) -> Void = { _ in },
                               shouldStop: () -> Bool = { RunInterrupt.requested }) throws(OutputError) -> RunResult {
        let dir: String
        if let out = options.outDirectory {
            try OutputDirectory.prepare(out, force: options.force)
            dir = out
        } else {
            dir = try OutputDirectory.fresh(root: options.outputRoot, name: world.parameters.name)
        }
        if options.frameEvery > 0 { try OutputDirectory.createDirectory(dir + "/frames") }
        if options.snapshotEvery > 0 {
            try OutputDirectory.createDirectory(dir + "/fields")
            try OutputDirectory.createDirectory(dir + "/agents")
        }

        let started = Date()
        let clock = ContinuousClock.now
        func writeManifest(_ status: String, _ ticks: Int) throws(OutputError) {
            let m = Manifest.build(world: world, map: map, options: options, status: status, ticksCompleted: ticks,
                                   started: started, wallSeconds: (ContinuousClock.now - clock).inSeconds)
            try BufferedFile.writeAtomically(Array((m.rendered() + "\n").utf8), to: dir + "/manifest.json")
        }
        try writeManifest("running", 0)

        let metrics = try BufferedFile(path: dir + "/metrics.csv")
        let events: BufferedFile? = options.writeEvents ? try BufferedFile(path: dir + "/events.csv") : nil
        try metrics.write("tick," + MetricCatalog.names.joined(separator: ",") + "\n")
        try events?.write("tick,kind,x,y,agent,amount\n")
        let writer = AsyncFileWriter()
        let progress = options.progress && isatty(2) != 0 ? ProgressBar(total: options.ticks) : nil

        var city = City(map: map, parameters: world.parameters, seed: options.seed)
        var last: [Double] = []
        var status = "complete"
        var completed = 0
        for t in 0...options.ticks {
            if t > 0 {
                if shouldStop() { status = "interrupted at tick \(completed)"; break }
                city.step()
                completed = t
            }
            last = MetricCatalog.sample(city)
            observe(last)
            try metrics.write(row(tick: t, last))
            if let events {
                for e in city.events { try events.write(eventRow(e)) }
            }
            if options.frameEvery > 0 && t % options.frameEvery == 0 {
                let image = FrameRenderer.render(city)
                let path = dir + "/frames/frame_" + pad6(t) + ".png"
                writer.submit { try image.write(path: path) }
            }
            if options.snapshotEvery > 0 && t % options.snapshotEvery == 0 {
                let fields = [city.waste, city.components, city.toxicity, city.attractiveness]
                let agents = AgentSnapshot.csv(city)
                let base = dir + "/fields/"
                let suffix = "_" + pad6(t) + ".npy"
                let agentPath = dir + "/agents/agents_" + pad6(t) + ".csv"
                writer.submit {
                    for (name, f) in zip(snapshotFields, fields) {
                        try BufferedFile.writeAtomically(NPYFormat.encode(f.values, height: f.size.height, width: f.size.width),
                                                         to: base + name + suffix)
                    }
                    try BufferedFile.writeAtomically(Array(agents.utf8), to: agentPath)
                }
            }
            progress?.update(t)
        }
        progress?.finish()
        try metrics.close()
        try events?.close()
        if let failure = writer.finish() { status = "failed: \(failure)" }
        let wall = (ContinuousClock.now - clock).inSeconds
        try writeManifest(status, completed)
        return RunResult(directory: dir, ticksCompleted: completed, status: status, wallSeconds: wall, finalMetrics: last)
    }

    static func row(tick: Int, _ values: [Double]) -> String {
        var s = String(tick)
        for v in values { s += ","; s += CSVNumber.format(v) }
        s += "\n"
        return s
    }

    static func eventRow(_ e: Event) -> String {
        "\(e.tick),\(e.kind.rawValue),\(e.x),\(e.y),\(e.agent),\(CSVNumber.format(e.amount))\n"
    }

    /// Six-digit tick or run number, as in `frame_000120.png` and `runs/000007/`.
    public static func pad6(_ n: Int) -> String { OutputDirectory.zeroPadded(n, width: 6) }
}

extension Duration {
    /// The duration in seconds, as a Double.
    public var inSeconds: Double {
        let c = components
        return Double(c.seconds) + Double(c.attoseconds) * 1e-18
    }
}

/// A one-line progress bar on stderr: `[#####-----] 50% tick 500/1000  812 ticks/s`.
final class ProgressBar {
    let total: Int
    let start = ContinuousClock.now
    var lastDrawn = -1

    init(total: Int) { self.total = max(total, 1) }

    func update(_ t: Int) {
        let pct = t * 100 / total
        guard pct != lastDrawn else { return }
        lastDrawn = pct
        let filled = pct * 30 / 100
        let rate = Double(t) / max((ContinuousClock.now - start).inSeconds, 1e-9)
        let line = "\r[" + String(repeating: "#", count: filled) + String(repeating: "-", count: 30 - filled)
            + "] \(pct)% tick \(t)/\(total)  \(Int(rate)) ticks/s"
        FileHandle.standardError.write(line.data(using: .utf8)!)
    }

    func finish() { FileHandle.standardError.write("\n".data(using: .utf8)!) }
}
