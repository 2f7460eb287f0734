import NanoCityModel

/// A `--layers` value that cannot be read.
public struct FrameLayersError: Error, CustomStringConvertible, Sendable {
    public var text: String
    public var message: String
    public var description: String { "--layers \(text): \(message)" }
}
