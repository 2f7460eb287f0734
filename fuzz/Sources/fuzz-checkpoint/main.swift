// Checkpoints (`run --from`, `--resume`, fork burn-ins) crafted past their checksum, value by
// value: a real checkpoint of the default world at tick 5 is encoded with its value slots
// traced (every integer, float, flag and array count, with its offset and type); the input is
// a list of edits (3 bytes: which slot; 1 byte: which crafted value of that slot's type —
// 0, ±1, the type's extremes, NaN, ±∞, huge, a count one off, …) applied to the payload, which
// is resealed (length and FNV-1a checksum fixed up) and read, and when it reads, run for a few
// ticks. Reading must give a checkpoint or an error, and a checkpoint that reads must run:
// never a trap.
import FuzzDriver
import NanoCityEngine
import NanoCityIO
import NanoCityModel

let (sample, slots): ([UInt8], [StateSlot]) = {
    let world = try! WorldFile.embeddedDefault()
    let map = try! world.buildMap()
    var city = City(map: map, parameters: world.parameters, seed: 3)
    city.run(ticks: 5)
    return Checkpoint.encodeTraced(world: world, map: map, city: city, seed: 3, ticks: 10)
}()

func crafted(_ slot: StateSlot, choice: UInt8, old: UInt64) -> UInt64 {
    let bits = slot.width * 8
    let mask: UInt64 = bits == 64 ? ~0 : (1 << UInt64(bits)) - 1
    switch slot.kind {
    case .float:
        let d: [Double] = [.nan, .infinity, -.infinity, -1, 0, -0.0, 1e30, -1e30, 1e-310, 2, 0.5, 1e12, 3.4e38]
        let v = d[Int(choice) % d.count]
        return bits == 32 ? UInt64(Float(v).bitPattern) : v.bitPattern
    case .bool:
        return [0, 1, 2, 255][Int(choice) % 4]
    case .count:
        return [0, old &+ 1, old &- 1, 1 << 40, ~0, 1 << 62, old &* 2][Int(choice) % 7]
    case .signed, .unsigned:
        let signedMin: UInt64 = 1 << UInt64(bits - 1), signedMax = signedMin - 1
        let v: [UInt64] = [0, 1, mask, signedMin, signedMax, signedMin + 1, signedMax - 1, old &+ 1, old &- 1,
                           2, 7, 255, 1 << 30, 65_535, 65_536]
        return v[Int(choice) % v.count] & mask
    }
}

runFuzzer { bytes in
    var payload = Array(sample[Checkpoint.headerSize...])
    var k = 0
    while k + 4 <= bytes.count {
        let slot = slots[(Int(bytes[k]) | Int(bytes[k + 1]) << 8 | Int(bytes[k + 2]) << 16) % slots.count]
        var old: UInt64 = 0
        for b in 0..<slot.width { old |= UInt64(payload[slot.offset + b]) << UInt64(8 * b) }
        let v = crafted(slot, choice: bytes[k + 3], old: old)
        for b in 0..<slot.width { payload[slot.offset + b] = UInt8(truncatingIfNeeded: v >> UInt64(8 * b)) }
        k += 4
    }
    guard var c = try? Checkpoint.decode(Checkpoint.seal(payload), path: "fuzz.bin").city else { return }
    for _ in 0..<3 { c.step() }
    _ = MetricCatalog.sample(c)
}
