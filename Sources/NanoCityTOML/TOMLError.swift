/// Why a TOML text was rejected, and where: the first problem found.
public struct TOMLError: Error, Sendable, Equatable, CustomStringConvertible {
    public let position: TOMLPosition
    public let message: String

    public init(_ message: String, at position: TOMLPosition) {
        self.message = message
        self.position = position
    }

    public var line: Int { position.line }

    public var description: String { "\(position): \(message)" }
}
