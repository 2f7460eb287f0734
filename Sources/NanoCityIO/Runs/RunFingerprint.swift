import NanoCityEngine
import NanoCityModel

/// Identifies "the same run": the world's resolved starting parameters (after overrides,
/// schedule included), its frame settings and the seed. A resume is refused when it differs.
public enum RunFingerprint {
    public static func of(world: World, seed: UInt64) -> UInt64 {
        var w = StateWriter()
        world.parameters.encodeState(&w)
        FrameSettings.Spec.encode(FrameSettings.catalog, of: world.frames, to: &w)
        w.write(seed)
        return FNV1a.hash(w.bytes)
    }
}
