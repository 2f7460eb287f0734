/// Writes a parsed document in toml-test's tagged JSON (tables as objects, arrays as arrays,
/// each scalar as `{"type": …, "value": "…"}`), the form the official suite and the
/// differential fuzz against Python's `tomllib` compare. Written with an explicit stack.
public enum TOMLTaggedJSON {
    public static func encode(_ root: TOMLTable) -> String {
        enum Open { case table(TOMLTable, Int), array([TOMLValue], Int) }
        var out = "{"
        var stack: [Open] = [.table(root, 0)]
        func emit(_ v: TOMLValue) {
            switch v {
            case .table(let t): out += "{"; stack.append(.table(t, 0))
            case .array(let a): out += "["; stack.append(.array(a, 0))
            default:
                let type: String
                switch v {
                case .string: type = "string"
                case .integer: type = "integer"
                case .float: type = "float"
                case .boolean: type = "bool"
                case .dateTime(let d): type = d.kind.rawValue
                default: type = ""
                }
                out += "{\"type\":\"\(type)\",\"value\":" + quote(v.scalarText!) + "}"
            }
        }
        while let top = stack.popLast() {
            switch top {
            case .table(let t, let k):
                guard k < t.keys.count else { out += "}"; continue }
                if k > 0 { out += "," }
                out += quote(t.keys[k]) + ":"
                stack.append(.table(t, k + 1))
                emit(t[t.keys[k]]!)
            case .array(let a, let k):
                guard k < a.count else { out += "]"; continue }
                if k > 0 { out += "," }
                stack.append(.array(a, k + 1))
                emit(a[k])
            }
        }
        return out
    }

    /// A JSON string literal: TOML's basic-string escapes are all valid JSON escapes.
    public static func quote(_ s: String) -> String { TOMLWriter.string(s) }
}
