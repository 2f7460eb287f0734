import Foundation

import NanoCityModel

/// What frames show (`--layers`): terrain, at most one field, and a set of agent layers.
public struct FrameLayers: Sendable, Equatable {
    public var terrain: Bool
    public var field: FrameField?
    public var agents: Set<FrameAgentLayer>

    public init(terrain: Bool, field: FrameField?, agents: Set<FrameAgentLayer>) {
        self.terrain = terrain
        self.field = field
        self.agents = agents
    }

    /// The layers a world's `frames.layer` asks for: `city` is terrain, toxicity and every
    /// agent; `attractiveness` is the crime heat map with the crew.
    public static func defaults(for layer: FrameLayer) -> FrameLayers {
        switch layer {
        case .city: FrameLayers(terrain: true, field: .toxicity, agents: Set(FrameAgentLayer.allCases))
        case .attractiveness: FrameLayers(terrain: false, field: .attractiveness, agents: [.crew])
        }
    }

    /// Every word `--layers` takes.
    public static let words = ["terrain"] + FrameField.allCases.map(\.rawValue) + ["agents"]
        + FrameAgentLayer.allCases.map(\.rawValue) + ["none"]

    /// Parses a comma-separated list such as `terrain,toxicity,agents` or `waste,crew,guards`
    /// (`agents` means all five agent layers; `none` is an empty frame of terrain colour).
    public static func parse(_ text: String) throws(FrameLayersError) -> FrameLayers {
        var layers = FrameLayers(terrain: false, field: nil, agents: [])
        let words = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard words.count <= 16 else { throw FrameLayersError(text: text, message: "at most 16 layers") }
        for w in words {
            if w == "terrain" {
                layers.terrain = true
            } else if let f = FrameField(rawValue: w) {
                if let other = layers.field, other != f {
                    throw FrameLayersError(text: text, message: "one field at a time (`\(other.rawValue)` and `\(f.rawValue)` given)")
                }
                layers.field = f
            } else if w == "agents" {
                layers.agents.formUnion(FrameAgentLayer.allCases)
            } else if let a = FrameAgentLayer(rawValue: w) {
                layers.agents.insert(a)
            } else if w == "none" {
                continue
            } else {
                throw FrameLayersError(text: text, message: "unknown layer `\(w)`; layers are \(Self.words.joined(separator: ", "))")
            }
        }
        return layers
    }
}
