import Foundation
import Testing
@testable import NanoCityIO
import NanoCityEngine
import NanoCityModel

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
}
