import NanoCityEngine

/// A parameter value as written in a world file or on the command line.
public enum ParameterValue: Sendable, Equatable, CustomStringConvertible {
    case int(Int)
    case double(Double)
    case bool(Bool)
    case string(String)

    /// The value as a world file (TOML) would spell it.
    public var description: String {
        switch self {
        case .int(let v): return String(v)
        case .double(let v): return ParameterValue.format(v)
        case .bool(let v): return v ? "true" : "false"
        case .string(let v): return v
        }
    }

    /// Numeric view (ints widen, bools are 0/1), used by sweeps and summaries.
    public var numeric: Double? {
        switch self {
        case .int(let v): return Double(v)
        case .double(let v): return v
        case .bool(let v): return v ? 1 : 0
        case .string: return nil
        }
    }

    /// Shortest round-tripping spelling, with integral values keeping a ".0" so the type stays visible.
    public static func format(_ v: Double) -> String {
        v.description
    }
}
