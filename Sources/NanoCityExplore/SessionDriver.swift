import Foundation
import NanoCityIO
import NanoCityModel

/// Steps a `LiveSession` on a thread of its own and sends the pages what they show: the
/// commands they send are applied between ticks, in the order they came; frames go out at
/// most `fps` times a second, and less often when drawing would take more than a quarter
/// of the time (so a big city keeps its ticks per second).
public final class SessionDriver: @unchecked Sendable {
    /// Most commands waiting; more are refused (a page flooding the socket gets an error).
    public static let maxQueued = 256

    public let hub: ClientHub
    public let fps: Double
    private let session: LiveSession
    private var view: LiveView
    private let condition = NSCondition()
    private var queue: [(client: Int?, command: Internal)] = []
    private var stopping = false
    private var finished = false
    private var thread: Thread?

    // Owned by the driver's thread.
    private var playing = false
    private var ticksPerSecond = 0.0
    private var pendingSteps = 0
    private var lastEventSeq = 0
    private var eventSeq = 0
    private var pendingEvents: [JSONValue] = []
    private var rate = 0.0
    private var replay: RunReplay?

    enum Internal: Sendable {
        case command(ClientCommand)
        case hello
    }

    public init(session: LiveSession, view: LiveView, hub: ClientHub, fps: Double = 30, playing: Bool = false) {
        self.session = session
        self.view = view
        self.hub = hub
        self.fps = max(1, min(fps, 120))
        self.playing = playing
    }

    public func start() {
        let t = Thread { [self] in loop() }
        t.name = "nanocity-explore-session"
        t.stackSize = 16 << 20
        thread = t
        t.start()
    }

    /// Queues a command from page `client`; false when the queue is full.
    @discardableResult
    public func enqueue(_ command: ClientCommand, from client: Int?) -> Bool { enqueue(.command(command), client) }

    /// Sends page `client` the session's description (parameters, metrics, changes) and a frame.
    public func greet(_ client: Int) { _ = enqueue(.hello, client) }

