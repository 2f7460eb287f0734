import Foundation

/// Reads a JSON file this program wrote (`manifest.json`, `sweep.json`) into its typed model:
/// bounded before it is read, and a damaged file described by the key that is wrong.
public enum JSONRecord {
    /// Files larger than this are not records this program wrote (a plan or manifest is kilobytes).
    public static let maxBytes = 64 << 20

    /// Decodes `path` as `T`; the error says which key is missing or wrong and why.
    public static func read<T: Decodable>(_ type: T.Type, from path: String) throws(OutputError) -> T {
        switch BoundedRead.read(path, limit: maxBytes) {
        case .success(let d): return try decode(type, from: d, path: path)
        case .failure(let p): throw OutputError(path: path, message: "\(p)")
        }
    }

    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, path: String) throws(OutputError) -> T {
        do { return try JSONDecoder().decode(type, from: data) }
        catch let e as DecodingError { throw OutputError(path: path, message: describe(e)) }
        catch { throw OutputError(path: path, message: "is not readable JSON") }
    }

    /// "key `fork_at`: …" from a decoding error.
    public static func describe(_ e: DecodingError) -> String {
        func at(_ path: [any CodingKey]) -> String {
            var name = ""
            for k in path {
                if let i = k.intValue { name += "[\(i)]" } else { name += (name.isEmpty ? "" : ".") + k.stringValue }
            }
            return name.isEmpty ? "the top level" : "key `\(name)`"
        }
        switch e {
        case .keyNotFound(let key, let ctx): return "\(at(ctx.codingPath + [key])) is missing"
        case .typeMismatch(let type, let ctx): return "\(at(ctx.codingPath)) is not \(typeName(type))"
        case .valueNotFound(let type, let ctx): return "\(at(ctx.codingPath)) is null where \(typeName(type)) belongs"
        case .dataCorrupted(let ctx):
            return ctx.codingPath.isEmpty ? "is not JSON" : "\(at(ctx.codingPath)): \(ctx.debugDescription)"
        @unknown default: return "is unreadable"
        }
    }

    private static func typeName(_ t: Any.Type) -> String {
        switch t {
        case is Int.Type: return "a whole number"
        case is Double.Type: return "a number"
        case is String.Type: return "a string"
        case is Bool.Type: return "a boolean"
        // A keyed container reports its type as a dictionary, itself a Collection.
        case is [String: Any].Type: return "an object"
        default: return t is any Collection.Type ? "a list" : "an object"
        }
    }
}
