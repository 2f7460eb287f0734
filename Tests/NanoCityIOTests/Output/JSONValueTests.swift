import NanoCityEngine
import Testing
@testable import NanoCityIO

@Suite struct JSONValueTests {
    /// The rendering before it appended into one string (kept here as the reference): sweep.json
    /// is compared as text on resume, so every byte must stay.
    static func reference(_ v: JSONValue, indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent + 1), end = String(repeating: "  ", count: indent)
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .number(let d): return d.isFinite ? CSVNumber.format(d) : "null"
        case .string(let s): return quote(s)
        case .array(let a):
            if a.isEmpty { return "[]" }
            return "[\n" + a.map { pad + reference($0, indent: indent + 1) }.joined(separator: ",\n") + "\n" + end + "]"
        case .object(let kv):
            if kv.isEmpty { return "{}" }
            return "{\n" + kv.map { pad + quote($0.0) + ": " + reference($0.1, indent: indent + 1) }.joined(separator: ",\n") + "\n" + end + "}"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    static func random(_ rng: inout Xoshiro256StarStar, depth: Int) -> JSONValue {
        let strings = ["", "plain", "quote \" and \\ back", "tab\there\nnew", "\u{1}\u{1F}", "é ünï 🚓", "a,b"]
        switch rng.below(depth > 3 ? 5 : 7) {
        case 0: return .null
        case 1: return .bool(rng.below(2) == 0)
        case 2: return .int(rng.below(2_000_000) - 1_000_000)
        case 3: return .number([0.1, -2.5, 1e-05, .nan, .infinity, 42][rng.below(6)])
        case 4: return .string(strings[rng.below(strings.count)])
        case 5: return .array((0..<rng.below(4)).map { _ in random(&rng, depth: depth + 1) })
        default: return .object((0..<rng.below(4)).map { _ in (strings[rng.below(strings.count)], random(&rng, depth: depth + 1)) })
        }
    }

    @Test func renderingIsByteForByteTheReference() {
        var rng = Xoshiro256StarStar(seed: 3)
        for _ in 0..<500 {
            let v = Self.random(&rng, depth: 0)
            #expect(v.rendered() == Self.reference(v))
            #expect(v.rendered(indent: 2) == Self.reference(v, indent: 2))
        }
    }
}
