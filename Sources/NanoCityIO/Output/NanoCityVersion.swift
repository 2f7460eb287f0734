import Foundation

/// The program's version, build configuration and source revision, recorded in manifests.
public enum NanoCityVersion {
    public static let string = "0.4.0"

    /// `release` or `debug` (from the compiler's DEBUG condition).
    public static var configuration: String {
        #if DEBUG
        return "debug"
        #else
        return "release"
        #endif
    }

    /// The git commit of the source tree this binary was built from, when that tree is still
    /// where it was built (read from its `.git`); nil otherwise (an installed copy).
    public static let sourceRevision: String? = {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        for _ in 0..<6 {
            let git = dir.appendingPathComponent(".git").path
            if let head = try? String(contentsOfFile: git + "/HEAD", encoding: .utf8) {
                let h = head.trimmingCharacters(in: .whitespacesAndNewlines)
                guard h.hasPrefix("ref: ") else { return h.count == 40 ? h : nil }
                let ref = String(h.dropFirst(5))
                if let sha = try? String(contentsOfFile: git + "/" + ref, encoding: .utf8) {
                    return sha.trimmingCharacters(in: .whitespacesAndNewlines)
                }
                let packed = (try? String(contentsOfFile: git + "/packed-refs", encoding: .utf8)) ?? ""
                return packed.split(separator: "\n").first { $0.hasSuffix(" " + ref) }.map { String($0.prefix(40)) }
            }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }()
}
