import CPNG
import Foundation
import Testing
@testable import NanoCityIO

@Suite struct PNGImageTests {
    @Test func writtenFrameReadsBackThroughLibpngWithSameSizeAndPixels() throws {
        let w = 13, h = 7
        var px = [UInt8](repeating: 0, count: 3 * w * h)
        for i in 0..<(w * h) { px[3 * i] = UInt8(i % 256); px[3 * i + 1] = UInt8((i * 7) % 256); px[3 * i + 2] = UInt8(255 - i % 256) }
        let path = NSTemporaryDirectory() + "nanocity-png-\(getpid()).png"
        defer { unlink(path) }
        try PNGImage(width: w, height: h, pixels: px).write(path: path)
        let back = try PNGImage.read(path: path)
        #expect(back.width == w && back.height == h)
        #expect(back.pixels == px)
        let bytes = FileManager.default.contents(atPath: path)!
        #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    }

    @Test func unreadableFilesGiveAMessageNotACrash() throws {
        let path = NSTemporaryDirectory() + "nanocity-notpng-\(getpid()).png"
        defer { unlink(path) }
        #expect(FileManager.default.createFile(atPath: path, contents: Data("hello".utf8)))
        #expect(throws: PNGError.self) { try PNGImage.read(path: path) }
        #expect(throws: PNGError.self) { try PNGImage.read(path: "/nonexistent/x.png") }
        #expect(throws: PNGError.self) { try PNGImage(width: 1, height: 1, pixels: [0, 0, 0]).write(path: "/nonexistent/dir/x.png") }
    }
}

@Suite struct CraftedPNGTests {
    /// A 69-byte PNG whose header claims a huge image: refused before any pixel memory is taken.
    func crafted(side: UInt32) throws -> String {
        func be(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        func crc(_ bytes: [UInt8]) -> UInt32 {
            var c: UInt32 = 0xFFFF_FFFF
            for b in bytes { c ^= UInt32(b); for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 } }
            return ~c
        }
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] { be(UInt32(data.count)) + Array(type.utf8) + data + be(crc(Array(type.utf8) + data)) }
        // zlib stream of 64 zero bytes (stored block), enough for libpng to start.
        let idat: [UInt8] = [0x78, 0x01, 0x01, 0x40, 0x00, 0xBF, 0xFF] + [UInt8](repeating: 0, count: 64) + [0x00, 0x40, 0x00, 0x01]
        let png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", be(side) + be(side) + [8, 2, 0, 0, 0])
            + chunk("IDAT", idat) + chunk("IEND", [])
        let path = NSTemporaryDirectory() + "crafted-\(side)-\(getpid()).png"
        try Data(png).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func hugeHeaderIsRefusedBeforeAllocation() throws {
        let huge = try crafted(side: 16384), big = try crafted(side: 4000)
        defer { for p in [huge, big] { try? FileManager.default.removeItem(atPath: p) } }
        #expect { try PNGImage.read(path: huge) } throws: { "\($0)".contains("at most 67108864") }
        #expect { try PNGImage.read(path: big) } throws: { "\($0)".contains("holds only") }
    }

    /// A 16-bit map painted in the legend's exact colours (each 8-bit value × 257) reads back as
    /// those colours; libpng's default path would gamma-encode them (128 → 186).
    @Test func sixteenBitMapsReadAsStored() throws {
        let legend: [(UInt8, UInt8, UInt8)] = [(128, 128, 128), (232, 214, 168), (40, 120, 220), (255, 200, 0), (0, 230, 230)]
        var wide: [UInt16] = []
        for c in legend { wide += [UInt16(c.0) * 257, UInt16(c.1) * 257, UInt16(c.2) * 257] }
        let path = NSTemporaryDirectory() + "nanocity-png16-\(getpid()).png"
        defer { unlink(path) }
        var image = png_image()
        image.version = png_uint_32(PNG_IMAGE_VERSION)
        image.width = png_uint_32(legend.count)
        image.height = 1
        image.format = png_uint_32(PNG_FORMAT_LINEAR_RGB)
        let ok = wide.withUnsafeBytes { png_image_write_to_file(&image, path, 0, $0.baseAddress, 0, nil) }
        #expect(ok != 0)
        let bytes = [UInt8](FileManager.default.contents(atPath: path)!)
        #expect(bytes[24] == 16)  // IHDR bit depth: really a 16-bit file
        let back = try PNGImage.read(path: path)
        #expect(back.pixels == legend.flatMap { [$0.0, $0.1, $0.2] })
    }
}
