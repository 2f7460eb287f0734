import Testing
@testable import NanoCityIO

@Suite struct NPYFormatTests {
    @Test func headerFollowsNumPyFormat1() {
        let bytes = NPYFormat.encode([1, 2, 3, 4, 5, 6], height: 2, width: 3)
        #expect(Array(bytes.prefix(8)) == [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0])
        let hlen = Int(bytes[8]) | Int(bytes[9]) << 8
        #expect((10 + hlen) % 64 == 0)
        let header = String(decoding: bytes[10..<(10 + hlen)], as: UTF8.self)
        #expect(header.hasPrefix("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"))
        #expect(header.hasSuffix("\n"))
        #expect(bytes.count == 10 + hlen + 24)
        // 1.0f little-endian is 00 00 80 3F.
        #expect(Array(bytes[(10 + hlen)..<(14 + hlen)]) == [0, 0, 0x80, 0x3F])
    }

    @Test func roundTrip() {
        let values: [Float] = (0..<(17 * 5)).map { Float($0) * 0.25 - 3 }
        let decoded = NPYFormat.decode(NPYFormat.encode(values, height: 5, width: 17))
        #expect(decoded?.shape.0 == 5 && decoded?.shape.1 == 17)
        #expect(decoded?.values == values)
        #expect(NPYFormat.decode([1, 2, 3]) == nil)
    }
}
