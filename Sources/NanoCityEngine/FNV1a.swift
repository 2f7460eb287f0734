/// FNV-1a, 64-bit: a fast fingerprint of bytes (input files recorded in `sweep.json`,
/// checkpoint checksums). It catches damaged or changed files, not deliberate tampering.
public enum FNV1a {
    public static func hash<C: Sequence>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    /// The hash in lowercase hexadecimal.
    public static func hex<C: Sequence>(_ bytes: C) -> String where C.Element == UInt8 { String(hash(bytes), radix: 16) }
}
