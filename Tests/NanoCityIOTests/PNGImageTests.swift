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
        FileManager.default.createFile(atPath: path, contents: Data("hello".utf8))
        #expect(throws: PNGError.self) { try PNGImage.read(path: path) }
        #expect(throws: PNGError.self) { try PNGImage.read(path: "/nonexistent/x.png") }
        #expect(throws: PNGError.self) { try PNGImage(width: 1, height: 1, pixels: [0, 0, 0]).write(path: "/nonexistent/dir/x.png") }
    }
}
