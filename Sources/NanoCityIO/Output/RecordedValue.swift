import NanoCityModel

/// A parameter value as `manifest.json` or `sweep.json` records it (`Manifest.json`): a whole
/// number, a number, a boolean or a string — never nested, so decoding one cannot recurse.
public enum RecordedValue: Decodable, Sendable, Equatable {
    case int(Int)
    case number(Double)
    case bool(Bool)
    case string(String)

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int.self) { self = .int(i) }
        else if let d = try? c.decode(Double.self) { self = .number(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else { throw DecodingError.dataCorruptedError(in: c, debugDescription: "a number, a boolean or a string") }
    }

    /// The value as the parameter catalog takes it (before `ParameterSpec.coerce`).
    public var parameterValue: ParameterValue {
        switch self {
        case .int(let i): return .int(i)
        case .number(let d): return .double(d)
        case .bool(let b): return .bool(b)
        case .string(let s): return .string(s)
        }
    }

    /// The value as a number, when it is one (a boolean is not).
    public var number: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .number(let d): return d
        case .bool, .string: return nil
        }
    }

    /// As `--set KEY=VALUE` spells it.
    public var text: String {
        switch self {
        case .int(let i): return String(i)
        case .number(let d): return String(d)
        case .bool(let b): return b ? "true" : "false"
        case .string(let s): return s
        }
    }
}
