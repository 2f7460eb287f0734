/// A TOML 1.0 parser (https://toml.io/en/v1.0.0) that cannot crash, hang or recurse on any
/// input: one pass over the bytes, nesting of arrays and inline tables kept on an explicit
/// stack bounded by `maxDepth`, keys bounded by `maxKeyParts`, every problem a `TOMLError`
/// with line and column. Passes the official toml-test suite for TOML 1.0 and agrees with
/// Python's `tomllib` on fuzzed documents (`scripts/toml-differential.py`).
///
/// Deliberate choices where the specification leaves room: a leading UTF-8 byte-order mark is
/// skipped; CRLF inside multi-line strings becomes LF (as `tomllib` does); seconds of 60 are
/// rejected (as `tomllib` does); fractional seconds keep every digit written.
public enum TOMLParser {
    /// Most arrays and inline tables open at once inside one value.
    public static let maxDepth = 32
    /// Most parts in one dotted key or table header (`a.b.c` has 3).
    public static let maxKeyParts = 32
    /// Most values, tables and arrays in one document: bounds the parser's memory (about 200
    /// bytes each) whatever the file's size. World files hold a few hundred.
    public static let maxValues = 1_000_000

    /// Parses a document; the first problem is thrown with its position.
    public static func parse(_ text: String) throws(TOMLError) -> TOMLTable {
        var scanner = TOMLScanner(bytes: Array(text.utf8))
        return try scanner.document()
    }

    /// Parses raw bytes, which must be UTF-8.
    public static func parse(bytes: [UInt8]) throws(TOMLError) -> TOMLTable {
        if let bad = TOMLScanner.firstInvalidUTF8(bytes) {
            let scanner = TOMLScanner(bytes: bytes)
            throw TOMLError("the file is not UTF-8 text (invalid byte 0x\(String(bytes[bad], radix: 16, uppercase: true)))",
                            at: scanner.position(bad))
        }
        var scanner = TOMLScanner(bytes: bytes)
        return try scanner.document()
    }
}

/// The parser's state: the bytes, the read position and the document being built.
struct TOMLScanner {
    private let b: [UInt8]
    private var i = 0
    private var tree = TOMLTree()
    private let lineStarts: [Int]
    private var sections = 0

    /// Read past the end: 0xFF never occurs in UTF-8, so it cannot be mistaken for input.
    private static let end: UInt8 = 0xFF

