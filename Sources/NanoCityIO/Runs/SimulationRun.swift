import Foundation
import NanoCityEngine
import NanoCityModel

/// Runs one simulation and records it: `manifest.json`, then the recorders the options ask
/// for (metrics, events, frames, snapshots, checkpoints, progress).
///
/// The manifest is written first with status `running` and rewritten at the end with
/// `complete`, `interrupted at tick N` or `failed: …`, so a directory never looks complete
/// when it is not.
public enum SimulationRun {
    /// Runs and records. `from` starts from a checkpoint's state (a new directory whose rows
    /// begin at the checkpoint's tick); `options.resume` continues a killed run in its own
    /// directory from its newest checkpoint. `extraRecorders` record the ticks this call runs
    /// (after a resume, not the ones before it). `observe` sees every metrics row; `shouldStop` is
    /// checked before each tick (default: Ctrl-C or SIGTERM).
    /// Spare bytes after the first manifest (see `writeManifest`): more than the final one adds.
    static let manifestReserve = 4096

    public static func execute(world: World, map: CityMap, options: RunOptions, from checkpoint: Checkpoint? = nil,
                               extraRecorders: [RunRecorder] = [],
                               observe: (([Double]) -> Void)? = nil,
                               shouldStop: () -> Bool = { RunInterrupt.requested }) throws(OutputError) -> RunResult {
        // Hashes the map: once per run, for the manifest and the resume checks.
        let fingerprint = RunFingerprint.of(world: world, map: map, seed: options.seed)
        var start = try startingPoint(world: world, map: map, fingerprint: fingerprint, options: options, checkpoint: checkpoint)
        start.city.threads = options.threads  // how to run, not state: never in a checkpoint
        let dir = start.directory
        let started = Date()
        let clock = ContinuousClock.now
        var extra: [(String, JSONValue)] = []
        if let checkpoint { extra.append(("from_checkpoint", .object([("tick", .int(checkpoint.tick))]))) }
        if let t = start.resumedAt { extra.append(("resumed_from_tick", .int(t))) }
        let manifestPath = dir + "/" + OutputNames.manifest
        /// The first manifest carries `manifestReserve` bytes of trailing whitespace (valid JSON):
        /// room on disk for the final status when the disk has filled up meanwhile and no
        /// temporary file can be made for the atomic rewrite; it is then rewritten in place.
        func writeManifest(_ status: RunStatus, _ ticks: Int, reserve: Bool = false) throws(OutputError) {
            let m = Manifest.build(world: world, map: map, fingerprint: fingerprint, options: options, status: status.description, ticksCompleted: ticks,
                                   started: started, wallSeconds: (ContinuousClock.now - clock).inSeconds, extra: extra)
            var bytes = Array((m.rendered() + "\n").utf8)
            if reserve { bytes += [UInt8](repeating: 0x20, count: Self.manifestReserve - 1) + [0x0A] }
            do throws(OutputError) { try BufferedFile.writeAtomically(bytes, to: manifestPath) } catch {
                guard !reserve else { throw error }
                do throws(OutputError) { try BufferedFile.overwriteInPlace(bytes, at: manifestPath) } catch { throw error }
            }
        }
        let frames = try frameRecorder(world: world, map: map, options: options, start: start)
        try writeManifest(.running, start.city.tick, reserve: true)

        let append = start.resumedAt != nil
        // One recorder per output, in `RunOutput` order; checkpoints come last so they can
        // flush every file recorder before they save the state.
        var files: [any RunRecorder] = []
        var checkpoints: CheckpointRecorder?
        let writer = AsyncFileWriter()
        for output in RunOutput.allCases {
            // Frames are rendered for a video even when none is kept (`frameRecorder` decides).
            if output == .frames, let frames { files.append(frames) }
            guard output.isWritten(by: options) else { continue }
            switch output {
            case .manifest: break  // written by this function, above and below
            case .metrics: files.append(try MetricsRecorder(path: dir + "/" + output.name, append: append, map: map))
            case .events: files.append(try EventsRecorder(path: dir + "/" + output.name, append: append))
            case .frames: break  // above
            case .fields: files.append(try SnapshotRecorder(directory: dir, every: options.snapshotEvery, writer: writer))
            case .agents: break  // the snapshot recorder writes fields and agents at the same ticks
            case .checkpoints:
                checkpoints = try CheckpointRecorder(directory: dir, every: options.checkpointEvery, keep: options.keepCheckpoints,
                                                     world: world, map: map, seed: options.seed, ticks: options.ticks, before: files)
            }
        }
        var recorders = files
        if let observe { recorders.append(MetricsObserver(observe)) }
        recorders += extraRecorders
        if let checkpoints { recorders.append(checkpoints) }
        if options.progress && isatty(2) != 0 { recorders.append(ProgressRecorder(total: options.ticks, startingAt: start.city.tick)) }

        let monitor = options.stopWhen.map(StopMonitor.init)
        if let rule = options.stopWhen { extra.append(("stop_when", .string(rule.text))) }
        var status = RunLoop.run(&start.city, to: options.ticks, recorders: recorders, recordStart: start.resumedAt == nil,
                                 until: monitor, shouldStop: shouldStop)
        if let monitor { extra.append(("stopped_at_tick", monitor.stoppedAt.map { .int($0) } ?? .null)) }
        for r in recorders {
            do throws(OutputError) {
                if let failure = try r.finish(), case .complete = status { status = .failed(failure) }
            } catch {
                if case .complete = status { status = .failed(error.description) }
            }
        }
        if let video = options.videoPath(in: dir), start.resumedAt != nil, case .complete = status {
            // A continued run's stream would hold only the frames since the checkpoint: the
            // video is made from all the PNG frames instead.
            do throws(VideoError) {
                _ = try VideoAssembler.make(from: dir, to: video, fps: options.videoFPS, replace: true, shouldStop: shouldStop)
            } catch {
                status = .failed(error.description)
            }
        }
        if let stream = frames?.video {
            if case .complete = status {
                do throws(VideoError) { try stream.commit() } catch { status = .failed(error.description) }
            } else {
                stream.discard()
            }
        }
        let wall = (ContinuousClock.now - clock).inSeconds
        try writeManifest(status, start.city.tick)
        withExtendedLifetime(start.lock) {}  // released only once the manifest is final
        return RunResult(directory: dir, ticksCompleted: start.city.tick, status: status, wallSeconds: wall,
                         finalMetrics: MetricCatalog.sample(start.city), resumedAt: start.resumedAt,
                         checkpointBytes: checkpoints?.lastBytes ?? 0, checkpointSeconds: checkpoints?.lastSeconds ?? 0,
                         stoppedAt: monitor?.stoppedAt)
    }

