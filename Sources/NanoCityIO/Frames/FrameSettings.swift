import NanoCityModel

/// The world file's `[frames]` table: how frames are drawn by default. Presentation, not
/// model: the simulation never reads it, so it lives beside the world's parameters (`World`),
/// not in them, and it is not schedulable or sweepable.
public struct FrameSettings: Sendable, Equatable {
    /// What frames show by default.
    public var layer = FrameLayer.city
    /// Crime attractiveness at the top of the colour map (0 = 10 × `crime.a0`), 1/time.
    public var attractivenessMax = 0.0
    /// Pixels per cell, 0…64 (0 = automatic, about 512 px across).
    public var scale = 0
    /// Toxicity at the top of the colour map, tox.
    public var toxicityMax = 2.0
    /// Waste at the top of the colour map, mass.
    public var wasteMax = 2.0

    public init() {}

    public typealias Spec = SettingSpec<FrameSettings>

    static let huge = 1e12

    /// Every `frames.*` key, in README order (after the model's parameters).
    public static let catalog: [Spec] = [
        .choice("frames.layer", \.layer, "what frames show by default: `city` (terrain, toxicity, every agent) or `attractiveness` (crime heat map A with the crew); `run --layers` chooses freely", schedulable: false),
        .num("frames.attractiveness_max", \.attractivenessMax, 0...huge, "1/time", "A drawn at the top of the colour map in the attractiveness layer, fixed for the run (0 = 10 × crime.a0)", schedulable: false),
        .int("frames.scale", \.scale, 0...64, "px/cell", "pixels per cell in frames (0 = auto, about 512 px across)", schedulable: false),
        .num("frames.toxicity_max", \.toxicityMax, 0.000001...huge, "tox", "toxicity at the top of the colour map, fixed for the run", schedulable: false),
        .num("frames.waste_max", \.wasteMax, 0.000001...huge, "mass", "waste at the top of the colour map (waste layer), fixed for the run", schedulable: false),
    ]

    /// The setting for a `frames.*` key, or nil.
    public static func spec(for key: String) -> Spec? { catalog.first { $0.key == key } }
}

/// What frames show (`frames.layer`).
public enum FrameLayer: String, Sendable, CaseIterable {
    /// Terrain, waste, toxicity heat map, sensors and agents.
    case city
    /// The crime attractiveness A as a heat map, with crew members as dots.
    case attractiveness
}
