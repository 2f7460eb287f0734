import Foundation
import Testing
@testable import NanoCityIO
import NanoCityEngine
@testable import NanoCityModel

/// A checkpoint's checksum catches damage, not intent: a crafted file with a valid checksum
/// must still give an error, never a trap. These re-checksum mutated payloads.
@Suite struct CheckpointHostileTests {
    static let headerSize = Checkpoint.magic.count + 4 + 4 + 8 + 8

    /// A small run's checkpoint at tick 5 (every agent kind, sensors, alerts, events).
    static let sample: [UInt8] = {
        let world = try! WorldFile.embeddedDefault()
        let map = try! world.buildMap()
        var city = City(map: map, parameters: world.parameters, seed: 3)
        city.run(ticks: 5)
        return Checkpoint.encode(world: world, map: map, city: city, seed: 3, ticks: 10)
    }()

    /// `payload` under a header whose length and checksum match it.
    static func sealed(_ payload: [UInt8]) -> [UInt8] {
        var w = StateWriter()
        w.write(UInt64(payload.count))
        w.write(FNV1a.hash(payload))
        return Array(sample.prefix(Checkpoint.magic.count + 8)) + w.bytes + payload
    }

    @Test func theSampleReadsBack() throws {
        _ = try Checkpoint.decode(Self.sample, path: "sample.bin")
        _ = try Checkpoint.decode(Self.sealed(Array(Self.sample[Self.headerSize...])), path: "resealed.bin")
    }

    @Test func aTerrainCodeOutsideTheLegendIsAnError() throws {
        var payload = Array(Self.sample[Self.headerSize...])
        // The map's size, then its terrain array (count, bytes).
        let size = [Int64(64), 64, 4096].flatMap { withUnsafeBytes(of: $0.littleEndian, Array.init) }
        let at = try #require((0...(payload.count - size.count)).first { Array(payload[$0..<($0 + size.count)]) == size })
        payload[at + size.count] = 200
        #expect {
            _ = try Checkpoint.decode(Self.sealed(payload), path: "crafted.bin")
        } throws: { ($0 as? CheckpointError)?.message.contains("terrain code 200") == true }
    }

    /// 300 payloads with 1–4 random bytes changed, resealed: each reads or is refused (the
    /// `fuzz-checkpoint` target does this without end).
    @Test func mutatedPayloadsAreRefusedOrRead() {
        let payload = Array(Self.sample[Self.headerSize...])
        var rng = Xoshiro256StarStar(seed: 2026)
        var refused = 0
        for _ in 0..<300 {
            var p = payload
            for _ in 0...rng.below(4) { p[rng.below(p.count)] = UInt8(truncatingIfNeeded: rng.next()) }
            do { _ = try Checkpoint.decode(Self.sealed(p), path: "m.bin") } catch { refused += 1 }
        }
        #expect(refused > 0)
    }

    /// A checkpoint written from a crafted city: a valid checksum, a valid fingerprint, one
    /// value no run produces (the hostile review's 13 trap sites and its lying outputs).
    static func crafted(_ change: (inout City, inout World) -> Void) throws -> [UInt8] {
        let c = try Checkpoint.decode(sample, path: "sample.bin")
        var city = c.city, world = c.world
        change(&city, &world)
        return Checkpoint.encode(world: world, map: c.map, city: city, seed: c.seed, ticks: c.ticks)
    }

    static let craftedCases: [(name: String, fragment: String, change: @Sendable (inout City, inout World) -> Void)] = [
        ("recycler state", "recycler state, row 0: 7 is not a state code 0…2", { c, _ in c.recyclers.state[0] = 7 }),
        ("scavenger state", "scavenger state, row 0: 9 is not a state code 0…2", { c, _ in c.scavengers.state[0] = 9 }),
        ("silenced informant", "informant 0 has state code 1", { c, _ in
            c.informants.append(id: c.nextID, cell: 0)
            c.nextID += 1
            c.informants.state[0] = InformantStore.State.silenced.rawValue
        }),
        ("tip in the past", "tip 0 is due at tick", { c, _ in
            c.tipCell = [0]; c.tipDue = [Int32(c.tick)]; c.tipAgent = [0]
        }),
        ("guard counts zero", "guard counts", { c, _ in for i in c.guardCount.indices { c.guardCount[i] = 0 } }),
        ("guard counts max", "guard counts", { c, _ in for i in c.guardCount.indices { c.guardCount[i] = UInt32.max } }),
        ("scavenger idle", "idle 2147483647 ticks", { c, _ in for i in c.scavengers.idle.indices { c.scavengers.idle[i] = Int32.max } }),
        ("next id", "next agent id", { c, _ in c.nextID = Int64.max }),
        ("heist last end", "the last heist ended at tick", { c, _ in c.heist.lastEnd = Int.min }),
        ("heist start", "the heist under way started", { c, _ in c.heist.active = true; c.heist.start = Int.min }),
        ("jail", "ticks of jail left", { c, _ in c.crew.jail[0] = Int32.min }),
        ("toxicity NaN", "toxicity at cell 0 is nan", { c, _ in c.toxicity.values[0] = .nan }),
        ("toxicity negative", "toxicity at cell 0 is -1e+30", { c, _ in c.toxicity.values[0] = -1e30 }),
        ("hacked count", "counted as hacked", { c, _ in c.sensors.hackedCount = Int.max }),
        ("negative tick", "tick -10 is outside", { c, _ in c.tick = -10 }),
        ("duplicate ids", "which another agent has too", { c, _ in c.scavengers.id[1] = c.scavengers.id[0] }),
        ("scavenger population", "scavengers, but scavengers.count is", { c, _ in c.scavengers.removeLast() }),
        ("parameters differ from the header", "parameters differ from its run's world", { c, _ in c.params.guards.arrestProb = 0.99 }),
        ("non-schedulable schedule entry", "cannot change during a run", { c, w in
            let e = ScheduleEntry(tick: 8, changes: [("crew.behavior", .string("short2008"))])
            c.params.schedule.append(e)
            w.parameters.schedule.append(e)
        }),
        ("all-zero generator", "random generator", { c, _ in c.rng.s0 = 0; c.rng.s1 = 0; c.rng.s2 = 0; c.rng.s3 = 0 }),
        ("reservoir NaN", "reservoir is nan", { c, _ in c.reservoir = .nan }),
        ("public health", "public health", { c, _ in c.publicHealth = 7 }),
        ("alert in the future", "alert 0 was raised", { c, _ in
            c.alertCell.append(0); c.alertTick.append(Int32.max); c.alertTTL.append(5)
        }),
        ("counter overflow", "counter thefts", { c, _ in c.counters.thefts = Int.max }),
    ]

    @Test(arguments: 0..<craftedCases.count)
    func craftedValueIsRefusedNamingTheValue(_ i: Int) throws {
        let k = Self.craftedCases[i]
        let bytes = try Self.crafted(k.change)
        do {
            _ = try Checkpoint.decode(bytes, path: "crafted.bin")
            Issue.record("\(k.name): accepted")
        } catch {
            #expect(error.message.contains(k.fragment), "\(k.name): \(error.message)")
        }
    }

    /// The crafting path itself writes a valid state when nothing is changed.
    @Test func anUnchangedCraftedCheckpointReads() throws {
        _ = try Checkpoint.decode(try Self.crafted { _, _ in }, path: "unchanged.bin")
    }
}
