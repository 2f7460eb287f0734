import Foundation
import NanoCityEngine
import NanoCityModel

/// A run's whole state at one tick, in a compact versioned binary file
/// (`checkpoints/state_NNNNNN.bin`), self-contained: the world, its map and the city.
///
/// Layout: the 16-byte magic `NANOCITY-CKPT` + `\r\n\u{1A}` (which also catches text-mode
/// transfers), UInt32 format version, UInt32 byte-order mark 0x01020304, UInt64 payload
/// length, UInt64 FNV-1a checksum of the payload, then the payload: program version, tick,
/// seed, planned ticks, the run's parameter fingerprint, world origin and base directory,
/// overrides, the world's starting parameters and frame settings, the map (size, terrain, drawn sensors) and
/// `City.encodeState`. All integers little-endian.
public struct Checkpoint: Sendable {
    public static let magic = Array("NANOCITY-CKPT\r\n\u{1A}".utf8)
    /// 2: guard counts per cell are 32-bit (format 1 had 16-bit counts); 3: agent ids are 64-bit;
    /// 4: the education level is state; 5: frame settings apart from the model's parameters;
    /// 6: each crew member's heist loot and the tick's returned heist loot (heist_losses_net).
    public static let formatVersion: UInt32 = 6
    /// Larger files are refused before they are read.
    public static let maxBytes = 16 << 30

    public let tick: Int
    public let seed: UInt64
    /// The run's planned length (`--ticks`).
    public let ticks: Int
    /// `RunFingerprint` of the world and seed the run started from.
    public let fingerprint: UInt64
    public let programVersion: String
    public let world: World
    public let map: CityMap
    public let city: City

    /// Encodes a checkpoint of `city` for the run of `world` on `map`.
    public static func encode(world: World, map: CityMap, city: City, seed: UInt64, ticks: Int) -> [UInt8] {
        encodeTraced(world: world, map: map, city: city, seed: seed, ticks: ticks, tracing: false).bytes
    }

    /// `encode`, and with `tracing` the payload's value slots (offsets from the payload's
    /// start, `headerSize` into the file): what a crafted-value fuzzer overwrites before
    /// `seal` puts a valid header on it again.
    public static func encodeTraced(world: World, map: CityMap, city: City, seed: UInt64, ticks: Int,
                                    tracing: Bool = true) -> (bytes: [UInt8], slots: [StateSlot]) {
        var p = StateWriter(tracing: tracing)
        p.write(NanoCityVersion.string)
        p.write(City.stateVersion)
        p.write(city.tick)
        p.write(seed)
        p.write(ticks)
        p.write(RunFingerprint.of(world: world, map: map, seed: seed))
        p.write(world.origin)
        p.write(world.baseDirectory)
        p.write(UInt64(world.overrides.count))
        for o in world.overrides { p.write(o.key); o.value.encode(&p) }
        world.parameters.encodeState(&p)
        FrameSettings.Spec.encode(FrameSettings.catalog, of: world.frames, to: &p)
        p.write(map.size.width); p.write(map.size.height)
        p.write(array: map.terrain); p.write(array: map.sensorCells)
        // The zones' cells as laid (a mask file may change after the run began).
        for area in map.zones.targets { p.write(array: area.cells) }
        city.encodeState(&p)
        return (seal(p.bytes), p.slots)
    }

    /// Bytes of the header before the payload.
    public static let headerSize = magic.count + 4 + 4 + 8 + 8

    /// A checkpoint file around `payload`: the header with its length and checksum.
    public static func seal(_ payload: [UInt8]) -> [UInt8] {
        var out = StateWriter()
        for b in magic { out.write(b) }
        out.write(formatVersion)
        out.write(UInt32(0x0102_0304))
        out.write(UInt64(payload.count))
        out.write(FNV1a.hash(payload))
        return out.bytes + payload
    }

    /// Reads and checks a checkpoint file.
    public static func read(path: String) throws(CheckpointError) -> Checkpoint {
        var st = stat()
        guard stat(path, &st) == 0 else {
            throw CheckpointError(path: path, message: "cannot be read: \(String(cString: strerror(errno)))")
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw CheckpointError(path: path, message: "is not a regular file") }
        guard Int(st.st_size) <= maxBytes else { throw CheckpointError(path: path, message: "is \(st.st_size) bytes; a checkpoint is at most \(maxBytes)") }
        guard let data = FileManager.default.contents(atPath: path) else { throw CheckpointError(path: path, message: "cannot be read") }
        return try decode([UInt8](data), path: path)
    }

