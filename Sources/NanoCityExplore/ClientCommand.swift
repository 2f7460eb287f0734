import Foundation
import NanoCityIO

/// What the page asks of the session, one JSON object per WebSocket text message, e.g.
/// `{"op":"set","key":"guards.count","value":"20","branch":"b"}`.
public struct ClientCommand: Sendable, Equatable, Decodable {
    public enum Op: String, Sendable, Decodable, CaseIterable {
        case play, pause, step, speed, set, fork, unfork, layers
        case saveWorld = "save_world"
        case saveCheckpoint = "save_checkpoint"
        case record
        case stopRecording = "stop_recording"
        /// Opens a finished run's directory (`path`) for the scrubber.
        case openRun = "open_run"
        /// The opened run's frame at or before `tick`.
        case replayFrame = "replay_frame"
    }

    /// Largest command message read (a command is tens of bytes).
    public static let maxBytes = 4096
    /// Longest key or value text.
    public static let maxText = 256
    /// Longest path.
    public static let maxPath = 2048
    /// Most ticks one `step` asks for.
    public static let maxSteps = 100_000
    /// Fastest paced speed, ticks per second (0 is "as fast as it goes").
    public static let maxSpeed = 100_000.0

    public var op: Op
    public var key: String?
    public var value: String?
    public var branch: BranchName?
    /// `speed`: ticks per second, 0 for full speed.
    public var ticksPerSecond: Double?
    /// `step`: how many ticks (default 1).
    public var count: Int?
    /// `layers`: what frames show, as `run --layers` reads it.
    public var layers: String?
    /// `open_run`: a run directory.
    public var path: String?
    /// `replay_frame`: the tick.
    public var tick: Int?

    enum CodingKeys: String, CodingKey {
        case op, key, value, branch, count, layers, path, tick
        case ticksPerSecond = "ticks_per_second"
    }

    public init(op: Op, key: String? = nil, value: String? = nil, branch: BranchName? = nil, ticksPerSecond: Double? = nil,
                count: Int? = nil, layers: String? = nil, path: String? = nil, tick: Int? = nil) {
        self.op = op; self.key = key; self.value = value; self.branch = branch
        self.ticksPerSecond = ticksPerSecond; self.count = count; self.layers = layers
        self.path = path; self.tick = tick
    }

    /// Reads and checks one message: size, JSON shape, and what its op needs.
    public static func decode(_ bytes: [UInt8]) throws(CommandError) -> ClientCommand {
        guard bytes.count <= maxBytes else { throw .tooLarge(bytes.count) }
        let c: ClientCommand
        do { c = try JSONDecoder().decode(ClientCommand.self, from: Data(bytes)) }
        catch let e as DecodingError { throw .malformed(JSONRecord.describe(e)) }
        catch { throw .malformed("is not JSON") }
        for (name, text) in [("key", c.key), ("value", c.value), ("layers", c.layers)] {
            if let text, text.utf8.count > maxText { throw .invalid("`\(name)` is longer than \(maxText) bytes") }
        }
        if let p = c.path, p.utf8.count > maxPath { throw .invalid("`path` is longer than \(maxPath) bytes") }
        switch c.op {
        case .set:
            guard c.key != nil, c.value != nil else { throw .invalid("`set` needs `key` and `value`") }
        case .speed:
            guard let s = c.ticksPerSecond, s.isFinite, s >= 0, s <= maxSpeed else {
                throw .invalid("`speed` needs `ticks_per_second` in 0…\(Int(maxSpeed)) (0 = as fast as it goes)")
            }
        case .step:
            if let n = c.count, !(1...maxSteps).contains(n) { throw .invalid("`step` takes `count` in 1…\(maxSteps)") }
        case .layers:
            guard let l = c.layers else { throw .invalid("`layers` needs `layers`, e.g. \"terrain,toxicity,agents\"") }
            do throws(FrameLayersError) { _ = try FrameLayers.parse(l) } catch { throw .invalid("\(error)") }
        case .openRun:
            guard let p = c.path, !p.isEmpty else { throw .invalid("`open_run` needs `path`, a run's directory") }
        case .replayFrame:
            guard let t = c.tick, t >= 0 else { throw .invalid("`replay_frame` needs `tick` ≥ 0") }
        case .play, .pause, .fork, .unfork, .saveWorld, .saveCheckpoint, .record, .stopRecording: break
        }
        return c
    }
}

/// A command message the session cannot read.
public enum CommandError: Error, CustomStringConvertible, Sendable, Equatable {
    case tooLarge(Int)
    case malformed(String)
    case invalid(String)

    public var description: String {
        switch self {
        case .tooLarge(let n): "command of \(n) bytes; at most \(ClientCommand.maxBytes)"
        case .malformed(let m): "command \(m); send {\"op\": …} with op one of "
            + ClientCommand.Op.allCases.map(\.rawValue).joined(separator: ", ")
        case .invalid(let m): m
        }
    }
}
