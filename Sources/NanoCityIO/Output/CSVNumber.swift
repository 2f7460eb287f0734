/// Number spelling shared by every CSV NanoCity writes: integral values without a fraction
/// (`12`), others in Swift's shortest round-trip form (`0.1`, `1e-05`). Locale-independent and
/// identical on every run, so equal results give byte-identical files.
public enum CSVNumber {
    public static func format(_ v: Double) -> String {
        if v.isNaN { return "nan" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return v.description
    }

    /// The same rule for a Float, in Float's own shortest form (`0.9994925`, not the 17 digits
    /// of its Double widening).
    public static func format(_ v: Float) -> String {
        if v.isNaN { return "nan" }
        if v == v.rounded(), abs(v) < 1e7 { return String(Int64(v)) }
        return v.description
    }
}
