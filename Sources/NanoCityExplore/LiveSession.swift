import Foundation
import NanoCityEngine
import NanoCityIO
import NanoCityModel

/// Which of a session's cities a command or a view is about: `a`, the city the session
/// started with, or `b`, the branch a fork made of it.
public enum BranchName: String, Sendable, Codable, CaseIterable {
    case a, b
}

/// One parameter change made in a session: when it takes effect, on which city, and what it
/// replaced. Each becomes a `[[schedule]]` entry of that city's world.
public struct ParameterChange: Sendable, Equatable {
    /// The tick at whose start the change applies (the tick after the one completed when it was made).
    public var tick: Int
    public var branch: BranchName
    public var key: String
    public var value: ParameterValue
    public var previous: ParameterValue
}

/// The live city of `nanocity explore`: the world as loaded, the city stepping, and after a
/// fork a second city stepped in lockstep with the first from the same state (common random
/// numbers: the fork copies every generator, so the two differ only by the changes made to
/// one of them).
///
/// Not thread-safe: one thread (the `SessionDriver`'s) owns it. It writes `metrics.csv` and
/// `events.csv` of city A into `directory` exactly as `nanocity run` does, and each fork's city
/// B into `fork-TTTTTT/` from the fork's tick, so a saved world can be checked against them.
public final class LiveSession {
    /// Most parameter changes one session keeps (each is a schedule entry of the saved world).
    public static let maxChanges = 10_000
    /// Most events of one city's tick handed to the page's feed (its newest).
    public static let feedLength = 50

    public let world: World
    public let map: CityMap
    public let seed: UInt64
    public let directory: String
    public private(set) var a: City
    public private(set) var b: City?
    /// The tick the current fork was taken at (nil before a fork).
    public private(set) var forkTick: Int?
    public private(set) var changes: [ParameterChange] = []
    /// The newest events of the last tick, city A's then B's, at most `feedLength` of each.
    public private(set) var lastEvents: [(branch: BranchName, event: Event)] = []
    /// Counter metrics summed since tick 0, per city (the frame strip's run totals).
    public private(set) var totalsA: [Double]
    public private(set) var totalsB: [Double] = []
    /// The latest metrics row of each city (`MetricCatalog.columns(for: map)` order).
    public private(set) var metricsA: [Double]
    public private(set) var metricsB: [Double] = []

    private var recordersA: [any RunRecorder]
    /// Frames (and a video) of city A while "record" is on.
    private var recorder: FrameRecorder?
    private var videoPath: String?
    /// The tick recording began at (nil when not recording).
    public private(set) var recordingSince: Int?
    private var recordersB: [any RunRecorder] = []

    /// Starts the session at tick 0 and records that row.
    public init(world: World, map: CityMap, seed: UInt64, directory: String, threads: Int = 1) throws(OutputError) {
        self.world = world
        self.map = map
        self.seed = seed
        self.directory = directory
        var city = City(map: map, parameters: world.parameters, seed: seed)
        city.threads = max(1, threads)
        a = city
        recordersA = [
            try MetricsRecorder(path: directory + "/" + OutputNames.metrics, append: false, map: map),
            try EventsRecorder(path: directory + "/" + OutputNames.events, append: false),
        ]
        metricsA = MetricCatalog.sample(city)
        totalsA = [Double](repeating: 0, count: metricsA.count)
        for r in recordersA { try r.record(city, metrics: metricsA) }
    }

    public var tick: Int { a.tick }
    public var isForked: Bool { b != nil }

    /// Advances every city one tick and records it.
    public func step() throws(OutputError) {
        a.step()
        metricsA = MetricCatalog.sample(a)
        Self.accumulate(metricsA, into: &totalsA)
        for r in recordersA { try r.record(a, metrics: metricsA) }
        try recorder?.record(a, metrics: metricsA)
        remember(a.events, .a)
        if var city = b {
            b = nil  // so that the step below mutates the only copy (no copy-on-write of the fields)
            city.step()
            metricsB = MetricCatalog.sample(city)
            Self.accumulate(metricsB, into: &totalsB)
            for r in recordersB { try r.record(city, metrics: metricsB) }
            remember(city.events, .b)
            b = city
        }
    }

    /// Writes what the recorders hold to their files (before a save, or when paused).
    public func flush() throws(OutputError) {
        for r in recordersA + recordersB { try r.flush() }
    }

    /// Closes the files; returns the first problem, if any.
    public func finish() -> String? {
        var problem: String?
        do throws(LiveError) { try stopRecording() } catch { problem = error.description }
        for r in recordersA + recordersB {
            do throws(OutputError) { if let p = try r.finish(), problem == nil { problem = p } } catch {
                if problem == nil { problem = error.description }
            }
        }
        recordersA = []
        recordersB = []
        return problem
    }

