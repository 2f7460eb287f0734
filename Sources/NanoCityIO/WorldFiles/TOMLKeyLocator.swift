/// Finds the line on which each dotted key is written in a TOML text, so that problems found
/// after parsing (unknown keys, bad values) can name their line. TOMLKit's tables carry no
/// source positions, hence this light scan of table headers and `key =` lines.
public struct TOMLKeyLocator: Sendable {
    private(set) var lines: [String: Int] = [:]
    /// Line of the n-th `[[schedule]]` header.
    private(set) var scheduleLines: [Int] = []

    public init(text: String) {
        var prefix = ""
        var inMultiline: String?
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNo = i + 1
            var line = Substring(raw)
            if let delim = inMultiline {
                if line.contains(delim) { inMultiline = nil }
                continue
            }
            while let f = line.first, f == " " || f == "\t" { line.removeFirst() }
            if line.hasPrefix("#") || line.isEmpty { continue }
            if line.hasPrefix("[[") {
                let name = line.dropFirst(2).prefix { $0 != "]" }.filter { $0 != " " && $0 != "\"" }
                prefix = String(name)
                if prefix == "schedule" {
                    scheduleLines.append(lineNo)
                    prefix = "schedule[\(scheduleLines.count - 1)]"
                }
                continue
            }
            if line.hasPrefix("[") {
                prefix = String(line.dropFirst().prefix { $0 != "]" }.filter { $0 != " " && $0 != "\"" })
                continue
            }
            guard let eq = line.firstIndex(of: "=") else { continue }
            let key = line[..<eq].filter { $0 != " " && $0 != "\t" && $0 != "\"" }
            let full = prefix.isEmpty ? String(key) : prefix + "." + key
            if lines[full] == nil { lines[full] = lineNo }
            let rest = line[line.index(after: eq)...]
            for delim in ["\"\"\"", "'''"] {
                if let r = rest.firstRange(of: delim), rest[r.upperBound...].firstRange(of: delim) == nil { inMultiline = delim }
            }
            // Inline tables: `set = { a.b = 1, c = 2 }` — record the inner keys too.
            if let open = rest.firstIndex(of: "{") {
                for part in rest[rest.index(after: open)...].split(separator: ",") {
                    guard let e = part.firstIndex(of: "=") else { continue }
                    let inner = part[..<e].filter { $0 != " " && $0 != "\t" && $0 != "\"" && $0 != "}" }
                    let innerFull = full + "." + inner
                    if lines[innerFull] == nil { lines[innerFull] = lineNo }
                }
            }
        }
    }

    /// The line of `key`, or of its closest written ancestor.
    public func line(of key: String) -> Int? {
        var k = Substring(key)
        while true {
            if let l = lines[String(k)] { return l }
            guard let dot = k.lastIndex(of: ".") else { return nil }
            k = k[..<dot]
        }
    }
}