    init(bytes: [UInt8]) {
        b = bytes
        var starts = [0]
        for (k, c) in bytes.enumerated() where c == UInt8(ascii: "\n") { starts.append(k + 1) }
        lineStarts = starts
    }

    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var it = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &it) {
            case .valid(let s): offset += s.count
            case .emptyInput: return nil
            case .error(let length): _ = length; return offset
            }
        }
    }

    func position(_ offset: Int) -> TOMLPosition {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return TOMLPosition(line: lo + 1, column: offset - lineStarts[lo] + 1)
    }

    // MARK: reading

    private var cur: UInt8 { i < b.count ? b[i] : Self.end }
    private func at(_ k: Int) -> UInt8 { k < b.count ? b[k] : Self.end }

    private func fail(_ message: String, at offset: Int? = nil) -> TOMLError {
        TOMLError(message, at: position(offset ?? i))
    }

    /// The byte at `k` as a reader would name it.
    private func named(_ k: Int) -> String {
        let c = at(k)
        switch c {
        case Self.end: return "end of file"
        case UInt8(ascii: "\n"): return "end of line"
        case UInt8(ascii: "\r"): return "a carriage return"
        case 0x21...0x7E: return "'\(Character(Unicode.Scalar(c)))'"
        case UInt8(ascii: " "): return "a space"
        case UInt8(ascii: "\t"): return "a tab"
        default:
            var parser = Unicode.UTF8.ForwardParser()
            var it = b[k...].makeIterator()
            if case .valid(let s) = parser.parseScalar(from: &it) {
                let v = Unicode.UTF8.decode(s).value
                let hex = String(v, radix: 16, uppercase: true)
                return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            }
            return "byte 0x\(String(c, radix: 16, uppercase: true))"
        }
    }

    private static func isControl(_ c: UInt8) -> Bool { (c < 0x20 && c != 0x09) || c == 0x7F }
    private static func isBare(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x5F || c == 0x2D
    }
    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    private mutating func skipSpace() { while cur == 0x20 || cur == 0x09 { i += 1 } }

    /// A newline (LF or CRLF) at `i`, consumed; false if there is none.
    private mutating func newline() throws(TOMLError) -> Bool {
        if cur == 0x0A { i += 1; return true }
        if cur == 0x0D {
            guard at(i + 1) == 0x0A else { throw fail("a carriage return must be followed by a line feed") }
            i += 2
            return true
        }
        return false
    }

    private mutating func comment() throws(TOMLError) {
        i += 1
        while i < b.count, b[i] != 0x0A {
            if b[i] == 0x0D, at(i + 1) == 0x0A { return }
            if Self.isControl(b[i]) { throw fail("\(named(i)) is not allowed in a comment") }
            i += 1
        }
    }

    /// Spaces, newlines and comments, as allowed between an array's values.
    private mutating func skipArraySpace() throws(TOMLError) {
        while true {
            skipSpace()
            if cur == UInt8(ascii: "#") { try comment() }
            if try !newline() { return }
        }
    }

    private mutating func expect(_ c: UInt8, _ what: String) throws(TOMLError) {
        guard cur == c else { throw fail("expected \(what), found \(named(i))") }
        i += 1
    }

    private func violation(_ v: TOMLTree.Violation) -> TOMLError {
        var message = v.message
        if let p = v.previous { message += " at line \(position(p).line)" }
        return fail(message, at: v.offset)
    }

    // MARK: document

    mutating func document() throws(TOMLError) -> TOMLTable {
        if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { i = 3 }
        var current = TOMLTree.root
        var section = 0
        while i < b.count {
            skipSpace()
            switch cur {
            case UInt8(ascii: "#"), 0x0A, 0x0D, Self.end: break
            case UInt8(ascii: "["):
                let start = i
                i += 1
                let isArray = cur == UInt8(ascii: "[")
                if isArray { i += 1 }
                skipSpace()
                let parts: [(String, Int)]
                do { parts = try key() } catch {
                    throw TOMLError("malformed table header: \(error.message); a header is [name] or [[name]], parts joined by '.'", at: error.position)
                }
                skipSpace()
                try expect(UInt8(ascii: "]"), isArray ? "']]' to close the [[header]]" : "']' to close the table header [name]")
                if isArray { try expect(UInt8(ascii: "]"), "']]' to close the [[header]]") }
                sections += 1
                section = sections
                guard tree.nodes.count < TOMLParser.maxValues else {
                    throw fail("more than \(TOMLParser.maxValues) values and tables in one document; at most that many are read")
                }
                do {
                    current = isArray ? try tree.openArrayElement(parts, at: start) : try tree.openTable(parts, at: start)
                } catch { throw violation(error) }
            default:
                let parts = try key()
                skipSpace()
                try expect(UInt8(ascii: "="), "'=' after the key")
                skipSpace()
                let v = try value()
                do { try tree.assign(parts, value: v, in: current, section: section) } catch { throw violation(error) }
            }
            skipSpace()
            if cur == UInt8(ascii: "#") { try comment() }
            guard try newline() || i >= b.count else {
                throw fail("expected the end of the line, found \(named(i)) (one key = value or [header] per line)")
            }
        }
        return tree.build(position: position)
    }

    // MARK: keys

    /// A dotted key: its parts with the byte offset of each.
    private mutating func key() throws(TOMLError) -> [(String, Int)] {
        var parts: [(String, Int)] = []
        while true {
            let start = i
            let name: String
            switch cur {
            case UInt8(ascii: "\""):
                if at(i + 1) == UInt8(ascii: "\""), at(i + 2) == UInt8(ascii: "\"") { throw fail("a key cannot be a multi-line string") }
                name = try basicString()
            case UInt8(ascii: "'"):
                if at(i + 1) == UInt8(ascii: "'"), at(i + 2) == UInt8(ascii: "'") { throw fail("a key cannot be a multi-line string") }
                name = try literalString()
            case let c where Self.isBare(c):
                while Self.isBare(cur) { i += 1 }
                name = String(decoding: b[start..<i], as: UTF8.self)
            default:
                throw fail("expected a key (letters, digits, '_', '-', or a quoted key), found \(named(i))")
            }
            parts.append((name, start))
            guard parts.count <= TOMLParser.maxKeyParts else {
                throw fail("too many dotted parts in one key or header (at most \(TOMLParser.maxKeyParts))", at: start)
            }
            let save = i
            skipSpace()
            guard cur == UInt8(ascii: ".") else { i = save; return parts }
            i += 1
            skipSpace()
        }
    }

    // MARK: values

    private struct Frame {
        let node: Int
        let isArray: Bool
        let section: Int
        var key: [(String, Int)]
    }

    /// A key and its '=' inside an inline table.
    private mutating func inlineKey() throws(TOMLError) -> [(String, Int)] {
        let parts = try key()
        skipSpace()
        try expect(UInt8(ascii: "="), "'=' after the key")
        skipSpace()
        return parts
    }

    /// One value; arrays and inline tables are walked with an explicit stack.
    private mutating func value() throws(TOMLError) -> Int {
        var stack: [Frame] = []
        while true {
            var node: Int
            let c = cur
            guard tree.nodes.count < TOMLParser.maxValues else {
                throw fail("more than \(TOMLParser.maxValues) values in one document; at most that many are read")
            }
            if c == UInt8(ascii: "[") || c == UInt8(ascii: "{") {
                guard stack.count < TOMLParser.maxDepth else {
                    throw fail("arrays and inline tables nested too deep (at most \(TOMLParser.maxDepth) levels)")
                }
                let start = i
                i += 1
                if c == UInt8(ascii: "[") {
                    let n = tree.newNode(.array, origin: .value, offset: start)
                    try skipArraySpace()
                    if cur == UInt8(ascii: "]") { i += 1; node = n } else {
                        stack.append(Frame(node: n, isArray: true, section: 0, key: []))
                        continue
                    }
                } else {
                    sections += 1
                    let n = tree.newNode(.table, origin: .value, offset: start)
                    skipSpace()
                    if cur == UInt8(ascii: "}") { i += 1; node = n } else {
                        stack.append(Frame(node: n, isArray: false, section: sections, key: try inlineKey()))
                        continue
                    }
                }
            } else {
                let start = i
                node = tree.newNode(.scalar, origin: .value, offset: start, scalar: try scalar())
            }
            // Hand the finished value to the open containers, closing those that end here.
            deliver: while true {
                guard let top = stack.last else { return node }
                if top.isArray {
                    tree.appendItem(node, to: top.node)
                    try skipArraySpace()
                    if cur == UInt8(ascii: ",") {
                        i += 1
                        try skipArraySpace()
                        guard cur == UInt8(ascii: "]") else { break deliver }
                    }
                    guard cur == UInt8(ascii: "]") else { throw fail("expected ',' or ']' in the array, found \(named(i))") }
                    i += 1
                } else {
                    do { try tree.assign(top.key, value: node, in: top.node, section: top.section) } catch { throw violation(error) }
                    skipSpace()
                    if cur == UInt8(ascii: ",") {
                        i += 1
                        skipSpace()
                        stack[stack.count - 1].key = try inlineKey()
                        break deliver
                    }
                    guard cur == UInt8(ascii: "}") else {
                        throw fail("expected ',' or '}' in the inline table, found \(named(i)) (an inline table stays on one line and has no trailing comma)")
                    }
                    i += 1
                }
                node = top.node
                stack.removeLast()
            }
        }
    }

    private mutating func scalar() throws(TOMLError) -> TOMLValue {
        switch cur {
        case UInt8(ascii: "\""):
            if at(i + 1) == UInt8(ascii: "\""), at(i + 2) == UInt8(ascii: "\"") { return .string(try multilineString(quote: UInt8(ascii: "\""))) }
            return .string(try basicString())
        case UInt8(ascii: "'"):
            if at(i + 1) == UInt8(ascii: "'"), at(i + 2) == UInt8(ascii: "'") { return .string(try multilineString(quote: UInt8(ascii: "'"))) }
            return .string(try literalString())
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            for (word, v) in [("true", true), ("false", false)] where b[i...].starts(with: word.utf8) {
                i += word.utf8.count
                return .boolean(v)
            }
            throw fail("expected a value, found \(named(i)) (strings need quotes; booleans are true or false)")
        case 0x0A, 0x0D, Self.end, UInt8(ascii: "#"), UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"):
            throw fail("expected a value, found \(named(i))")
        default:
            return try numberOrDateTime()
        }
    }

    // MARK: strings

    private mutating func escape(into out: inout [UInt8]) throws(TOMLError) {
        let start = i
        i += 1
        let c = cur
        i += 1
        switch c {
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let n = c == UInt8(ascii: "u") ? 4 : 8
            var v: UInt32 = 0
            for _ in 0..<n {
                guard let d = Self.hexDigit(cur) else { throw fail("\\\(Character(Unicode.Scalar(c))) needs \(n) hex digits", at: start) }
                v = v << 4 | UInt32(d)
                i += 1
            }
            guard let s = Unicode.Scalar(v) else {
                throw fail("\\\(Character(Unicode.Scalar(c))) names U+\(String(v, radix: 16, uppercase: true)), which is not a Unicode scalar value", at: start)
            }
            out.append(contentsOf: Array(String(Character(s)).utf8))
        default:
            throw fail("invalid escape; allowed: \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX", at: start)
        }
    }

    private static func hexDigit(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: c - 0x30
        case 0x41...0x46: c - 0x41 + 10
        case 0x61...0x66: c - 0x61 + 10
        default: nil
        }
    }

    private mutating func basicString() throws(TOMLError) -> String {
        let start = i
        i += 1
        var out: [UInt8] = []
        while true {
            let c = cur
            switch c {
            case UInt8(ascii: "\""):
                i += 1
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try escape(into: &out)
            case 0x0A, Self.end:
                throw fail("string not closed on its line (opened at column \(position(start).column))")
            case let c where Self.isControl(c):
                throw fail("\(named(i)) is not allowed in a string (write it as an escape)")
            default:
                out.append(c)
                i += 1
            }
        }
    }

    private mutating func literalString() throws(TOMLError) -> String {
        let start = i
        i += 1
        let from = i
        while true {
            let c = cur
            switch c {
            case UInt8(ascii: "'"):
                i += 1
                return String(decoding: b[from..<(i - 1)], as: UTF8.self)
            case 0x0A, Self.end:
                throw fail("string not closed on its line (opened at column \(position(start).column))")
            case let c where Self.isControl(c):
                throw fail("\(named(i)) is not allowed in a literal string")
            default:
                i += 1
            }
        }
    }

    /// `"""…"""` (escapes, line-ending backslash) or `'''…'''` (raw).
    private mutating func multilineString(quote q: UInt8) throws(TOMLError) -> String {
        let start = i
        i += 3
        _ = try newline()  // a newline right after the opening quotes is not content
        var out: [UInt8] = []
        while true {
            let c = cur
            switch c {
            case q:
                var n = 0
                while at(i + n) == q { n += 1 }
                if n < 3 {
                    out.append(contentsOf: repeatElement(q, count: n))
                    i += n
                    continue
                }
                guard n <= 5 else { throw fail("\(n) quotes in a row inside a multi-line string; escape all but two", at: i) }
                out.append(contentsOf: repeatElement(q, count: n - 3))
                i += n
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\") where q == UInt8(ascii: "\""):
                var j = i + 1
                while at(j) == 0x20 || at(j) == 0x09 { j += 1 }
                if at(j) == 0x0A || (at(j) == 0x0D && at(j + 1) == 0x0A) {
                    // Line-ending backslash: drop it and all whitespace and newlines after it.
                    i = j
                    while true {
                        skipSpace()
                        if try !newline() { break }
                    }
                } else {
                    try escape(into: &out)
                }
            case 0x0A:
                out.append(0x0A)
                i += 1
            case 0x0D:
                guard at(i + 1) == 0x0A else { throw fail("a carriage return must be followed by a line feed") }
                out.append(0x0A)
                i += 2
            case Self.end:
                throw fail("multi-line string opened at \(position(start)) is never closed")
            case let c where Self.isControl(c):
                throw fail("\(named(i)) is not allowed in a string")
            default:
                out.append(c)
                i += 1
            }
        }
    }

    // MARK: numbers and date-times

    private mutating func numberOrDateTime() throws(TOMLError) -> TOMLValue {
        let start = i
        func isEnd(_ c: UInt8) -> Bool {
            c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == Self.end || c == UInt8(ascii: ",")
                || c == UInt8(ascii: "]") || c == UInt8(ascii: "}") || c == UInt8(ascii: "#")
        }
        while !isEnd(cur) { i += 1 }
        // `1979-05-27 07:32:00`: a date, one space, then a time.
        if i - start == 10, at(start + 4) == UInt8(ascii: "-"), cur == 0x20,
           Self.isDigit(at(i + 1)), Self.isDigit(at(i + 2)), at(i + 3) == UInt8(ascii: ":") {
            i += 1
            while !isEnd(cur) { i += 1 }
        }
        let t = Array(b[start..<i])
        let text = String(decoding: t, as: UTF8.self)
        if t.count >= 5 && t[4] == UInt8(ascii: "-") && t[0...3].allSatisfy(Self.isDigit)
            || t.count >= 3 && t[2] == UInt8(ascii: ":") && t[0...1].allSatisfy(Self.isDigit) {
            guard let d = TOMLScanner.dateTime(t) else {
                throw fail("'\(text)' is not a valid date-time (RFC 3339: 1979-05-27T07:32:00Z, 1979-05-27, 07:32:00; real dates and times)", at: start)
            }
            return .dateTime(d)
        }
        switch TOMLScanner.number(t) {
        case .value(let v): return v
        case .outOfRange: throw fail("'\(text)' is out of the 64-bit integer range", at: start)
        case .invalid:
            throw fail("'\(text)' is not a valid value (numbers: 42, -1_000, 0xFF, 3.14, 1e-3, inf, nan; strings need quotes)", at: start)
        }
    }

    /// What a number token reads as.
    enum NumberToken { case value(TOMLValue), outOfRange, invalid }

    /// Digits (by `digit`) with single underscores between them, from `j`; the end, or nil.
    private static func digits(_ t: [UInt8], from j: Int, _ digit: (UInt8) -> Bool) -> Int? {
        var k = j
        guard k < t.count, digit(t[k]) else { return nil }
        while k < t.count {
            if digit(t[k]) { k += 1 } else if t[k] == UInt8(ascii: "_"), k + 1 < t.count, digit(t[k + 1]) { k += 1 } else { break }
        }
        return k
    }

    /// An integer or float token.
    static func number(_ t: [UInt8]) -> NumberToken {
        guard !t.isEmpty else { return .invalid }
        var j = 0
        let negative = t[0] == UInt8(ascii: "-")
        if t[0] == UInt8(ascii: "+") || negative { j = 1 }
        let rest = t[j...]
        if rest.elementsEqual("inf".utf8) { return .value(.float(negative ? -.infinity : .infinity)) }
        if rest.elementsEqual("nan".utf8) { return .value(.float(.nan)) }
        if rest.count > 2, rest.first == UInt8(ascii: "0"), [UInt8(ascii: "x"), UInt8(ascii: "o"), UInt8(ascii: "b")].contains(t[j + 1]) {
            guard j == 0 else { return .invalid }  // hex, octal and binary take no sign
            let radix: Int64 = t[1] == UInt8(ascii: "x") ? 16 : t[1] == UInt8(ascii: "o") ? 8 : 2
            let value: (UInt8) -> Int64? = { c in hexDigit(c).map(Int64.init).flatMap { $0 < radix ? $0 : nil } }
            guard let end = digits(t, from: 2, { value($0) != nil }), end == t.count else { return .invalid }
            var n: Int64 = 0
            for c in t[2...] where c != UInt8(ascii: "_") {
                let (m, o1) = n.multipliedReportingOverflow(by: radix)
                let (s, o2) = m.addingReportingOverflow(value(c)!)
                if o1 || o2 { return .outOfRange }
                n = s
            }
            return .value(.integer(n))
        }
        guard let intEnd = digits(t, from: j, isDigit) else { return .invalid }
        if t[j] == UInt8(ascii: "0"), intEnd - j > 1 { return .invalid }  // no leading zeros
        var k = intEnd
        var isFloat = false
        if k < t.count, t[k] == UInt8(ascii: ".") {
            guard let e = digits(t, from: k + 1, isDigit) else { return .invalid }
            k = e
            isFloat = true
        }
        if k < t.count, t[k] == UInt8(ascii: "e") || t[k] == UInt8(ascii: "E") {
            var e = k + 1
            if e < t.count, t[e] == UInt8(ascii: "+") || t[e] == UInt8(ascii: "-") { e += 1 }
            guard let end = digits(t, from: e, isDigit) else { return .invalid }
            k = end
            isFloat = true
        }
        guard k == t.count else { return .invalid }
        let clean = String(decoding: t.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
        if isFloat { return Double(clean).map { .value(.float($0)) } ?? .invalid }
        var n: Int64 = 0
        for c in t[j...] where c != UInt8(ascii: "_") {
            let d = Int64(c - 0x30)
            let (m, o1) = n.multipliedReportingOverflow(by: 10)
            let (s, o2) = negative ? m.subtractingReportingOverflow(d) : m.addingReportingOverflow(d)
            if o1 || o2 { return .outOfRange }
            n = s
        }
        return .value(.integer(n))
    }

    /// A date-time token of any of the four kinds, validated; nil when malformed.
    static func dateTime(_ t: [UInt8]) -> TOMLDateTime? {
        var j = 0
        func num(_ n: Int) -> Int? {
            guard j + n <= t.count, t[j..<(j + n)].allSatisfy(isDigit) else { return nil }
            var v = 0
            for c in t[j..<(j + n)] { v = v * 10 + Int(c - 0x30) }
            j += n
            return v
        }
        func lit(_ c: Character) -> Bool {
            guard j < t.count, t[j] == c.asciiValue! else { return false }
            j += 1
            return true
        }
        func time() -> TOMLDateTime.Time? {
            guard let h = num(2), lit(":"), let m = num(2), lit(":"), let s = num(2),
                  h <= 23, m <= 59, s <= 59 else { return nil }
            var fraction = ""
            if lit(".") {
                let from = j
                while j < t.count, isDigit(t[j]) { j += 1 }
                guard j > from else { return nil }
                fraction = String(decoding: t[from..<j], as: UTF8.self)
            }
            return TOMLDateTime.Time(hour: h, minute: m, second: s, fraction: fraction)
        }
        var date: TOMLDateTime.Date?
        var clock: TOMLDateTime.Time?
        var offset: Int?
        if t.count >= 5, t[4] == UInt8(ascii: "-") {
            guard let y = num(4), lit("-"), let mo = num(2), lit("-"), let d = num(2), (1...12).contains(mo) else { return nil }
            let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
            let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]
            guard (1...days).contains(d) else { return nil }
            date = TOMLDateTime.Date(year: y, month: mo, day: d)
            if j < t.count {
                guard lit("T") || lit("t") || lit(" ") else { return nil }
                guard let tm = time() else { return nil }
                clock = tm
                if lit("Z") || lit("z") {
                    offset = 0
                } else if j < t.count, t[j] == UInt8(ascii: "+") || t[j] == UInt8(ascii: "-") {
                    let sign = t[j] == UInt8(ascii: "-") ? -1 : 1
                    j += 1
                    guard let oh = num(2), lit(":"), let om = num(2), oh <= 23, om <= 59 else { return nil }
                    offset = sign * (oh * 60 + om)
                }
            }
        } else {
            guard let tm = time() else { return nil }
            clock = tm
        }
        guard j == t.count else { return nil }
        return TOMLDateTime(date: date, time: clock, offsetMinutes: offset)
    }
}
