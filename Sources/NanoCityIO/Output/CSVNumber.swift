import Foundation

/// Number spelling shared by every CSV NanoCity writes: integral values without a fraction
/// (`12`), others in Swift's shortest round-trip form (`0.1`, `1e-05`). Locale-independent and
/// identical on every run, so equal results give byte-identical files.
public enum CSVNumber {
    public static func format(_ v: Double) -> String {
        if v.isNaN { return "nan" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return v.description
    }

    /// A cell for a value that may be undefined: empty for nil or a non-finite value, else
    /// `format(v)` (pattern statistics, whose undefined values are missing, never zero).
    public static func cell(_ v: Double?) -> String { v.map { $0.isFinite ? format($0) : "" } ?? "" }

    /// A finite decimal number as data files write it: digits, one point, an optional sign and
    /// exponent. Not hexadecimal, "inf", "nan", or text with a NUL byte (which a C conversion
    /// would cut short and read as the digits before it).
    public static func decimal(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty, t.utf8.count <= 64,
              t.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2D || $0 == 0x2B || $0 == 0x65 || $0 == 0x45 }),
              let v = Double(t), v.isFinite else { return nil }
        return v
    }

    /// `format(v)`'s bytes appended to `out`, without building a String for integral values
    /// (a metrics row is mostly counts): the per-tick row of a small world costs less.
    public static func append(_ v: Double, to out: inout [UInt8]) {
        if v.isNaN { out.append(contentsOf: [0x6E, 0x61, 0x6E]); return }
        if v == v.rounded(), abs(v) < 1e15 { append(Int64(v), to: &out); return }
        out.append(contentsOf: v.description.utf8)
    }

    /// An integer's decimal digits appended to `out` (as `String(i)` spells it).
    public static func append(_ i: Int64, to out: inout [UInt8]) {
        if i == 0 { out.append(0x30); return }
        var n = i.magnitude
        if i < 0 { out.append(0x2D) }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { d in
            while n > 0 { d[count] = 0x30 + UInt8(n % 10); n /= 10; count += 1 }
            for k in stride(from: count - 1, through: 0, by: -1) { out.append(d[k]) }
        }
    }

    /// The same rule for a Float, in Float's own shortest form (`0.9994925`, not the 17 digits
    /// of its Double widening).
    public static func format(_ v: Float) -> String {
        if v.isNaN { return "nan" }
        if v == v.rounded(), abs(v) < 1e7 { return String(Int64(v)) }
        return v.description
    }
}
