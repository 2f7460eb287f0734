import NanoCityEngine
import NanoCityModel

/// A checkpoint that cannot be used, and why.
public struct CheckpointError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let message: String
    public var description: String { "checkpoint \(path) \(message)" }
}
