import NanoCityEngine

/// The type and allowed values of one parameter.
public enum ParameterType: Sendable {
    case int(ClosedRange<Int>)
    case double(ClosedRange<Double>)
    case bool
    case choice([String])
    case text

    /// What is allowed, as shown in error messages and the README table.
    public var allowed: String {
        switch self {
        case .int(let r): return "an integer in \(r.lowerBound)...\(r.upperBound)"
        case .double(let r): return "a number in \(ParameterValue.format(r.lowerBound))...\(ParameterValue.format(r.upperBound))"
        case .bool: return "true or false"
        case .choice(let c): return "one of " + c.map { "\"\($0)\"" }.joined(separator: ", ")
        case .text: return "a string"
        }
    }
}

/// What a schedule entry (or a fork's arm) must rebuild after changing a parameter mid-run.
public enum ScheduleEffect: String, Sendable, CaseIterable {
    /// The new value is simply read from then on.
    case none
    /// Recyclers are added or removed until there are `recyclers.count`.
    case reconcileRecyclers = "reconcile recyclers"
    /// Scavengers are added or removed until there are `scavengers.count`.
    case reconcileScavengers = "reconcile scavengers"
    /// Crew members (free or jailed) are added or removed until there are `crew.count`.
    case reconcileCrew = "reconcile crew"
    /// Guards are added or removed until there are `guards.count`.
    case reconcileGuards = "reconcile guards"
    /// Sensors are placed afresh (density, hardening and coverage radius).
    case replaceSensors = "re-place sensors"
    /// The reported-crime window is resized (and emptied).
    case resizeCrimeWindow = "resize the crime window"
    /// The city's education level (state) is set to the new value.
    case setEducationLevel = "set the education level"

    /// The population this effect brings to its `count`, if it is one of those.
    public var population: AgentKind? {
        switch self {
        case .reconcileRecyclers: .recycler
        case .reconcileScavengers: .scavenger
        case .reconcileCrew: .crew
        case .reconcileGuards: .guardian
        case .none, .replaceSensors, .resizeCrimeWindow, .setEducationLevel: nil
        }
    }
}

/// One world parameter: its dotted key, type, unit, meaning and how to read and write it.
public struct ParameterSpec: Sendable {
    /// Dotted key, e.g. `guards.count`; the world file's `[guards]` table, key `count`.
    public let key: String
    public let type: ParameterType
    /// Unit, e.g. "mass/tick"; empty for dimensionless.
    public let unit: String
    /// One-line meaning, shown in the README table.
    public let doc: String
    /// Whether a `[[schedule]]` entry may change it mid-run.
    public let schedulable: Bool
    /// What changing it mid-run rebuilds.
    public var effect: ScheduleEffect = .none
    let read: @Sendable (WorldParameters) -> ParameterValue
    let write: @Sendable (inout WorldParameters, ParameterValue) -> Void

    /// The current value in `params`.
    public func value(in params: WorldParameters) -> ParameterValue { read(params) }

    /// Checks type and range, converting an integer to a number where a number is expected.
    public func coerce(_ value: ParameterValue) -> Result<ParameterValue, ParameterError> {
        let bad = ParameterError.badValue(key: key, got: value.description, allowed: type.allowed)
        switch (type, value) {
        case (.int(let r), .int(let v)):
            return r.contains(v) ? .success(value) : .failure(bad)
        case (.double(let r), .int(let v)):
            return r.contains(Double(v)) ? .success(.double(Double(v))) : .failure(bad)
        case (.double(let r), .double(let v)):
            return v.isFinite && r.contains(v) ? .success(value) : .failure(bad)
        case (.bool, .bool), (.text, .string):
            return .success(value)
        case (.choice(let c), .string(let s)):
            return c.contains(s) ? .success(value) : .failure(bad)
        default:
            return .failure(bad)
        }
    }

    /// Parses a command-line spelling (`--set key=TEXT`, `--vary key=TEXT,…`) into a checked value.
    public func parse(_ text: String) -> Result<ParameterValue, ParameterError> {
        let t = text.trimmedSpaces()
        let bad = ParameterError.badValue(key: key, got: text, allowed: type.allowed)
        switch type {
        case .int:
            guard let v = Int(t) else { return .failure(bad) }
            return coerce(.int(v))
        case .double:
            guard let v = Double(t) else { return .failure(bad) }
            return coerce(.double(v))
        case .bool:
            switch t.lowercased() {
            case "true", "1", "yes": return .success(.bool(true))
            case "false", "0", "no": return .success(.bool(false))
            default: return .failure(bad)
            }
        case .choice:
            var s = t
            if s.count >= 2, s.hasPrefix("\""), s.hasSuffix("\"") { s = String(s.dropFirst().dropLast()) }
            return coerce(.string(s))
        case .text:
            return .success(.string(t))
        }
    }

    /// The same parameter with a declared schedule effect.
    func rebuilding(_ e: ScheduleEffect) -> ParameterSpec {
        var s = self
        s.effect = e
        return s
    }

    /// Stores an already checked value.
    public func apply(_ value: ParameterValue, to params: inout WorldParameters) {
        write(&params, value)
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs (the model does not import Foundation).
    func trimmedSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
