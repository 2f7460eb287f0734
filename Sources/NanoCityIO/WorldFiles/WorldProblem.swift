/// One problem found in a world file or an override, located by file and line or key.
public struct WorldProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file (or `--set`, `<embedded default>`), as the user named it.
    public var file: String
    public var line: Int?
    public var key: String?
    public var message: String

    public init(file: String, line: Int? = nil, key: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    /// `file:line: message`, the form compilers use, so editors can jump to it.
    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        return s + ": " + message
    }
}

/// Every problem found while loading a world; thrown only when there is at least one.
public struct WorldError: Error, Sendable, CustomStringConvertible {
    public var problems: [WorldProblem]
    public init(_ problems: [WorldProblem]) { self.problems = problems }
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
