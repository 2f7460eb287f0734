import Foundation

/// NumPy `.npy` format 1.0 for 2-D little-endian float32 arrays, so `numpy.load` reads field
/// snapshots directly. Layout: magic `\x93NUMPY`, version 1.0, a 2-byte header length, an
/// ASCII dict header padded with spaces to a multiple of 64 bytes (ending in `\n`), then the
/// C-order data.
public enum NPYFormat {
    /// The complete file contents for a `height × width` float32 array.
    public static func encode(_ values: [Float], height: Int, width: Int) -> [UInt8] {
        precondition(values.count == height * width)
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(height), \(width)), }"
        let preamble = 10
        let total = preamble + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - total % 64) % 64) + "\n"
        var out: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0]
        let len = UInt16(header.utf8.count)
        out += [UInt8(len & 0xFF), UInt8(len >> 8)]
        out += Array(header.utf8)
        out.reserveCapacity(out.count + 4 * values.count)
        #if _endian(little)
        values.withUnsafeBytes { out.append(contentsOf: $0) }
        #else
        for v in values {
            let b = v.bitPattern.littleEndian
            withUnsafeBytes(of: b) { out.append(contentsOf: $0) }
        }
        #endif
        return out
    }

    /// Parses a file written by `encode` (or NumPy for the same dtype); nil if it is not one.
    public static func decode(_ bytes: [UInt8]) -> (shape: (Int, Int), values: [Float])? {
        guard bytes.count >= 10, bytes[0] == 0x93, Array(bytes[1..<6]) == Array("NUMPY".utf8), bytes[6] == 1 else { return nil }
        let hlen = Int(bytes[8]) | Int(bytes[9]) << 8
        guard bytes.count >= 10 + hlen, let header = String(bytes: bytes[10..<(10 + hlen)], encoding: .ascii),
              header.contains("'<f4'"), header.contains("False"),
              let open = header.range(of: "'shape': ("), let close = header.range(of: ")", range: open.upperBound..<header.endIndex)
        else { return nil }
        let dims = header[open.upperBound..<close.lowerBound].split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard dims.count == 2 else { return nil }
        let body = bytes[(10 + hlen)...]
        guard body.count == 4 * dims[0] * dims[1] else { return nil }
        var values = [Float]()
        values.reserveCapacity(dims[0] * dims[1])
        var i = body.startIndex
        while i < body.endIndex {
            let b = UInt32(body[i]) | UInt32(body[i + 1]) << 8 | UInt32(body[i + 2]) << 16 | UInt32(body[i + 3]) << 24
            values.append(Float(bitPattern: b))
            i += 4
        }
        return ((dims[0], dims[1]), values)
    }
}
