import Foundation
import Testing
@testable import NanoCityIO
import NanoCityModel

/// `manifest.json` is written through `JSONValue` and read back through `ManifestRecord`.
@Suite struct ManifestRecordTests {
    static func manifest() throws -> (JSONValue, World, CityMap) {
        var world = try WorldFile.parse(text: "[[zone]]\nname = \"quarter\"\nrect = [33, 1, 63, 31]\n", origin: "zones.toml", baseDirectory: ".")
        try world.applyOverrides(["guards.count=7", "sensors.density=0.25", "containment.enabled=true"])
        let map = try world.buildMap()
        var options = RunOptions(ticks: 30, seed: UInt64.max)
        options.frameEvery = 5
        options.commandLine = ["nanocity", "run", "--frame-scale", "2"]
        let m = Manifest.build(world: world, map: map, fingerprint: 0xabc, options: options, status: RunStatus.interrupted(atTick: 12).description,
                               ticksCompleted: 12, started: Date(timeIntervalSince1970: 0), wallSeconds: 1.25,
                               extra: [("from_checkpoint", .object([("tick", .int(4))])), ("resumed_from_tick", .int(8))])
        return (m, world, map)
    }

    @Test func everyWrittenKeyIsReadOrDeclaredUnread() throws {
        let (m, _, _) = try Self.manifest()
        guard case .object(let kv) = m else { Issue.record("not an object"); return }
        let read = Set(ManifestRecord.CodingKeys.allCases.map(\.rawValue))
        #expect(read.isDisjoint(with: ManifestRecord.unreadKeys))
        let unknown = Set(kv.map(\.0)).subtracting(read).subtracting(ManifestRecord.unreadKeys)
        #expect(unknown.isEmpty, "written but neither read by ManifestRecord nor in ManifestRecord.unreadKeys: \(unknown.sorted())")
    }

    @Test func valuesComeBackAsWritten() throws {
        let (m, world, map) = try Self.manifest()
        let r = try JSONRecord.decode(ManifestRecord.self, from: Data(m.rendered().utf8), path: "manifest.json")
        #expect(r.program == "nanocity" && r.runStatus == .interrupted(atTick: 12) && r.seed == String(UInt64.max))
        #expect(r.runFingerprint == "abc" && r.ticks == 30 && r.ticksCompleted == 12 && r.frameEvery == 5 && r.snapshotEvery == 0)
        #expect(r.commandLine == ["nanocity", "run", "--frame-scale", "2"] && r.fromCheckpoint?.tick == 4 && r.wallTimeSeconds == 1.25)
        #expect(r.map?.width == map.size.width && r.map?.height == map.size.height && r.map?.centres == map.centres.count)
        #expect(r.overrides?["guards.count"] == .int(7) && r.overrides?["sensors.density"] == .number(0.25) && r.overrides?["containment.enabled"] == .bool(true))
        #expect(r.parameters?["scale.metres_per_cell"]?.number == world.parameters.scale.metresPerCell)
        #expect(r.parameters?["zones.quarter.guards"] == .int(0))
        let names = MetricCatalog.columns(for: map).map(\.name)
        #expect(r.metrics?.map(\.name) == names && r.metrics?.allSatisfy { $0.metricKind != nil } == true)
        #expect(r.build?.configuration == NanoCityVersion.configuration)
    }

    @Test func aWrongTypeIsNamed() throws {
        let (m, _, _) = try Self.manifest()
        let text = m.rendered().replacingOccurrences(of: "\"ticks_completed\": 12", with: "\"ticks_completed\": \"12\"")
        do {
            _ = try JSONRecord.decode(ManifestRecord.self, from: Data(text.utf8), path: "run/manifest.json")
            Issue.record("a string tick count was accepted")
        } catch {
            #expect(error.description == "run/manifest.json: key `ticks_completed` is not a whole number", "\(error)")
        }
    }
}