    /// The frame recorder the options ask for (nil for none), with its video stream; checked
    /// before the run starts (frame size, ffmpeg).
    static func frameRecorder(world: World, map: CityMap, options: RunOptions, start: Start) throws(OutputError) -> FrameRecorder? {
        guard options.frameEvery > 0 else { return nil }
        let dir = start.directory
        let style: FrameStyle
        do throws(FrameStyleError) {
            style = try FrameStyle(for: start.city, settings: world.frames, scale: options.frameScale, layers: options.frameLayers, hud: options.frameStrip)
        } catch { throw OutputError(path: dir + "/" + OutputNames.frames, message: error.description, refused: true) }
        let renderer = FrameRenderer(style: style, worldName: world.parameters.name, totalTicks: options.ticks)
        var stream: VideoStream?
        if let video = options.videoPath(in: dir), start.resumedAt == nil {
            do throws(VideoError) {
                stream = try VideoStream(path: video, width: renderer.width, height: renderer.height, fps: options.videoFPS,
                                         replace: options.force)
            } catch {
                // A path or a name that cannot be used is the command's to change (2); ffmpeg
                // failing to start is a failure (3).
                if case .ffmpegFailed = error { throw OutputError(path: video, message: error.description) }
                throw OutputError(path: video, message: error.description, refused: true)
            }
        }
        var totals: [Double]?
        if start.resumedAt != nil { totals = MetricsTotals.read(dir + "/" + OutputNames.metrics, map: map) }
        let text = [("Software", "NanoCity " + NanoCityVersion.string), ("World", world.parameters.name),
                    ("Seed", String(options.seed))]
        return try FrameRecorder(directory: dir, every: options.frameEvery, writer: AsyncFileWriter(), renderer: renderer,
                                 video: stream, text: text, totals: totals)
    }

    struct Start {
        var directory: String
        /// Held for the whole run: one writer per directory.
        var lock: OutputLock
        var city: City
        /// The checkpoint tick a resumed run continues from.
        var resumedAt: Int?
    }

