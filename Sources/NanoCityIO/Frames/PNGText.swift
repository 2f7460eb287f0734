/// tEXt chunks (PNG specification, section 11.3.4.3) spliced into an encoded PNG, so a frame
/// says which world, tick, seed and program drew it (`pngcheck -t` and image viewers show them).
public enum PNGText {
    /// `png` with one tEXt chunk per (keyword, text) inserted right after IHDR. Keywords are cut
    /// to 79 characters; characters outside printable Latin-1 become `?`.
    public static func inserting(_ text: [(String, String)], into png: [UInt8]) -> [UInt8] {
        // Signature (8) + IHDR chunk (4 length + 4 type + 13 data + 4 CRC).
        let afterHeader = 33
        guard !text.isEmpty, png.count > afterHeader else { return png }
        var chunks: [UInt8] = []
        for (key, value) in text {
            let k = latin1(String(key.prefix(79)), allowNewline: false)
            guard !k.isEmpty else { continue }
            chunks += chunk(type: Array("tEXt".utf8), data: k + [0] + latin1(value, allowNewline: true))
        }
        return Array(png[..<afterHeader]) + chunks + Array(png[afterHeader...])
    }

    static func latin1(_ s: String, allowNewline: Bool) -> [UInt8] {
        s.unicodeScalars.map { u in
            let v = u.value
            if v == 10 && allowNewline { return 10 }
            return (v >= 32 && v <= 126) || (v >= 161 && v <= 255) ? UInt8(v) : UInt8(ascii: "?")
        }
    }

    static func chunk(type: [UInt8], data: [UInt8]) -> [UInt8] {
        let n = UInt32(data.count)
        let crc = crc32(type + data)
        return [UInt8(n >> 24), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)] + type + data
            + [UInt8(crc >> 24), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc & 0xFF)]
    }

    static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// CRC-32 as PNG (and zlib) define it.
    public static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}