    private func enqueue(_ c: Internal, _ client: Int?) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard queue.count < Self.maxQueued, !stopping else { return false }
        queue.append((client, c))
        condition.signal()
        return true
    }

    /// Stops the loop after the current tick, closes the session's files and returns the
    /// first problem writing them.
    public func stop() -> String? {
        condition.lock()
        stopping = true
        condition.signal()
        while !finished && thread != nil { condition.wait() }
        condition.unlock()
        hub.closeAll()
        return closeProblem
    }
    private var closeProblem: String?

    // MARK: The loop

    private func loop() {
        let clock = ContinuousClock()
        let start = clock.now
        func now() -> Double { let d = clock.now - start; return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }
        var lastFrame = -1.0, renderCost = 0.0, dirty = true
        var nextTick = 0.0, lastFlush = 0.0
        var rateTicks = 0, rateSince = 0.0
        while true {
            condition.lock()
            let commands = queue
            queue.removeAll()
            let stop = stopping
            condition.unlock()
            if stop { break }
            for (client, c) in commands {
                switch c {
                case .hello:
                    if let client { hub.greet(client, hello()) }
                    dirty = true
                    lastFrame = -1
                case .command(let command):
                    if handle(command, from: client) { dirty = true }
                }
            }
            let t = now()
            let wantsTick = playing || pendingSteps > 0
            if wantsTick && (pendingSteps > 0 || ticksPerSecond == 0 || t >= nextTick) {
                do throws(OutputError) {
                    try session.step()
                    collectEvents()
                    rateTicks += 1
                    dirty = true
                } catch {
                    playing = false
                    pendingSteps = 0
                    hub.notify(nil, notice("error", "stopped: \(error)"))
                }
                if pendingSteps > 0 { pendingSteps -= 1 }
                if ticksPerSecond > 0 { nextTick = max(nextTick + 1 / ticksPerSecond, t - 0.25) }
            }
            if t - rateSince >= 1 {
                rate = Double(rateTicks) / (t - rateSince)
                rateTicks = 0
                rateSince = t
            }
            let interval = max(1 / fps, 4 * renderCost)
            if dirty && hub.count > 0 && t - lastFrame >= interval {
                let r0 = now()
                hub.publish(LiveUpdate(state: state(), frames: view.messages(session)))
                renderCost = now() - r0
                lastFrame = t
                dirty = false
            }
            if !wantsTick || (t - lastFlush > 2) {
                // Paused (or every two seconds): what the files hold is what the page shows.
                _ = try? session.flush()
                lastFlush = t
            }
            let idle = !(playing || pendingSteps > 0)
            let paced = playing && pendingSteps == 0 && ticksPerSecond > 0 && now() < nextTick
            if idle || paced {
                let until = idle ? (dirty ? lastFrame + interval : now() + 0.5) : min(nextTick, dirty ? lastFrame + interval : nextTick)
                condition.lock()
                if queue.isEmpty && !stopping {
                    _ = condition.wait(until: Date(timeIntervalSinceNow: max(0.001, min(0.5, until - now()))))
                }
                condition.unlock()
            }
        }
        closeProblem = session.finish()
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Applies one command; true when what the page shows changed.
    private func handle(_ c: ClientCommand, from client: Int?) -> Bool {
        do throws(LiveError) {
            switch c.op {
            case .play: playing = true
            case .pause: playing = false; pendingSteps = 0
            case .step: playing = false; pendingSteps = min(pendingSteps + (c.count ?? 1), ClientCommand.maxSteps)
            case .speed: ticksPerSecond = c.ticksPerSecond ?? 0
            case .set:
                let branch = c.branch ?? (session.isForked ? .b : .a)
                let change = try session.set(c.key ?? "", to: c.value ?? "", on: branch)
                hub.notify(nil, changeNotice(change))
            case .fork:
                do throws(OutputError) { try session.fork() } catch { throw .write(path: error.path, message: error.message) }
                hub.notify(nil, hello())
            case .unfork:
                session.dropFork()
                hub.notify(nil, hello())
            case .layers:
                let layers: FrameLayers
                do throws(FrameLayersError) { layers = try FrameLayers.parse(c.layers ?? "") } catch { throw .parameter("\(error)") }
                do throws(FrameStyleError) { view = try LiveView(session: session, layers: layers, scale: view.scale) }
                catch { throw .parameter(error.description) }
            case .saveWorld:
                _ = try? session.flush()
                let path = try session.saveWorld(c.branch ?? .a)
                hub.notify(client, notice("saved", path, extra: [("what", .string("world")), ("tick", .int(session.tick))]))
            case .saveCheckpoint:
                let path = try session.saveCheckpoint(c.branch ?? .a)
                hub.notify(client, notice("saved", path, extra: [("what", .string("checkpoint")), ("tick", .int(session.tick))]))
            case .record:
                try session.startRecording(fps: Int(fps), video: true)
                hub.notify(nil, notice("recording", "frames of city A from tick \(session.tick) into \(session.directory)/frames"))
            case .openRun:
                let r = try RunReplay.open(c.path ?? "")
                replay = r
                hub.notify(client, replayMessage(r))
            case .replayFrame:
                guard let r = replay else { throw .parameter("open a run first") }
                guard let t = r.frameTick(atOrBefore: c.tick ?? 0) else { return false }
                hub.notify(client, .binary(LiveView.message(.replay, tick: t, png: try r.frame(t))))
                return false
            case .stopRecording:
                let paths = try session.stopRecording()
                hub.notify(nil, notice("recorded", paths.joined(separator: ", ")))
            }
            return true
        } catch {
            hub.notify(client, notice("error", error.description))
            return false
        }
    }

    private func collectEvents() {
        // The feed keeps the newest events; the page gets those it has not had, at most 50 a frame.
        for (branch, e) in session.lastEvents {
            eventSeq += 1
            pendingEvents.append(.object([
                ("seq", .int(eventSeq)), ("branch", .string(branch.rawValue)), ("tick", .int(Int(e.tick))),
                ("kind", .string(e.kind.rawValue)), ("x", .int(Int(e.x))), ("y", .int(Int(e.y))), ("amount", .number(e.amount)),
            ]))
        }
        if pendingEvents.count > 50 { pendingEvents.removeFirst(pendingEvents.count - 50) }
    }

    // MARK: Messages

    func notice(_ type: String, _ message: String, extra: [(String, JSONValue)] = []) -> String {
        JSONValue.object([("type", .string(type)), ("message", .string(message))] + extra).rendered()
    }

    func changeNotice(_ c: ParameterChange) -> String {
        JSONValue.object([
            ("type", .string("change")), ("tick", .int(c.tick)), ("branch", .string(c.branch.rawValue)), ("key", .string(c.key)),
            ("value", .string(c.value.description)), ("previous", .string(c.previous.description)),
        ]).rendered()
    }

    /// The session's description: what the page builds its controls and charts from.
    func hello() -> String {
        let params = session.values(.a)
        let valuesB = Dictionary(session.values(.b).map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
        let specs = ParameterCatalog.all(for: session.a.params)
        let parameters: [JSONValue] = zip(specs, params).map { spec, current in
            var fields: [(String, JSONValue)] = [
                ("key", .string(spec.key)), ("group", .string(String(spec.key.prefix { $0 != "." }))),
                ("unit", .string(spec.unit)), ("doc", .string(spec.doc)), ("schedulable", .bool(spec.schedulable)),
                ("value", .string(current.value.description)),
            ]
            if let b = valuesB[spec.key] { fields.append(("value_b", .string(b.description))) }
            switch spec.type {
            case .int(let r): fields += [("type", .string("int")), ("min", .int(r.lowerBound)), ("max", .int(r.upperBound))]
            case .double(let r): fields += [("type", .string("number")), ("min", .number(r.lowerBound)), ("max", .number(r.upperBound))]
            case .bool: fields.append(("type", .string("bool")))
            case .choice(let c): fields += [("type", .string("choice")), ("choices", .array(c.map { .string($0) }))]
            case .text: fields.append(("type", .string("text")))
            }
            if let m = ModelDrivenParameters.entry(for: spec.key) { fields.append(("model_driven", .string(m.note))) }
            return .object(fields)
        }
        let metrics: [JSONValue] = MetricCatalog.columns(for: session.map).map { m in
            .object([("name", .string(m.name)), ("kind", .string(m.kind.rawValue)), ("unit", .string(m.unit)), ("doc", .string(m.doc)),
                     ("headline", m.headline.map { .string($0.strip?.label ?? m.name) } ?? .null)])
        }
        let changes: [JSONValue] = session.changes.map { c in
            .object([("tick", .int(c.tick)), ("branch", .string(c.branch.rawValue)), ("key", .string(c.key)),
                     ("value", .string(c.value.description)), ("previous", .string(c.previous.description))])
        }
        return JSONValue.object([
            ("type", .string("hello")), ("world", .string(session.world.parameters.name)), ("origin", .string(session.world.origin)),
            ("directory", .string(session.directory)), ("seed", .string(String(session.seed))),
            ("width", .int(session.map.size.width)), ("height", .int(session.map.size.height)),
            ("tick", .int(session.tick)), ("forked", .bool(session.isForked)), ("fork_tick", session.forkTick.map { .int($0) } ?? .null),
            ("layers", .string(view.layers.text)), ("downsample", .int(view.downsample)),
            ("parameters", .array(parameters)), ("metrics", .array(metrics)), ("changes", .array(changes)),
            ("layer_words", .array(FrameLayers.words.map { .string($0) } + FrameAgentLayer.allCases.map { .string($0.rawValue) })),
        ]).rendered()
    }

    /// An opened run: its columns, its rows (thinned past `RunReplay.maxRowsSent`) and frames.
    func replayMessage(_ r: RunReplay) -> String {
        let sent = r.sentRows
        return JSONValue.object([
            ("type", .string("replay")), ("directory", .string(r.directory)), ("columns", .array(r.columns.map { .string($0) })),
            ("rows_in_file", .int(r.rows.count)),
            ("rows", .array(sent.map { i in .array(r.rows[i].map { .number($0) }) })),
            ("frames", .array(r.frameTicks.prefix(RunReplay.maxRowsSent * 4).map { .int($0) })),
        ]).rendered()
    }

    /// The state sent with each frame.
    func state() -> String {
        var fields: [(String, JSONValue)] = [
            ("type", .string("tick")), ("tick", .int(session.tick)), ("playing", .bool(playing || pendingSteps > 0)),
            ("ticks_per_second", .number(ticksPerSecond)), ("rate", .number(rate)), ("forked", .bool(session.isForked)),
            ("fork_tick", session.forkTick.map { .int($0) } ?? .null), ("recording", .bool(session.recordingSince != nil)),
            ("a", .array(session.metricsA.map { .number($0) })),
        ]
        if session.isForked { fields.append(("b", .array(session.metricsB.map { .number($0) }))) }
        fields.append(("events", .array(pendingEvents)))
        pendingEvents.removeAll()
        return JSONValue.object(fields).rendered()
    }
}
