import Foundation

/// The CSV dialect of every table a sweep writes and the analyses read back (`summary.csv`,
/// `points.csv`, `comparison.csv`, …): RFC 4180 quoting; the readers take one record per line.
public enum SummaryCSV {
    /// Quotes a field that holds a comma, quote or newline (RFC 4180).
    public static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Splits one CSV line, honouring RFC 4180 quotes.
    public static func split(_ line: String) -> [String] {
        var out: [String] = []
        var field = ""
        var quoted = false
        var it = line.makeIterator()
        while let ch = it.next() {
            if quoted {
                if ch == "\"" {
                    if let n = it.next() {
                        if n == "\"" { field.append("\"") } else { quoted = false; if n == "," { out.append(field); field = "" } else { field.append(n) } }
                    } else { quoted = false }
                } else { field.append(ch) }
            } else if ch == "\"" {
                quoted = true
            } else if ch == "," {
                out.append(field); field = ""
            } else {
                field.append(ch)
            }
        }
        out.append(field)
        return out
    }
}