    /// Chooses the directory and the state the run begins from.
    static func startingPoint(world: World, map: CityMap, fingerprint: UInt64, options: RunOptions, checkpoint: Checkpoint?) throws(OutputError) -> Start {
        let fresh = { checkpoint?.city ?? City(map: map, parameters: world.parameters, seed: options.seed) }
        guard options.resume else {
            if let out = options.outDirectory {
                let lock = try OutputLock(directory: out, what: "run")
                try OutputDirectory.prepare(out, force: options.force)
                return Start(directory: out, lock: lock, city: fresh())
            }
            let dir = try OutputDirectory.fresh(root: options.outputRoot, name: world.parameters.name)
            return Start(directory: dir, lock: try OutputLock(directory: dir, what: "run"), city: fresh())
        }
        guard let dir = options.outDirectory else {
            throw OutputError(path: "--resume", message: "needs --out DIR: the directory of the run to continue", refused: true)
        }
        // Before anything is read: a resume racing the job it continues (a Slurm requeue while
        // the first still runs) is refused here, not mixed into its files.
        let lock = try OutputLock(directory: dir, what: "run --resume")
        let hasManifest = FileManager.default.fileExists(atPath: dir + "/" + OutputNames.manifest)
        let mine = String(fingerprint, radix: 16)
        // Resume only this run: the manifest names the run a directory holds, checkpoints or not.
        if hasManifest && !options.force {
            let theirs = (try? ManifestRecord.read(dir + "/" + OutputNames.manifest))?.runFingerprint
            guard theirs == mine else {
                throw OutputError(path: dir, message: theirs == nil
                    ? "holds a run whose manifest has no run fingerprint (an older nanocity, or damaged): --resume cannot tell it is this run; "
                        + "use another --out, or --force to replace it"
                    : "holds another run (its world, map, overrides or seed differ from this command's); resume with the original command, "
                        + "or use another --out (or --force to replace it)", refused: true)
            }
        }
        var problems: [String] = []
        if hasManifest {
            for candidate in CheckpointRecorder.existing(in: dir + "/" + OutputNames.checkpoints) {
                let c: Checkpoint
                do throws(CheckpointError) { c = try Checkpoint.read(path: candidate.path) } catch {
                    problems.append(error.description)  // a damaged newest checkpoint: try the one before
                    continue
                }
                guard c.fingerprint == fingerprint else {
                    throw OutputError(path: candidate.path, message: "was written by a different run (the world, its overrides or the seed differ "
                        + "from this command's); resume with the original command, or use another --out", refused: true)
                }
                guard options.ticks >= c.tick else {
                    throw OutputError(path: candidate.path, message: "is at tick \(c.tick), after --ticks \(options.ticks): --ticks is the run's "
                        + "total length; give at least \(c.tick) (or start again without --resume)", refused: true)
                }
                for output in RunOutput.allCases where output.onResume == .cutBackToCheckpoint && output.isWritten(by: options) {
                    // metrics.csv must be there to continue; events.csv may be missing (a crash before its first flush).
                    try cutBack(dir + "/" + output.name, throughTick: c.tick, required: output == .metrics)
                }
                return Start(directory: dir, lock: lock, city: c.city, resumedAt: c.tick)
            }
        }
        if !problems.isEmpty {
            FileHandle.standardError.write(("warning: " + problems.joined(separator: "\nwarning: ") + "\n").data(using: .utf8)!)
        }
        // Nothing to continue from: start this run afresh in its directory (only NanoCity's own
        // outputs are replaced; a directory holding anything else is refused without --force).
        try OutputDirectory.prepare(dir, force: options.force || hasManifest)
        return Start(directory: dir, lock: lock, city: fresh())
    }

    /// Cuts a tick-keyed CSV back to its header and the complete rows of ticks ≤ `tick`. With
    /// `required`, the file must hold the row of `tick` itself.
    static func cutBack(_ path: String, throughTick tick: Int, required: Bool) throws(OutputError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw OutputError(path: path, message: "is missing; cannot resume this run (start it again without --resume, or with --force)", refused: true)
        }
        let bytes = [UInt8](data)
        var keep = 0, lastTick: Int? = nil, lineStart = 0, first = true
        for (i, b) in bytes.enumerated() where b == 0x0A {
            defer { lineStart = i + 1 }
            if first { first = false; keep = i + 1; continue }
            var t = 0, j = lineStart, digits = 0
            while j < i, bytes[j] >= 0x30, bytes[j] <= 0x39, digits < 18 { t = t * 10 + Int(bytes[j] - 0x30); j += 1; digits += 1 }
            guard digits > 0, t <= tick else { break }
            keep = i + 1
            lastTick = t
        }
        if required && lastTick != tick {
            throw OutputError(path: path, message: "ends before tick \(tick), the newest checkpoint's; it was changed after the run stopped", refused: true)
        }
        guard truncate(path, off_t(keep)) == 0 else { throw OutputError(path: path, message: "cannot cut back: \(String(cString: strerror(errno)))") }
    }
}

extension Duration {
    /// The duration in seconds, as a Double.
    public var inSeconds: Double {
        let c = components
        return Double(c.seconds) + Double(c.attoseconds) * 1e-18
    }
}
