import NanoCityEngine
import NanoCityModel

/// Identifies "the same run": the world's resolved starting parameters (after overrides,
/// schedule included) and the seed. A resume is refused when it differs.
public enum RunFingerprint {
    public static func of(world: World, seed: UInt64) -> UInt64 {
        var w = StateWriter()
        world.parameters.encodeState(&w)
        w.write(seed)
        return FNV1a.hash(w.bytes)
    }
}
