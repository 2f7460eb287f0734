import NanoCityTOML

/// The line on which each dotted key of a parsed TOML document was written, so problems found
/// after parsing (unknown keys, bad values, cross-key checks, inline map rows) name their line.
/// Elements of an array of tables are `name[i]` (`schedule[0].set.guards.count`).
public struct KeyLines: Sendable {
    private var lines: [String: Int] = [:]
    /// Line of the n-th `[[schedule]]` header.
    private(set) var scheduleLines: [Int] = []
    /// Line of the n-th `[[zone]]` header.
    private(set) var zoneLines: [Int] = []

    public init() {}

    public init(_ root: TOMLTable) {
        var stack: [(table: TOMLTable, prefix: String)] = [(root, "")]
        while let (t, prefix) = stack.popLast() {
            for key in t.keys {
                let path = prefix.isEmpty ? key : prefix + "." + key
                if lines[path] == nil { lines[path] = t.position(of: key)!.line }
                switch t[key]! {
                case .table(let sub): stack.append((sub, path))
                case .array(let items):
                    for (i, item) in items.enumerated() {
                        guard case .table(let element) = item else { continue }
                        if prefix.isEmpty && key == "schedule" { scheduleLines.append(element.position.line) }
                        if prefix.isEmpty && key == "zone" { zoneLines.append(element.position.line) }
                        lines["\(path)[\(i)]"] = element.position.line
                        stack.append((element, "\(path)[\(i)]"))
                    }
                default: break
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
