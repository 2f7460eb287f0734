/// Checks TOML text for what the bundled C++ TOML library (toml++, through TOMLKit) does not
/// survive, before it sees the text: malformed table headers (`[`, `[.map]`, `[=`, `[{`, `[#]`
/// abort the process inside the library) and keys, headers or values nested deeper than
/// `maxDepth` (deep recursion). Valid TOML always passes; anything it rejects is invalid TOML
/// or needlessly deep, reported with its line.
///
/// Also normalises the text the readers see: a UTF-8 byte-order mark is dropped and CRLF line
/// ends become LF (so line numbers stay right).
public enum TOMLPreflight {
    /// Most dotted-key parts, header parts, or nested arrays and inline tables.
    public static let maxDepth = 32

    /// The normalised text, or the first problem's line (1-based) and message.
    public static func check(_ raw: String) -> Result<String, TOMLPreflightError> {
        var text = raw
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        if text.unicodeScalars.contains("\r") {
            var u = String.UnicodeScalarView()
            var it = text.unicodeScalars.makeIterator()
            var pending: Unicode.Scalar? = nil
            while let c = pending ?? it.next() {
                pending = nil
                if c == "\r", let n = it.next() {
                    if n == "\n" { u.append("\n") } else { u.append(c); pending = n }
                } else { u.append(c) }
            }
            text = String(u)
        }
        let s = Array(text.unicodeScalars)
        var i = 0, line = 1
        var open: [Unicode.Scalar] = []  // unclosed [ and { of values
        var multiline: Unicode.Scalar? = nil  // the quote of an open """ or ''' string
        var atLineStart = true
        func fail(_ m: String) -> Result<String, TOMLPreflightError> { .failure(TOMLPreflightError(line: line, message: m)) }
        func isBare(_ c: Unicode.Scalar) -> Bool {
            (c >= "A" && c <= "Z") || (c >= "a" && c <= "z") || (c >= "0" && c <= "9") || c == "_" || c == "-"
        }
        func skipSpace() { while i < s.count, s[i] == " " || s[i] == "\t" { i += 1 } }
        /// One key part at `i` (bare, "basic" or 'literal'); false when there is none.
        func keyPart() -> Bool {
            guard i < s.count else { return false }
            if isBare(s[i]) { while i < s.count, isBare(s[i]) { i += 1 }; return true }
            guard s[i] == "\"" || s[i] == "'" else { return false }
            let q = s[i]
            i += 1
            while i < s.count, s[i] != q, s[i] != "\n" {
                if q == "\"" && s[i] == "\\" { i += 1 }
                i += 1
            }
            guard i < s.count, s[i] == q else { return false }
            i += 1
            return true
        }
        /// A dotted key at `i`; the number of parts, or nil when malformed.
        func dottedKey() -> Int? {
            var parts = 0
            while true {
                skipSpace()
                guard keyPart() else { return nil }
                parts += 1
                skipSpace()
                guard i < s.count, s[i] == "." else { return parts }
                i += 1
            }
        }
        while i < s.count {
            let c = s[i]
            if let q = multiline {
                if c == "\n" { line += 1; i += 1; continue }
                if q == "\"" && c == "\\" { i += 2; continue }
                if c == q, i + 2 < s.count, s[i + 1] == q, s[i + 2] == q {
                    i += 3
                    while i < s.count, s[i] == q { i += 1 }  // up to two quotes may end the content
                    multiline = nil
                } else { i += 1 }
                continue
            }
            if c == "\n" { line += 1; i += 1; atLineStart = true; continue }
            if c == " " || c == "\t" { i += 1; continue }
            if c == "#" { while i < s.count, s[i] != "\n" { i += 1 }; continue }
            if atLineStart && open.isEmpty {
                atLineStart = false
                if c == "[" {
                    i += 1
                    let array = i < s.count && s[i] == "["
                    if array { i += 1 }
                    guard let parts = dottedKey() else { return fail("malformed table header: expected [name] or [[name]] with bare or quoted keys") }
                    guard parts <= maxDepth else { return fail("table header with \(parts) parts; at most \(maxDepth)") }
                    guard i < s.count, s[i] == "]", !array || (i + 1 < s.count && s[i + 1] == "]") else {
                        return fail("malformed table header: missing \(array ? "]]" : "]")")
                    }
                    i += array ? 2 : 1
                    continue
                }
                guard let parts = dottedKey() else { return fail("expected a key (letters, digits, _ or -, or a quoted key) then =") }
                guard parts <= maxDepth else { return fail("dotted key with \(parts) parts; at most \(maxDepth)") }
                continue
            }
            if c == "\"" || c == "'" {
                if i + 2 < s.count, s[i + 1] == c, s[i + 2] == c { multiline = c; i += 3; continue }
                i += 1
                while i < s.count, s[i] != c, s[i] != "\n" {
                    if c == "\"" && s[i] == "\\" { i += 1 }
                    i += 1
                }
                i += 1
                continue
            }
            if c == "[" || c == "{" {
                open.append(c)
                guard open.count <= maxDepth else { return fail("arrays or inline tables nested \(open.count) deep; at most \(maxDepth)") }
            } else if c == "]" || c == "}" {
                if !open.isEmpty { open.removeLast() }
            }
            if (c == "{" || c == ",") && open.last == "{" {
                // A key follows inside an inline table: check its depth too.
                i += 1
                skipSpace()
                if i < s.count, s[i] != "}" {
                    guard let parts = dottedKey() else { return fail("expected a key inside { … }") }
                    guard parts <= maxDepth else { return fail("dotted key with \(parts) parts; at most \(maxDepth)") }
                }
                continue
            }
            i += 1
        }
        return .success(text)
    }
}

public struct TOMLPreflightError: Error, Sendable {
    public let line: Int
    public let message: String
}
