/// A file or directory that could not be written.
public struct OutputError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    /// The directory or file was refused as given (not empty, another run's, not a
    /// directory): the command line must change, so commands exit 2 (bad input), not 3.
    public var refused: Bool
    public init(path: String, message: String, refused: Bool = false) {
        self.path = path
        self.message = message
        self.refused = refused
    }
    public var description: String { "\(path): \(message)" }
}
