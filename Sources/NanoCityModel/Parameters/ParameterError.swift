import NanoCityEngine

/// A problem with a parameter, naming the key and what is allowed.
public enum ParameterError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownKey(key: String, suggestion: String?)
    /// A section name (`guards`) given a value instead of keys.
    case sectionNotValue(key: String, example: String)
    case badValue(key: String, got: String, allowed: String)
    case notSchedulable(key: String)
    case malformedAssignment(String)
    case inconsistent(key: String, message: String)
    /// A `zones.<zone>.<lever>` key that names no lever or no valid zone.
    case unknownZoneKey(key: String, suggestion: String?, hint: String)

    public var key: String? {
        switch self {
        case .unknownKey(let k, _), .badValue(let k, _, _), .notSchedulable(let k), .inconsistent(let k, _),
             .sectionNotValue(let k, _), .unknownZoneKey(let k, _, _): return k
        case .malformedAssignment: return nil
        }
    }

    public var description: String {
        switch self {
        case .unknownKey(let k, let s):
            return "unknown key '\(k)'" + (s.map { " (did you mean '\($0)'?)" } ?? "")
                + "; `nanocity params` lists every key"
        case .sectionNotValue(let k, let example):
            return "'\(k)' is a section, not a value: set one of its keys, e.g. \(example)"
        case .badValue(let k, let got, let allowed):
            return "\(k) = \(got) is not allowed: \(k) takes \(allowed)"
        case .notSchedulable(let k):
            return "\(k) cannot be changed by a schedule entry (it is fixed when the world is built)"
        case .malformedAssignment(let s):
            return "'\(s)' is not of the form dotted.key=value"
        case .inconsistent(let k, let m):
            return "\(k): \(m)"
        case .unknownZoneKey(let k, let s, let hint):
            return "unknown key '\(k)'" + (s.map { " (did you mean '\($0)'?)" } ?? "") + "; \(hint)"
        }
    }
}
