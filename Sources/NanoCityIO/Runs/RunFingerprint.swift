import NanoCityEngine
import NanoCityModel

/// Identifies "the same run": the world's resolved starting parameters (after overrides,
/// schedule included), its frame settings and the seed. A resume is refused when it differs.
public enum RunFingerprint {
    /// With `map`, its terrain and drawn sensors count too: a map file edited after the run
    /// started gives another fingerprint, so a resume refuses it.
    public static func of(world: World, map: CityMap? = nil, seed: UInt64) -> UInt64 {
        var w = StateWriter()
        world.parameters.encodeState(&w)
        FrameSettings.Spec.encode(FrameSettings.catalog, of: world.frames, to: &w)
        w.write(seed)
        if let map {
            w.write(map.size.width); w.write(map.size.height)
            w.write(array: map.terrain); w.write(array: map.sensorCells)
            for area in map.zones.targets { w.write(array: area.cells) }
        }
        return FNV1a.hash(w.bytes)
    }
}
