/// The document under construction: an arena of nodes addressed by index, with the rules that
/// say which table may be defined or extended where (TOML 1.0 §Table, §Array of Tables,
/// §Inline Table). The finished value tree is built children first, in a post-order walk
/// kept on an explicit stack: no recursion, whatever the nesting.
struct TOMLTree {
    enum Kind { case table, arrayOfTables, array, scalar }

    /// How a table came to exist, which decides what may later add to it.
    enum Origin: Equatable {
        /// Created as the parent of a header (`[a.b]` creates `a`): may be defined once by a
        /// header, extended by dotted keys.
        case implicit
        /// Defined by `[header]` or `[[header]]`, or the root: never again.
        case header
        /// Created by a dotted key (`a.b = 1`) in the section or inline table `section`: only
        /// more dotted keys of that same section may add to it.
        case dotted(section: Int)
        /// A value: an inline table or static array, closed once written.
        case value
    }

    /// Small, so a document of millions of values stays within a few dozen bytes per value:
    /// what only tables, arrays or scalars need lives in `tables`, `arrays` and `scalars`,
    /// at `payload`.
    struct Node {
        var kind: Kind
        var origin: Origin
        var offset: Int
        var payload: Int
    }

    struct TableData {
        var keys: [String] = []
        var children: [String: Int] = [:]
        var keyOffsets: [Int] = []
    }

    private(set) var nodes: [Node] = [Node(kind: .table, origin: .header, offset: 0, payload: 0)]
    private var tables: [TableData] = [TableData()]
    private var arrays: [[Int]] = []
    private var scalars: [TOMLValue] = []
    static let root = 0

    /// The problem a rule found, at a byte offset.
    struct Violation: Error {
        let message: String
        let offset: Int
        /// Where the clashing key was first written, for duplicates.
        var previous: Int? = nil
    }

