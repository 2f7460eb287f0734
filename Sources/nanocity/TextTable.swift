import Foundation

/// Plain-text tables for the terminal: columns padded to their widest cell.
enum TextTable {
    static func render(_ rows: [[String]]) -> String {
        guard let first = rows.first else { return "" }
        var widths = Array(repeating: 0, count: first.count)
        for r in rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
        return rows.enumerated().map { n, r in
            let line = r.enumerated().map { i, c in c + String(repeating: " ", count: widths[i] - c.count) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
            return n == 0 ? line + "\n" + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") : line
        }.joined(separator: "\n")
    }

    /// `v` to `digits` significant digits, without exponent for ordinary magnitudes.
    static func significant(_ v: Double, _ digits: Int) -> String {
        if v == 0 { return "0" }
        if !v.isFinite { return String(v) }
        let mag = Int(floor(log10(abs(v))))
        if mag >= 7 || mag < -4 { return String(format: "%.\(digits - 1)e", v) }
        let decimals = max(0, digits - 1 - mag)
        return String(format: "%.\(decimals)f", v)
    }
}
