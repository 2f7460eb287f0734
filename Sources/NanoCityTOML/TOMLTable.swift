/// A TOML table: keys in the order the document wrote them, each with the line and column
/// where it was written, so problems found after parsing can point at the source.
public struct TOMLTable: Sendable, Equatable {
    /// Keys in document order.
    public private(set) var keys: [String] = []
    private var values: [String: TOMLValue] = [:]
    private var positions: [String: TOMLPosition] = [:]
    /// Where the table was opened: its `[header]`, `[[header]]`, `{`, or the first dotted key
    /// that created it; line 1, column 1 for the document's root.
    public let position: TOMLPosition

    public init(position: TOMLPosition = TOMLPosition(line: 1, column: 1)) {
        self.position = position
    }

    public subscript(key: String) -> TOMLValue? { values[key] }

    /// Where `key` was written in this table.
    public func position(of key: String) -> TOMLPosition? { positions[key] }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    /// Adds a key the table does not hold yet (the parser has checked that).
    mutating func append(_ key: String, _ value: TOMLValue, at position: TOMLPosition) {
        keys.append(key)
        values[key] = value
        positions[key] = position
    }

    /// Same keys and values; order and positions do not count.
    public static func == (a: TOMLTable, b: TOMLTable) -> Bool { a.values == b.values }
}

/// A place in a TOML text: 1-based line, and 1-based column counted in bytes of UTF-8.
public struct TOMLPosition: Sendable, Equatable, CustomStringConvertible {
    public let line: Int
    public let column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "line \(line), column \(column)" }
}

extension TOMLTable {
    /// Every value that is not a table, under its dotted path (`guards.count`), in document
    /// order, with where its key was written. Tables are walked with an explicit stack; arrays
    /// (including arrays of tables) are leaves.
    public func flattened() -> [(key: String, value: TOMLValue, position: TOMLPosition)] {
        var out: [(key: String, value: TOMLValue, position: TOMLPosition)] = []
        var stack: [(table: TOMLTable, prefix: String, next: Int)] = [(self, "", 0)]
        while let (t, prefix, k) = stack.popLast() {
            guard k < t.keys.count else { continue }
            stack.append((t, prefix, k + 1))
            let key = t.keys[k]
            let path = prefix.isEmpty ? key : prefix + "." + key
            if case .table(let sub) = t[key]! {
                stack.append((sub, path, 0))
            } else {
                out.append((path, t[key]!, t.position(of: key)!))
            }
        }
        return out
    }
}
