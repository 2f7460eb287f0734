// Checkpoints (`run --from`, `--resume`, fork burn-ins) crafted past their checksum: the input
// is a list of edits (4-byte little-endian offset, 1 byte value) applied to the payload of a
// real checkpoint of the default world at tick 5, which is then resealed (length and FNV-1a
// checksum fixed up) and read. Reading must give a checkpoint or an error, never a trap.
import FuzzDriver
import NanoCityEngine
import NanoCityIO
import NanoCityModel

let sample: [UInt8] = {
    let world = try! WorldFile.embeddedDefault()
    let map = try! world.buildMap()
    var city = City(map: map, parameters: world.parameters, seed: 3)
    city.run(ticks: 5)
    return Checkpoint.encode(world: world, map: map, city: city, seed: 3, ticks: 10)
}()
let headerSize = Checkpoint.magic.count + 4 + 4 + 8 + 8

runFuzzer { bytes in
    var payload = Array(sample[headerSize...])
    var k = 0
    while k + 5 <= bytes.count {
        let offset = Int(bytes[k]) | Int(bytes[k + 1]) << 8 | Int(bytes[k + 2]) << 16 | Int(bytes[k + 3]) << 24
        payload[offset % payload.count] = bytes[k + 4]
        k += 5
    }
    var header = StateWriter()
    header.write(UInt64(payload.count))
    header.write(FNV1a.hash(payload))
    _ = try? Checkpoint.decode(Array(sample.prefix(Checkpoint.magic.count + 8)) + header.bytes + payload, path: "fuzz.bin")
}