    public static func decode(_ bytes: [UInt8], path: String) throws(CheckpointError) -> Checkpoint {
        func fail(_ m: String) -> CheckpointError { CheckpointError(path: path, message: m) }
        guard bytes.count >= magic.count, Array(bytes.prefix(magic.count)) == magic else {
            throw fail("is not a NanoCity checkpoint (its first bytes are not NANOCITY-CKPT)")
        }
        guard bytes.count >= headerSize else { throw fail("is truncated: \(bytes.count) bytes, shorter than the header") }
        var h = StateReader(bytes, offset: magic.count)
        do throws(StateError) {
            let version: UInt32 = try h.read()
            guard version == formatVersion else {
                throw StateError("has checkpoint format \(version); this nanocity (\(NanoCityVersion.string)) reads format \(formatVersion)")
            }
            guard try h.read(UInt32.self) == 0x0102_0304 else { throw StateError("has a foreign byte order") }
            let length: UInt64 = try h.read(), sum: UInt64 = try h.read()
            guard length == UInt64(bytes.count - headerSize) else {
                throw StateError("is truncated or padded: the header promises \(length) bytes of state, the file has \(bytes.count - headerSize)")
            }
            let payload = Array(bytes[headerSize...])
            guard FNV1a.hash(payload) == sum else { throw StateError("is damaged: its checksum does not match its contents") }
            var r = StateReader(payload)
            let program = try r.readString(maxBytes: 256)
            let stateVersion: UInt32 = try r.read()
            guard stateVersion == City.stateVersion else {
                throw StateError("holds state layout \(stateVersion) (written by nanocity \(program)); this nanocity reads layout \(City.stateVersion)")
            }
            let tick = try r.readInt(), seed: UInt64 = try r.read(), ticks = try r.readInt(), fingerprint: UInt64 = try r.read()
            let origin = try r.readString(maxBytes: 1 << 16), base = try r.readString(maxBytes: 1 << 16)
            let overrideCount: UInt64 = try r.read()
            guard overrideCount <= 100_000 else { throw StateError("claims \(overrideCount) overrides") }
            var overrides: [(key: String, value: ParameterValue)] = []
            for _ in 0..<Int(overrideCount) { overrides.append((try r.readString(maxBytes: 256), try ParameterValue(decoding: &r))) }
            let parameters = try WorldParameters.decodeState(&r)
            let frames = try FrameSettings.Spec.decode(into: FrameSettings(), from: &r, spec: FrameSettings.spec(for:))
            let width = try r.readInt(), height = try r.readInt()
            guard width >= 1, height >= 1, width <= 1 << 16, height <= 1 << 16, width * height <= CityMap.maxCells else {
                throw StateError("has a \(width)×\(height) map; at most \(CityMap.maxCells) cells")
            }
            let terrain: [UInt8] = try r.readArray(maxCount: width * height)
            let sensorCells: [Int32] = try r.readArray(maxCount: width * height)
            guard terrain.count == width * height else { throw StateError("map terrain has \(terrain.count) cells, not \(width)×\(height)") }
            var map: CityMap
            do { map = try CityMap(size: GridSize(width: width, height: height), terrain: terrain, sensorCells: sensorCells) } catch {
                throw StateError("holds an invalid map: \(error)")
            }
            if !parameters.zones.isEmpty {
                var cells: [[Int32]] = []
                for _ in parameters.zones { cells.append(try r.readArray(maxCount: width * height)) }
                do throws(ZoneError) {
                    map.zones = try ZoneLayout(size: map.size, names: parameters.zones.map(\.name), cells: cells, buffers: parameters.zones.map(\.buffer))
                } catch {
                    throw StateError("holds invalid zones: \(error)")
                }
            }
            let city = try City(map: map, restoring: &r)
            guard r.remaining == 0 else { throw StateError("has \(r.remaining) unexpected bytes after the state") }
            guard city.tick == tick else { throw StateError("header tick \(tick) differs from the state's tick \(city.tick)") }
            guard (0...City.maxRestoredTick).contains(ticks), tick <= ticks else {
                throw StateError("plans \(ticks) ticks but is at tick \(tick); a checkpoint lies within its run (0…10⁸ ticks)")
            }
            let world = World(parameters: parameters, frames: frames, origin: origin, baseDirectory: base, overrides: overrides)
            guard RunFingerprint.of(world: world, map: map, seed: seed) == fingerprint else {
                throw StateError("is inconsistent: its run fingerprint does not match its own world, map and seed (the header was edited)")
            }
            // The state's parameters are the run's, as its schedule has changed them by this tick.
            var expected = parameters
            for t in parameters.schedule.ticks where t >= 1 && t <= tick { expected.apply(parameters.schedule, at: t) }
            guard city.params == expected else {
                let differing = ParameterCatalog.all(for: expected).filter { $0.value(in: city.params) != $0.value(in: expected) }.map(\.key)
                throw StateError("is inconsistent: the state's parameters differ from its run's world and schedule at tick \(tick)"
                    + (differing.isEmpty ? " (the schedules differ)" : ": \(differing.prefix(5).joined(separator: ", "))"))
            }
            return Checkpoint(tick: tick, seed: seed, ticks: ticks, fingerprint: fingerprint, programVersion: program,
                              world: world, map: map, city: city)
        } catch {
            throw fail(error.message)
        }
    }

}