    private static func accumulate(_ row: [Double], into totals: inout [Double]) {
        for (i, m) in MetricCatalog.all.enumerated() where m.kind == .counter && i < row.count { totals[i] += row[i] }
    }

    private func remember(_ events: [Event], _ branch: BranchName) {
        if branch == .a { lastEvents.removeAll(keepingCapacity: true) }
        lastEvents.append(contentsOf: events.suffix(Self.feedLength).map { (branch, $0) })
    }

    public func city(_ branch: BranchName) -> City? {
        switch branch {
        case .a: a
        case .b: b
        }
    }

    // MARK: Changes

    /// Sets `key` to `text` (as `--set` reads it) on `branch` from the next tick, as a
    /// `[[schedule]]` entry would: the same declared effects (populations reconciled, sensors
    /// re-placed, …). Refuses what a world file's schedule would refuse.
    @discardableResult
    public func set(_ key: String, to text: String, on branch: BranchName) throws(LiveError) -> ParameterChange {
        guard var city = city(branch) else { throw .noBranch(branch) }
        guard changes.count < Self.maxChanges else { throw .tooManyChanges(Self.maxChanges) }
        let spec: ParameterSpec
        switch ParameterCatalog.lookup(key) {
        case .success(let s): spec = s
        case .failure(let e): throw .parameter(e.description)
        }
        if let e = ParameterCatalog.undeclaredName(key, in: city.params) { throw .parameter(e.description) }
        guard spec.schedulable else { throw .notSchedulable(key) }
        let value: ParameterValue
        switch spec.parse(text) {
        case .success(let v): value = v
        case .failure(let e): throw .parameter(e.description)
        }
        // A value the world file would refuse would leave a saved world that cannot be read.
        var trial = city.params
        let before = Set(ParameterCatalog.consistencyProblems(trial).map(\.description))
        spec.apply(value, to: &trial)
        if let problem = ParameterCatalog.consistencyProblems(trial).map(\.description).first(where: { !before.contains($0) }) {
            throw .parameter(problem)
        }
        let change = ParameterChange(tick: city.tick + 1, branch: branch, key: key, value: value,
                                     previous: pendingValue(of: spec, in: city))
        city.params.schedule.append(ScheduleEntry(tick: change.tick, changes: [(key, value)]))
        switch branch {
        case .a: a = city
        case .b: b = city
        }
        changes.append(change)
        return change
    }

    /// The value `spec` will have at the next tick: the current one, or the latest change
    /// already scheduled for it.
    private func pendingValue(of spec: ParameterSpec, in city: City) -> ParameterValue {
        for entry in city.params.schedule.reversed() where entry.tick > city.tick {
            if let c = entry.changes.last(where: { $0.key == spec.key }) { return c.value }
        }
        return spec.value(in: city.params)
    }

    /// The value each parameter of `branch` has, pending changes included.
    public func values(_ branch: BranchName) -> [(key: String, value: ParameterValue)] {
        guard let city = city(branch) else { return [] }
        return ParameterCatalog.all(for: city.params).map { ($0.key, pendingValue(of: $0, in: city)) }
    }

    // MARK: Recording

    /// Writes a frame of city A every tick into `frames/` (as `run --frame-every 1` draws
    /// them) and, when ffmpeg is on the PATH and `video` is true, the same frames into
    /// `session-tTTTTTT.mp4`, until `stopRecording`.
    public func startRecording(fps: Int, video: Bool) throws(LiveError) {
        guard recorder == nil else { return }
        let renderer: FrameRenderer
        do throws(FrameStyleError) {
            renderer = FrameRenderer(style: try FrameStyle(for: a, settings: world.frames), worldName: world.parameters.name,
                                     totalTicks: world.parameters.run.ticks)
        } catch { throw .write(path: directory, message: error.description) }
        var stream: VideoStream?
        if video, (try? FFmpeg.require()) != nil {
            let path = directory + "/session-t" + OutputDirectory.zeroPadded(tick, width: 6) + ".mp4"
            do throws(VideoError) { stream = try VideoStream(path: path, width: renderer.width, height: renderer.height, fps: fps, replace: true) }
            catch { throw .write(path: path, message: error.description) }
            videoPath = path
        }
        do throws(OutputError) {
            recorder = try FrameRecorder(directory: directory, every: 1, writer: AsyncFileWriter(), renderer: renderer, video: stream,
                                         text: [("Software", "nanocity explore")], totals: totalsA)
        } catch { throw .write(path: error.path, message: error.message) }
        recordingSince = tick
    }

    /// Ends recording; returns the frames' folder and the video's path (if one was made).
    @discardableResult
    public func stopRecording() throws(LiveError) -> [String] {
        guard let r = recorder else { return [] }
        recorder = nil
        recordingSince = nil
        let video = videoPath
        videoPath = nil
        let problem: String?
        do throws(OutputError) { problem = try r.finish() } catch { throw .write(path: error.path, message: error.message) }
        if let problem { throw .write(path: directory, message: problem) }
        return [directory + "/" + OutputNames.frames] + (video.map { [$0] } ?? [])
    }

