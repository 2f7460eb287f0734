import Foundation
import Testing
@testable import NanoCityIO
import NanoCityEngine
import NanoCityModel

/// `[frames]` is a world-file table read into `World.frames`, apart from the model's
/// parameters: the simulation never sees it, but files, `--set`, manifests and checkpoints do.
@Suite struct FrameSettingsTests {
    func parse(_ text: String) throws(WorldError) -> World {
        try WorldFile.parse(text: text, origin: "f.toml", baseDirectory: "/tmp")
    }

    @Test func worldFilesAndSetReachTheFrameSettings() throws {
        var w = try parse("[frames]\nscale = 3\nlayer = \"attractiveness\"\n")
        #expect(w.frames.scale == 3 && w.frames.layer == .attractiveness)
        #expect(w.parameters == WorldParameters(), "frame settings must not touch the model's parameters")
        try w.applyOverrides(["frames.toxicity_max=8", "guards.count=2"])
        #expect(w.frames.toxicityMax == 8 && w.parameters.guards.count == 2)
        // The manifest lists them after the model's parameters, under the same keys as before.
        guard case .object(let fields) = Manifest.parameters(w) else { Issue.record("not an object"); return }
        #expect(fields.map(\.0).suffix(FrameSettings.catalog.count) == FrameSettings.catalog.map(\.key))
        #expect(fields.first { $0.0 == "frames.scale" }?.1 == .int(3))
    }

    @Test func frameKeysHaveTheirOwnMessages() {
        // Out of range, unknown with a suggestion from either catalog, and not schedulable.
        for (text, needle) in [("[frames]\nscale = 65\n", "frames.scale = 65 is not allowed"),
                               ("[frame]\nscale = 2\n", "did you mean 'frames.scale'?"),
                               ("frames = 2\n", "'frames' is a section"),
                               ("[[schedule]]\ntick = 3\nset = { \"frames.scale\" = 2 }\n", "frame setting, fixed for the run")] {
            do {
                _ = try parse(text)
                Issue.record("accepted: \(text)")
            } catch {
                #expect(error.problems.contains { $0.description.contains(needle) }, "\(text): \(error.problems)")
            }
        }
    }

    @Test func checkpointsCarryTheFrameSettings() throws {
        var world = try parse("[frames]\nscale = 5\nwaste_max = 7.5\n")
        world.parameters.recyclers.count = 3
        let map = try CityMap(ascii: "......\n.HC...\n.GX.r.\n..ip..")
        let city = City(map: map, parameters: world.parameters, seed: 4)
        let bytes = Checkpoint.encode(world: world, map: map, city: city, seed: 4, ticks: 10)
        let back = try Checkpoint.decode(bytes, path: "c.bin")
        #expect(back.world.frames == world.frames)
        #expect(back.world.parameters == world.parameters)
        // Frame settings are part of the run's identity: a resume with other frames is refused.
        var other = world
        other.frames.scale = 6
        #expect(RunFingerprint.of(world: other, seed: 4) != RunFingerprint.of(world: world, seed: 4))
    }
}
