/// A capsule that cannot be made or read, with what to do about it.
public enum CapsuleError: Error, Sendable, CustomStringConvertible {
    /// The directory or capsule is not what the command needs (exit 2).
    case input(String)
    /// Something could not be written (exit 3).
    case io(path: String, message: String)

    public var description: String {
        switch self {
        case .input(let m): return m
        case .io(let p, let m): return "\(p): \(m)"
        }
    }
}
