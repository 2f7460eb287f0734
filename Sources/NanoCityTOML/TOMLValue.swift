/// A TOML 1.0 value as parsed: every scalar kind the format has, arrays and tables.
///
/// Integers are 64-bit signed (TOML's range); floats are IEEE doubles (`inf`, `nan` allowed);
/// date-times keep every field as written (see `TOMLDateTime`).
public enum TOMLValue: Sendable, Equatable {
    case string(String)
    case integer(Int64)
    case float(Double)
    case boolean(Bool)
    indirect case dateTime(TOMLDateTime)  // indirect: keeps every value 17 bytes, not 90
    case array([TOMLValue])
    case table(TOMLTable)

    /// The kind's name as TOML calls it, for messages ("a TOML array").
    public var typeName: String {
        switch self {
        case .string: "string"
        case .integer: "integer"
        case .float: "float"
        case .boolean: "boolean"
        case .dateTime(let d): d.kind.rawValue
        case .array: "array"
        case .table: "table"
        }
    }

    public var string: String? { if case .string(let s) = self { s } else { nil } }
    /// The integer, when it fits `Int` (always on 64-bit platforms).
    public var int: Int? { if case .integer(let i) = self { Int(exactly: i) } else { nil } }
    public var double: Double? { if case .float(let d) = self { d } else { nil } }
    public var bool: Bool? { if case .boolean(let b) = self { b } else { nil } }
    public var array: [TOMLValue]? { if case .array(let a) = self { a } else { nil } }
    public var table: TOMLTable? { if case .table(let t) = self { t } else { nil } }

    /// The value as TOML would write it when it is a scalar (`--set`-style text); arrays and
    /// tables give nil.
    public var scalarText: String? {
        switch self {
        case .string(let s): s
        case .integer(let i): String(i)
        case .float(let d): d.isNaN ? "nan" : d.isInfinite ? (d < 0 ? "-inf" : "inf") : d.description
        case .boolean(let b): b ? "true" : "false"
        case .dateTime(let d): d.description
        case .array, .table: nil
        }
    }
}
