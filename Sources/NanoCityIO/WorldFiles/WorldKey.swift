import NanoCityModel

/// A dotted key a world file or `--set` may name: one of the model's parameters
/// (`ParameterCatalog`) or one of the frame settings (`FrameSettings.catalog`).
public enum WorldKey: Sendable {
    case parameter(ParameterSpec)
    case frame(FrameSettings.Spec)

    /// Every key a world file takes, model parameters first (the README table's order).
    public static var allKeys: [String] { ParameterCatalog.all.map(\.key) + FrameSettings.catalog.map(\.key) }

    /// The setting for `key`, or nil when neither catalog has it.
    public static func known(_ key: String) -> WorldKey? {
        if let f = FrameSettings.spec(for: key) { return .frame(f) }
        return ParameterCatalog.spec(for: key).map(WorldKey.parameter)
    }

    /// The setting for `key`, or an unknown-key error with the closest key of either catalog.
    public static func lookup(_ key: String) -> Result<WorldKey, ParameterError> {
        if let known = known(key) { return .success(known) }
        if key == "frames" { return .failure(.sectionNotValue(key: key, example: "frames.scale = 4")) }
        switch ParameterCatalog.lookup(key) {
        case .success(let spec): return .success(.parameter(spec))  // not reached: `known` has it
        case .failure(.unknownKey(let k, _)): return .failure(.unknownKey(key: k, suggestion: ParameterCatalog.suggestion(for: k, among: allKeys)))
        case .failure(let e): return .failure(e)
        }
    }

    public var key: String {
        switch self {
        case .parameter(let s): s.key
        case .frame(let s): s.key
        }
    }

    public var type: ParameterType {
        switch self {
        case .parameter(let s): s.type
        case .frame(let s): s.type
        }
    }

    /// Checks type and range (see `SettingSpec.coerce`).
    public func coerce(_ value: ParameterValue) -> Result<ParameterValue, ParameterError> {
        switch self {
        case .parameter(let s): s.coerce(value)
        case .frame(let s): s.coerce(value)
        }
    }

    /// Parses a command-line spelling (see `SettingSpec.parse`).
    public func parse(_ text: String) -> Result<ParameterValue, ParameterError> {
        switch self {
        case .parameter(let s): s.parse(text)
        case .frame(let s): s.parse(text)
        }
    }

    /// Stores an already checked value in `world`.
    public func apply(_ value: ParameterValue, to world: inout World) {
        switch self {
        case .parameter(let s): s.apply(value, to: &world.parameters)
        case .frame(let s): s.apply(value, to: &world.frames)
        }
    }
}
