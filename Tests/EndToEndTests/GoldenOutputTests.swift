import Foundation
import NanoCityEngine
import Testing

/// Byte-identical outputs across refactors and kernel rewrites: FNV-1a 64 fingerprints of
/// `metrics.csv` and `events.csv` for every shipped world, recorded with the release of
/// 2026-11-25 (3dce6fb, itself identical to 759e294). A change that alters any output fails
/// here; an intended model change updates the table and says so (model version, README).
@Suite struct GoldenOutputTests {
    struct Golden: Sendable, CustomStringConvertible {
        let world: String, ticks: Int, seed: Int, metrics: String, events: String
        var description: String { "\(world) seed \(seed)" }
    }

    static let table: [Golden] = [
        Golden(world: "default", ticks: 80, seed: 1, metrics: "b6c5501f577dff68", events: "cf6c2ab5841de6a6"),
        Golden(world: "default", ticks: 80, seed: 5, metrics: "b4c26e2306e824c4", events: "142ec561504c398f"),
        Golden(world: "heist", ticks: 120, seed: 2, metrics: "8150ac8f3339cdb1", events: "78bd751a428b0a75"),
        Golden(world: "harbour", ticks: 80, seed: 3, metrics: "ebf85e4d4d808f07", events: "b8786fac29a48dae"),
        Golden(world: "harbour-image", ticks: 60, seed: 4, metrics: "5b77a857b2492ee2", events: "6229d282ff07744b"),
        Golden(world: "ringtown", ticks: 60, seed: 6, metrics: "7725fd04b54052c3", events: "972973023b50ceab"),
        Golden(world: "short2008", ticks: 60, seed: 7, metrics: "ce1898116190fedc", events: "9695cf197ae897af"),
        Golden(world: "metropolis", ticks: 8, seed: 5, metrics: "2128535bd45407e5", events: "c90ad8b578dda4c8")
    ]

    @Test(arguments: table)
    func outputsAreByteIdentical(_ g: Golden) throws {
        let dir = CLI.tempDir("golden")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try CLI.run(["run", CLI.repoRoot + "/worlds/\(g.world).toml", "--ticks", "\(g.ticks)", "--seed", "\(g.seed)",
                             "--out", dir + "/out", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let metrics = try Data(contentsOf: URL(fileURLWithPath: dir + "/out/metrics.csv"))
        let events = try Data(contentsOf: URL(fileURLWithPath: dir + "/out/events.csv"))
        #expect(FNV1a.hex(metrics) == g.metrics, "metrics.csv of \(g) changed")
        #expect(FNV1a.hex(events) == g.events, "events.csv of \(g) changed")
    }
}
