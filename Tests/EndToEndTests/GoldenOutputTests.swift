import Foundation
import NanoCityEngine
import Testing

/// Byte-identical outputs across refactors and kernel rewrites: FNV-1a 64 fingerprints of
/// `metrics.csv` and `events.csv` for every shipped world, recorded with model version 2
/// (2026-11-28: agents decide from the tick's start on their own random streams, then act in
/// the shuffled order); `short2008`, whose burglars do not use that phase, is unchanged since
/// 3dce6fb. A change that alters any output fails here; an intended model change updates the
/// table and says so (model version, README).
///
/// metrics.csv is fingerprinted on the columns the table was recorded with (`recordedColumns`,
/// `tick` included): a change that only appends columns keeps every recorded column provably
/// identical, and the appended ones are checked by their own tests.
@Suite struct GoldenOutputTests {
    struct Golden: Sendable, CustomStringConvertible {
        let world: String, ticks: Int, seed: Int, metrics: String, events: String
        var description: String { "\(world) seed \(seed)" }
    }

    /// tick + the 43 metrics of model version 2 as recorded (2026-11-28).
    static let recordedColumns = 44

    /// The first `columns` comma-separated fields of every line (metrics.csv has no quoted fields).
    static func projected(_ data: Data, columns: Int) -> Data {
        var out = Data()
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast() {
            out.append(contentsOf: line.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).prefix(columns)
                .joined(separator: [UInt8(ascii: ",")]))
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }

    static let table: [Golden] = [
        Golden(world: "default", ticks: 80, seed: 1, metrics: "f793033fe2b5816c", events: "ff5d3af605b40a56"),
        Golden(world: "default", ticks: 80, seed: 5, metrics: "80a64abf1572d124", events: "c0d9e3abd47244ae"),
        Golden(world: "heist", ticks: 120, seed: 2, metrics: "870c6e56081b81c3", events: "11c833f3adb843af"),
        Golden(world: "harbour", ticks: 80, seed: 3, metrics: "83694bcb72e6fdbf", events: "a03d2501bbf311e3"),
        Golden(world: "harbour-image", ticks: 60, seed: 4, metrics: "e8e121c2781ed6bc", events: "256c375673a895d"),
        Golden(world: "ringtown", ticks: 60, seed: 6, metrics: "90ea4b9890c72d29", events: "b4179cff7a431668"),
        Golden(world: "short2008", ticks: 60, seed: 7, metrics: "ce1898116190fedc", events: "9695cf197ae897af"),
        Golden(world: "metropolis", ticks: 8, seed: 5, metrics: "2a72bf21691fb5dd", events: "c2470438bf665899")
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
        #expect(FNV1a.hex(Self.projected(metrics, columns: Self.recordedColumns)) == g.metrics, "metrics.csv of \(g) changed")
        #expect(FNV1a.hex(events) == g.events, "events.csv of \(g) changed")
    }
}