    // MARK: Forks

    /// Copies city A, as it is now, into city B. Both then step together; changes made to one
    /// are the only difference between them. Replaces an earlier fork.
    public func fork() throws(OutputError) {
        dropFork()
        let dir = directory + "/fork-" + OutputDirectory.zeroPadded(a.tick, width: 6)
        try OutputDirectory.createDirectory(dir)
        recordersB = [
            try MetricsRecorder(path: dir + "/" + OutputNames.metrics, append: false, map: map),
            try EventsRecorder(path: dir + "/" + OutputNames.events, append: false),
        ]
        b = a
        forkTick = a.tick
        metricsB = metricsA
        totalsB = totalsA
        for r in recordersB { try r.record(a, metrics: metricsA) }
    }

    /// Ends the fork: city B and its pending changes go; city A steps on alone.
    public func dropFork() {
        for r in recordersB { _ = try? r.finish() }
        recordersB = []
        b = nil
        forkTick = nil
        metricsB = []
        totalsB = []
    }

    // MARK: Keeping what was found

    /// The world of `branch` as a world file: the session's world with its seed and with
    /// `run.ticks` at the current tick, and every change made as a `[[schedule]]` entry, so
    /// that `nanocity run FILE` reproduces the city's `metrics.csv` byte for byte. Map and mask
    /// files are named by absolute path, so the file may be saved anywhere.
    public func worldText(_ branch: BranchName) throws(LiveError) -> String {
        guard let city = city(branch) else { throw .noBranch(branch) }
        var saved = world
        // The world as it began, and every change as the schedule entry it is: the schedule is
        // the only thing that changes parameters during a run. Only the entries that have taken
        // effect: a pending one would apply past run.ticks.
        saved.parameters.schedule = city.params.schedule.filter { $0.tick <= city.tick }
        saved.parameters.run.seed = Int(truncatingIfNeeded: seed)
        saved.parameters.run.ticks = city.tick
        if !saved.parameters.map.file.isEmpty { saved.parameters.map.file = world.resolve(saved.parameters.map.file) }
        if !saved.parameters.map.image.isEmpty { saved.parameters.map.image = world.resolve(saved.parameters.map.image) }
        for i in saved.parameters.zones.indices {
            if case .mask(let f) = saved.parameters.zones[i].shape { saved.parameters.zones[i].shape = .mask(file: world.resolve(f)) }
        }
        return "# Saved by `nanocity explore` at tick \(city.tick) (city \(branch.rawValue.uppercased())) of \(world.origin):\n"
            + "# `nanocity run` on this file reproduces the session's metrics.csv"
            + (branch == .b ? " of the fork's city B" : "") + ".\n"
            + WorldFileWriter.text(saved)
    }

    /// Writes `worldText(branch)` into the session directory; returns its path.
    public func saveWorld(_ branch: BranchName) throws(LiveError) -> String {
        let text = try worldText(branch)
        let path = directory + "/world-\(branch.rawValue)-t" + OutputDirectory.zeroPadded(tick, width: 6) + ".toml"
        do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw .write(path: path, message: error.localizedDescription)
        }
        return path
    }

    /// Writes a checkpoint of `branch` (`nanocity run --from` continues it); returns its path.
    public func saveCheckpoint(_ branch: BranchName) throws(LiveError) -> String {
        guard let city = city(branch) else { throw .noBranch(branch) }
        var w = world
        w.parameters = city.params
        let bytes = Checkpoint.encode(world: w, map: map, city: city, seed: seed, ticks: max(city.tick, world.parameters.run.ticks))
        let path = directory + "/checkpoint-\(branch.rawValue)-t" + OutputDirectory.zeroPadded(city.tick, width: 6) + ".bin"
        do { try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw .write(path: path, message: error.localizedDescription)
        }
        return path
    }
}

/// What a live session refuses, in words the page shows.
public enum LiveError: Error, CustomStringConvertible, Sendable, Equatable {
    case noBranch(BranchName)
    case notSchedulable(String)
    case parameter(String)
    case tooManyChanges(Int)
    case write(path: String, message: String)

    public var description: String {
        switch self {
        case .noBranch(let b): "there is no city \(b.rawValue.uppercased()): fork first"
        case .notSchedulable(let k): "\(k) is fixed for a whole run (the map, the seed and the tick length are); set it in the world file"
        case .parameter(let m): m
        case .tooManyChanges(let n): "a session keeps at most \(n) parameter changes; save the world and start again from it"
        case .write(let path, let message): "\(path): \(message)"
        }
    }
}
