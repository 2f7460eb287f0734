import NanoCityModel

/// A field a frame can colour its cells by.
public enum FrameField: String, Sendable, CaseIterable {
    case toxicity, waste, attractiveness

    /// Label and unit shown on the colour bar.
    public var label: String {
        switch self {
        case .toxicity: "toxicity (tox)"
        case .waste: "waste (mass)"
        case .attractiveness: "crime attractiveness A (1/time)"
        }
    }
}
