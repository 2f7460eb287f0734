import Foundation
import Testing
import NanoCityIO
import NanoCityModel
import NanoCityPatterns
@testable import NanoCityAnalysis
import NanoCityExperiments

/// `sweep.json` is written through `JSONValue` and read back through `SweepRecord`: every key a
/// writer puts in it is read or declared unread, the values come back as written, and a damaged
/// plan is refused with the key that is wrong.
@Suite struct SweepRecordTests {
    static let zoneWorld = try! WorldFile.parse(text: "[[zone]]\nname = \"quarter\"\nrect = [33, 1, 63, 31]\nbuffer = 3\n",
                                                origin: "zones.toml", baseDirectory: ".")

    static let patternOptions = CrimePatterns.Options(bands: KnoxBands(space: KnoxAxis(width: 100, count: 3, convention: .labelled),
                                                                       time: KnoxAxis(width: 7, count: 4, convention: .labelled)))

    func topLevelKeys(_ v: JSONValue) -> [String] {
        guard case .object(let kv) = v else { return [] }
        return kv.map(\.0)
    }

    func decode(_ v: JSONValue) throws -> SweepRecord {
        try SweepRecord.decode(Data(v.rendered().utf8), path: "sweep.json")
    }

    func fork(_ dir: String, world: World) throws -> ForkPlan {
        let armsPath = dir + "/arms.toml"
        try "[[arm]]\nname = \"baseline\"\n[[arm]]\nname = \"more\"\nset = { \"guards.count\" = 9, \"sensors.density\" = 0.25 }\n"
            .write(toFile: armsPath, atomically: true, encoding: .utf8)
        var p = try ForkPlan(world: world, worldPath: nil, arms: try ArmsFile(path: armsPath), forkAt: 40, ticks: 60, replicates: 3, baseSeed: 7)
        p.patterns = PatternOutcomes(kinds: [.theft], fromTick: 41, toTick: nil, options: Self.patternOptions)
        return p
    }

    @Test func everyWrittenKeyIsReadOrDeclaredUnread() throws {
        let read = Set(SweepRecord.CodingKeys.allCases.map(\.rawValue))
        #expect(read.isDisjoint(with: SweepRecord.unreadKeys))
        let world = Self.zoneWorld
        var plans: [JSONValue] = []
        let axes = [try SweepAxis.parse("guards.count=1:9"), try SweepAxis.parse("sensors.density=0:0.5")]
        for design in [SweepDesign.grid, .latinHypercube(samples: 4), .sobol(samples: 4), .morris(trajectories: 2, levels: 4)] {
            let a = design == .grid ? [try SweepAxis.parse("guards.count=1,9")] : axes
            var p = try SweepPlan(world: world, worldPath: nil, axes: a, design: design, replicates: 2, baseSeed: 5, ticks: 10,
                                  precision: try PrecisionTarget(relative: 0.1, outcomes: ["thefts_total"], maxReplicates: 8, batch: 2,
                                                                 columns: OutcomeColumns(world: world.parameters)))
            p.patterns = PatternOutcomes(kinds: [.theft, .dump], fromTick: 0, toTick: 9, options: Self.patternOptions)
            plans.append(p.json())
        }
        let dir = NSTemporaryDirectory() + "nanocity-record-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        plans.append(try fork(dir, world: world).json())
        for plan in plans {
            let unknown = Set(topLevelKeys(plan)).subtracting(read).subtracting(SweepRecord.unreadKeys)
            #expect(unknown.isEmpty, "written but neither read by SweepRecord nor in SweepRecord.unreadKeys: \(unknown.sorted())")
            _ = try decode(plan)
        }
    }

    @Test func valuesComeBackAsWritten() throws {
        let world = try WorldFile.embeddedDefault()
        let p = try SweepPlan(world: world, worldPath: nil, axes: [try SweepAxis.parse("guards.count=1,9")], design: .grid, replicates: 3,
                              baseSeed: UInt64.max, ticks: 12, seedRule: .perReplicate)
        let r = try decode(p.json())
        #expect(r.sampling == .grid && r.seedRule == .perReplicate && r.baseSeed == UInt64.max)
        #expect(r.ticks == 12 && r.replicates == 3 && r.points == 2 && r.runs == 6 && r.forkAt == nil && r.window == .whole)

        let dir = NSTemporaryDirectory() + "nanocity-record-f-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let f = try fork(dir, world: Self.zoneWorld)
        let fr = try decode(f.json())
        #expect(fr.sampling == .fork && fr.forkAt == 40 && fr.window == .postFork && fr.replicates == 3 && fr.baseSeed == 7)
        #expect(fr.arms.map(\.name) == ["baseline", "more"])
        #expect(fr.arms[1].set["guards.count"] == .int(9) && fr.arms[1].set["sensors.density"]?.number == 0.25)
        #expect(fr.mapWidth == f.map.size.width && fr.mapHeight == f.map.size.height)
        #expect(fr.zones?.map(\.name) == ["quarter"] && fr.zones?.first?.buffer == 3 && fr.zonesFingerprint == f.map.zones.fingerprint)
        #expect(fr.zoneColumns == f.outcomeColumns.zoneColumns)
        #expect(fr.patterns?.columns == f.patterns?.names)
        // The pattern settings read back into the same outcomes (a capsule re-runs them).
        let back = try #require(try PatternOutcomes.decode(fr.patterns))
        #expect(back.names == f.patterns?.names && back.kinds == [.theft] && back.fromTick == 41)
    }

    @Test func damagedPlansNameTheKey() throws {
        let dir = NSTemporaryDirectory() + "nanocity-record-d-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let good = try fork(dir, world: try WorldFile.embeddedDefault()).json().rendered()
        func refusal(_ text: String) -> String {
            do { _ = try SweepRecord.decode(Data(text.utf8), path: "x/sweep.json"); return "accepted" } catch { return error.description }
        }
        #expect(refusal(good) == "accepted")
        let cases: [(String, String, String)] = [
            ("\"fork_at\": 40", "\"fork_at\": \"40\"", "key `fork_at` is not a whole number"),
            ("\"fork_at\": 40", "\"fork_at\": 60", "key `fork_at`: a fork's tick must be 0…ticks − 1"),
            ("\"base_seed\": \"7\"", "\"base_seed\": \"-7\"", "key `base_seed`"),
            ("\"sampling\": \"fork\"", "\"sampling\": \"forks\"", "key `sampling`"),
            ("\"name\": \"more\"", "\"nam\": \"more\"", "key `arms[1].name` is missing"),
            ("\"name\": \"more\"", "\"name\": \"baseline\"", "key `arms`: 2…"),
            ("\"runs\": 6", "\"runs\": 99999999999", "key `runs`: 99999999999 is outside 1…10000000"),
            ("\"runs\": 6", "\"runs\": 0", "key `runs`: 0 is outside 1…10000000"),
            ("\"runs\": 6", "\"runs\": -1", "key `runs`: -1 is outside"),
            ("\"name\": \"more\"", "\"name\": \"../../x\"", "arm names must be"),
            ("\"window\": \"post-fork\"", "\"window\": 3", "key `window`"),
        ]
        for (from, to, expected) in cases {
            #expect(good.contains(from), "the plan no longer writes \(from)")
            let message = refusal(good.replacingOccurrences(of: from, with: to))
            #expect(message.hasPrefix("x/sweep.json is not a sweep plan this version can read: ") && message.contains(expected),
                    "\(to): \(message)")
        }
        #expect(refusal("{\"program\": \"nanocity\"").contains("is not JSON"))
        #expect(refusal("[1, 2]").contains("the top level"))
    }
}
