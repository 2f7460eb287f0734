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
    /// Informants are added or removed until there are `informants.count`.
    case reconcileInformants = "reconcile informants"
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
        case .reconcileGuards: .guard
        case .reconcileInformants: .informant
        case .none, .replaceSensors, .resizeCrimeWindow, .setEducationLevel: nil
        }
    }
}

/// One world parameter (a `WorldParameters` key, the model's).
public typealias ParameterSpec = SettingSpec<WorldParameters>

/// One setting of a world file: its dotted key, type, unit, meaning and how to read and write
/// it in `Root` (the model's `WorldParameters`, or a layer's own settings such as frames).
public struct SettingSpec<Root>: Sendable {
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
    let read: @Sendable (Root) -> ParameterValue
    let write: @Sendable (inout Root, ParameterValue) -> Void

    public init(key: String, type: ParameterType, unit: String, doc: String, schedulable: Bool,
                read: @escaping @Sendable (Root) -> ParameterValue, write: @escaping @Sendable (inout Root, ParameterValue) -> Void) {
        self.key = key
        self.type = type
        self.unit = unit
        self.doc = doc
        self.schedulable = schedulable
        self.read = read
        self.write = write
    }

    /// The current value in `params`.
    public func value(in params: Root) -> ParameterValue { read(params) }

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

    /// Whether `t` is a plain decimal number: optional sign, digits with at most one point,
    /// optional exponent — no hex, no `nan`/`inf`, no underscores.
    public static func isDecimal(_ t: String) -> Bool {
        var u = Substring(t).utf8[...]
        if let f = u.first, f == UInt8(ascii: "+") || f == UInt8(ascii: "-") { u = u.dropFirst() }
        var digits = 0, point = false, exponent = false, expDigits = 0
        var i = u.startIndex
        while i < u.endIndex {
            let c = u[i]
            if c >= 0x30 && c <= 0x39 { if exponent { expDigits += 1 } else { digits += 1 } }
            else if c == UInt8(ascii: ".") && !point && !exponent { point = true }
            else if (c == UInt8(ascii: "e") || c == UInt8(ascii: "E")) && !exponent && digits > 0 {
                exponent = true
                let n = u.index(after: i)
                if n < u.endIndex, u[n] == UInt8(ascii: "+") || u[n] == UInt8(ascii: "-") { i = n }
            } else { return false }
            i = u.index(after: i)
        }
        return digits > 0 && (!exponent || expDigits > 0)
    }

    /// Parses a command-line spelling (`--set key=TEXT`, `--vary key=TEXT,…`) into a checked value.
    public func parse(_ text: String) -> Result<ParameterValue, ParameterError> {
        let t = text.trimmedSpaces()
        let bad = ParameterError.badValue(key: key, got: text, allowed: type.allowed)
        switch type {
        case .int:
            guard Self.isDecimal(t), let v = Int(t) else { return .failure(bad) }
            return coerce(.int(v))
        case .double:
            // Decimal notation only, as world files take it: Swift's Double("0x1p10") would
            // read a hex float, and "nan" or "inf" are no parameter's value.
            guard Self.isDecimal(t), let v = Double(t) else { return .failure(bad) }
            return coerce(.double(v))
        case .bool:
            // Exactly what the message offers (and TOML writes): true or false.
            switch t {
            case "true": return .success(.bool(true))
            case "false": return .success(.bool(false))
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
    func rebuilding(_ e: ScheduleEffect) -> SettingSpec {
        var s = self
        s.effect = e
        return s
    }

    /// Stores an already checked value.
    public func apply(_ value: ParameterValue, to params: inout Root) {
        write(&params, value)
    }
}

extension SettingSpec {
    public typealias Path<V> = WritableKeyPath<Root, V> & Sendable

    public static func int(_ key: String, _ kp: Path<Int>, _ range: ClosedRange<Int>, _ unit: String, _ doc: String,
                           schedulable: Bool = true) -> SettingSpec {
        SettingSpec(key: key, type: .int(range), unit: unit, doc: doc, schedulable: schedulable,
                    read: { .int($0[keyPath: kp]) },
                    write: { p, v in if case .int(let x) = v { p[keyPath: kp] = x } })
    }
    public static func num(_ key: String, _ kp: Path<Double>, _ range: ClosedRange<Double>, _ unit: String, _ doc: String,
                           schedulable: Bool = true) -> SettingSpec {
        SettingSpec(key: key, type: .double(range), unit: unit, doc: doc, schedulable: schedulable,
                    read: { .double($0[keyPath: kp]) },
                    write: { p, v in if case .double(let x) = v { p[keyPath: kp] = x } })
    }
    public static func bool(_ key: String, _ kp: Path<Bool>, _ unit: String, _ doc: String) -> SettingSpec {
        SettingSpec(key: key, type: .bool, unit: unit, doc: doc, schedulable: true,
                    read: { .bool($0[keyPath: kp]) },
                    write: { p, v in if case .bool(let x) = v { p[keyPath: kp] = x } })
    }
    public static func text(_ key: String, _ kp: Path<String>, _ doc: String) -> SettingSpec {
        SettingSpec(key: key, type: .text, unit: "", doc: doc, schedulable: false,
                    read: { .string($0[keyPath: kp]) },
                    write: { p, v in if case .string(let x) = v { p[keyPath: kp] = x } })
    }
    public static func choice<E: RawRepresentable & CaseIterable & Sendable>(
        _ key: String, _ kp: Path<E>, _ doc: String, schedulable: Bool = true
    ) -> SettingSpec where E.RawValue == String {
        SettingSpec(key: key, type: .choice(E.allCases.map(\.rawValue)), unit: "", doc: doc, schedulable: schedulable,
                    read: { .string($0[keyPath: kp].rawValue) },
                    write: { p, v in if case .string(let x) = v, let e = E(rawValue: x) { p[keyPath: kp] = e } })
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
