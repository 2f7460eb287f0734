/// Compact little-endian binary encoding of simulation state, for checkpoints.
///
/// Scalars are written in little-endian byte order; arrays as a UInt64 count followed by their
/// elements' bytes. The reader checks every count against the bytes left before it allocates,
/// so a truncated or forged buffer fails with a `StateError`, never a trap or a huge allocation.
public struct StateWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    /// With `tracing`, where every value was written and what it is: the slots a fuzzer or a
    /// hostile test can overwrite with crafted values of the right type (and reseal).
    public private(set) var slots: [StateSlot] = []
    let tracing: Bool

    public init(tracing: Bool = false) { self.tracing = tracing }

    private mutating func note(_ kind: StateSlot.Kind, width: Int) {
        if tracing { slots.append(StateSlot(offset: bytes.count, width: width, kind: kind)) }
    }

    public mutating func write<T: FixedWidthInteger>(_ v: T) {
        note(T.isSigned ? .signed : .unsigned, width: MemoryLayout<T>.size)
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }
    public mutating func write(_ v: Int) { write(Int64(v)) }
    public mutating func write(_ v: Double) {
        note(.float, width: 8)
        withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }
    public mutating func write(_ v: Float) {
        note(.float, width: 4)
        withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }
    public mutating func write(_ v: Bool) {
        note(.bool, width: 1)
        bytes.append(v ? 1 : 0)
    }
    public mutating func write(_ s: String) { write(array: Array(s.utf8)) }

    /// An array of integers or floats, element bytes in little-endian order.
    public mutating func write<T: FixedWidthInteger>(array: [T]) { write(elements: array, kind: T.isSigned ? .signed : .unsigned) }
    public mutating func write(array: [Float]) { write(elements: array.map(\.bitPattern), kind: .float) }
    public mutating func write(array: [Double]) { write(elements: array.map(\.bitPattern), kind: .float) }
    public mutating func write(array: [Bool]) { write(elements: array.map { UInt8($0 ? 1 : 0) }, kind: .bool) }

    private mutating func write<T: FixedWidthInteger>(elements array: [T], kind: StateSlot.Kind) {
        note(.count, width: 8)
        withUnsafeBytes(of: UInt64(array.count).littleEndian) { bytes.append(contentsOf: $0) }
        if tracing {
            let w = MemoryLayout<T>.size
            for i in 0..<array.count { slots.append(StateSlot(offset: bytes.count + i * w, width: w, kind: kind)) }
        }
        #if _endian(little)
        array.withUnsafeBytes { bytes.append(contentsOf: $0) }  // already little-endian: one copy
        #else
        for v in array { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
        #endif
    }
}

/// One value a traced `StateWriter` wrote: its byte offset, width and kind.
public struct StateSlot: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A signed or unsigned integer (two's complement, little-endian).
        case signed, unsigned
        /// An IEEE float or double (width 4 or 8).
        case float
        /// A Bool stored as one byte (0 or 1).
        case bool
        /// An array's element count (UInt64).
        case count
    }
    public let offset: Int
    public let width: Int
    public let kind: Kind
}

/// Why encoded state could not be read.
public struct StateError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Reads what `StateWriter` wrote, checking bounds at every step.
public struct StateReader: Sendable {
    private let bytes: [UInt8]
    public private(set) var offset: Int

    public init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    public var remaining: Int { bytes.count - offset }

    public mutating func read<T: FixedWidthInteger>(_: T.Type = T.self) throws(StateError) -> T {
        let n = MemoryLayout<T>.size
        guard remaining >= n else { throw StateError("state ends early (needed \(n) more bytes at offset \(offset))") }
        var v: T = 0
        for i in 0..<n { v |= T(truncatingIfNeeded: bytes[offset + i]) << (8 * i) }
        offset += n
        return v
    }
    public mutating func readInt() throws(StateError) -> Int {
        let v: Int64 = try read()
        guard let i = Int(exactly: v) else { throw StateError("integer \(v) does not fit this platform") }
        return i
    }
    public mutating func readDouble() throws(StateError) -> Double { Double(bitPattern: try read(UInt64.self)) }
    public mutating func readFloat() throws(StateError) -> Float { Float(bitPattern: try read(UInt32.self)) }
    public mutating func readBool() throws(StateError) -> Bool {
        let b: UInt8 = try read()
        guard b <= 1 else { throw StateError("bad boolean \(b) at offset \(offset - 1)") }
        return b == 1
    }
    public mutating func readString(maxBytes: Int = 1 << 24) throws(StateError) -> String {
        let u: [UInt8] = try readArray(maxCount: maxBytes)
        return String(decoding: u, as: UTF8.self)
    }

    /// An array of at most `maxCount` elements (and never more than the bytes left can hold).
    public mutating func readArray<T: FixedWidthInteger>(maxCount: Int = Int.max) throws(StateError) -> [T] {
        let count: UInt64 = try read()
        let stride = MemoryLayout<T>.size
        guard count <= UInt64(remaining / stride), Int(count) <= maxCount else {
            throw StateError("array of \(count) elements at offset \(offset - 8) exceeds the \(remaining) bytes left or the limit \(maxCount)")
        }
        let n = Int(count)
        #if _endian(little)
        let start = offset
        offset += n * stride
        return [T](unsafeUninitializedCapacity: n) { buffer, initialized in
            bytes.withUnsafeBytes { src in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: src[start..<start + n * stride]))
            }
            initialized = n
        }
        #else
        var out = [T]()
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try read()) }
        return out
        #endif
    }
    public mutating func readFloatArray(maxCount: Int = Int.max) throws(StateError) -> [Float] {
        try readArray(maxCount: maxCount).map { (b: UInt32) in Float(bitPattern: b) }
    }
    public mutating func readDoubleArray(maxCount: Int = Int.max) throws(StateError) -> [Double] {
        try readArray(maxCount: maxCount).map { (b: UInt64) in Double(bitPattern: b) }
    }
    public mutating func readBoolArray(maxCount: Int = Int.max) throws(StateError) -> [Bool] {
        let raw: [UInt8] = try readArray(maxCount: maxCount)
        guard raw.allSatisfy({ $0 <= 1 }) else { throw StateError("bad boolean in an array before offset \(offset)") }
        return raw.map { $0 == 1 }
    }
}