    /// A key as a message shows it: quoted, control characters escaped, so a key can never
    /// break the message's line.
    static func shown(_ key: String, quoted: Bool = true) -> String {
        var out = ""
        for u in key.unicodeScalars {
            if u.value < 0x20 || u.value == 0x7F || u == "\u{2028}" || u == "\u{2029}" || u == "\u{85}" {
                let hex = String(u.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else { out.unicodeScalars.append(u) }
        }
        return quoted ? "'" + out + "'" : out
    }

    mutating func newNode(_ kind: Kind, origin: Origin, offset: Int, scalar: TOMLValue? = nil) -> Int {
        let payload: Int
        switch kind {
        case .table: tables.append(TableData()); payload = tables.count - 1
        case .array, .arrayOfTables: arrays.append([]); payload = arrays.count - 1
        case .scalar: scalars.append(scalar!); payload = scalars.count - 1
        }
        nodes.append(Node(kind: kind, origin: origin, offset: offset, payload: payload))
        return nodes.count - 1
    }

    mutating func appendItem(_ item: Int, to array: Int) { arrays[nodes[array].payload].append(item) }

    private func child(_ table: Int, _ key: String) -> Int? { tables[nodes[table].payload].children[key] }
    private func lastItem(_ array: Int) -> Int { arrays[nodes[array].payload].last! }

    private mutating func addChild(_ child: Int, key: String, offset: Int, to table: Int) {
        let t = nodes[table].payload
        tables[t].keys.append(key)
        tables[t].keyOffsets.append(offset)
        tables[t].children[key] = child
    }

    private func describe(_ n: Int) -> String {
        switch nodes[n].kind {
        case .table: nodes[n].origin == .value ? "an inline table" : "a table"
        case .arrayOfTables: "an array of tables"
        case .array: "an array"
        case .scalar: "a \(scalars[nodes[n].payload].typeName)"
        }
    }

    /// Follows the parent parts of a header (`a`, `b` of `[a.b.c]`), creating implicit tables;
    /// an array of tables means its last element.
    private mutating func headerParent(_ parts: [(String, Int)]) throws(Violation) -> Int {
        var t = Self.root
        for (name, off) in parts.dropLast() {
            if let c = child(t, name) {
                switch nodes[c].kind {
                case .table where nodes[c].origin != .value: t = c
                case .arrayOfTables: t = lastItem(c)
                default: throw Violation(message: "\(Self.shown(name)) is \(describe(c)), which a [header] cannot add to", offset: off)
                }
            } else {
                let c = newNode(.table, origin: .implicit, offset: off)
                addChild(c, key: name, offset: off, to: t)
                t = c
            }
        }
        return t
    }

    /// `[a.b.c]`: the table it opens.
    mutating func openTable(_ parts: [(String, Int)], at offset: Int) throws(Violation) -> Int {
        let parent = try headerParent(parts)
        let (name, off) = parts.last!
        if let c = child(parent, name) {
            guard nodes[c].kind == .table, nodes[c].origin == .implicit else {
                let name = Self.shown(parts.map(\.0).joined(separator: "."), quoted: false)
                let why = nodes[c].kind == .table && nodes[c].origin != .value
                    ? "table [\(name)] is defined already (a table is defined once; dotted keys define it too)"
                    : "[\(name)] names \(describe(c)), which a [header] cannot reopen"
                throw Violation(message: why, offset: offset)
            }
            nodes[c].origin = .header
            nodes[c].offset = offset
            return c
        }
        let c = newNode(.table, origin: .header, offset: offset)
        addChild(c, key: name, offset: off, to: parent)
        return c
    }

    /// `[[a.b]]`: a new element appended to the array of tables, which it opens.
    mutating func openArrayElement(_ parts: [(String, Int)], at offset: Int) throws(Violation) -> Int {
        let parent = try headerParent(parts)
        let (name, off) = parts.last!
        let array: Int
        if let c = child(parent, name) {
            guard nodes[c].kind == .arrayOfTables else {
                throw Violation(message: "[[\(Self.shown(parts.map(\.0).joined(separator: "."), quoted: false))]] names \(describe(c)), not an array of tables", offset: offset)
            }
            array = c
        } else {
            array = newNode(.arrayOfTables, origin: .header, offset: offset)
            addChild(array, key: name, offset: off, to: parent)
        }
        let element = newNode(.table, origin: .header, offset: offset)
        appendItem(element, to: array)
        return element
    }

    /// `a.b.c = value` in `table`, written in `section` (a header's or an inline table's).
    mutating func assign(_ parts: [(String, Int)], value: Int, in table: Int, section: Int) throws(Violation) {
        var t = table
        for (name, off) in parts.dropLast() {
            if let c = child(t, name) {
                guard nodes[c].kind == .table else {
                    throw Violation(message: "\(Self.shown(name)) is \(describe(c)); a dotted key cannot add to it", offset: off)
                }
                switch nodes[c].origin {
                case .implicit: break
                case .dotted(let s) where s == section: break
                case .value: throw Violation(message: "\(Self.shown(name)) is an inline table, closed once written", offset: off)
                default: throw Violation(message: "table \(Self.shown(name)) is defined elsewhere; add to it under its own [header]", offset: off)
                }
                t = c
            } else {
                let c = newNode(.table, origin: .dotted(section: section), offset: off)
                addChild(c, key: name, offset: off, to: t)
                t = c
            }
        }
        let (name, off) = parts.last!
        if let c = child(t, name) {
            let data = tables[nodes[t].payload]
            let first = data.keyOffsets[data.keys.firstIndex(of: name)!]
            throw Violation(message: "key \(Self.shown(parts.map(\.0).joined(separator: "."))) is defined twice (first as \(describe(c)))", offset: off, previous: first)
        }
        addChild(value, key: name, offset: off, to: t)
    }

    /// The finished value tree; `position` turns byte offsets into lines and columns.
    func build(position: (Int) -> TOMLPosition) -> TOMLTable {
        var built = [TOMLValue?](repeating: nil, count: nodes.count)
        var order: [Int] = []
        order.reserveCapacity(nodes.count)
        var walk: [(node: Int, expanded: Bool)] = [(Self.root, false)]
        while let (n, expanded) = walk.popLast() {
            if expanded { order.append(n); continue }
            walk.append((n, true))
            switch nodes[n].kind {
            case .array, .arrayOfTables: for c in arrays[nodes[n].payload] { walk.append((c, false)) }
            case .table: for c in tables[nodes[n].payload].children.values { walk.append((c, false)) }
            case .scalar: break
            }
        }
        for n in order {
            let node = nodes[n]
            switch node.kind {
            case .scalar:
                built[n] = scalars[node.payload]
            case .array, .arrayOfTables:
                let itemNodes = arrays[node.payload]
                var items: [TOMLValue] = []
                items.reserveCapacity(itemNodes.count)
                for i in itemNodes { items.append(built[i].take()!) }
                built[n] = .array(items)
            case .table:
                let data = tables[node.payload]
                var t = TOMLTable(position: position(node.offset))
                for (k, key) in data.keys.enumerated() {
                    t.append(key, built[data.children[key]!].take()!, at: position(data.keyOffsets[k]))
                }
                built[n] = .table(t)
            }
        }
        guard case .table(let root) = built[Self.root]! else { fatalError("the root is a table") }
        return root
    }
}
