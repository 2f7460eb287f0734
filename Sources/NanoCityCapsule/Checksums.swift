import Foundation
import NanoCityEngine
import NanoCityIO

/// `SHA256SUMS`: one line per file, `<hex>  <path>` (the format `sha256sum -c` reads), paths
/// relative to the capsule, sorted.
enum Checksums {
    static let fileName = "SHA256SUMS"

    static func digest(_ path: String) throws(CapsuleError) -> String {
        var h = SHA256()
        do {
            try LineReader.forEachChunk(path) { h.update($0); return true }
        } catch { throw .input("\(path) cannot be read: \(error)") }
        return SHA256.hexString(h.finish())
    }

    /// Writes the sums of every file under `folder` but the sums file and the RO-Crate's.
    static func write(folder: String) throws(CapsuleError) -> [(path: String, hex: String)] {
        var rows: [(String, String)] = []
        for (rel, _) in FileTree.regularFiles(under: folder) where rel != fileName && rel != "ro-crate-metadata.json" {
            rows.append((rel, try digest(folder + "/" + rel)))
        }
        let text = rows.map { "\($0.1)  \($0.0)\n" }.joined()
        try CapsuleBuilder.write(Array(text.utf8), folder + "/" + fileName)
        return rows
    }

    /// Reads a capsule's sums; every path must stay inside the capsule.
    static func read(folder: String) throws(CapsuleError) -> [(path: String, hex: String)] {
        let path = folder + "/" + fileName
        var rows: [(String, String)] = []
        do {
            try LineReader.forEachLine(path) { line, number in
                let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2, parts[0].count == 64, parts[0].allSatisfy({ $0.isHexDigit }), parts[1].hasPrefix(" ") else {
                    throw CapsuleError.input("\(path):\(number): not '<64 hex digits>  <path>'")
                }
                let file = String(parts[1].dropFirst())
                guard CapsuleBuilder.isContained(file) else {
                    throw CapsuleError.input("\(path):\(number): '\(file.prefix(200))' is not a path inside the capsule (absolute, '..', or control characters)")
                }
                guard rows.count < 10_000_000 else { throw CapsuleError.input("\(path): more than 10,000,000 files") }
                rows.append((file, String(parts[0]).lowercased()))
                return true
            }
        } catch let e as CapsuleError { throw e } catch { throw .input("\(path) cannot be read: \(error)") }
        return rows
    }
}
