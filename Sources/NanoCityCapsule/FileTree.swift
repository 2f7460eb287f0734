import Foundation

/// The regular files below a folder, as relative paths, sorted; links, FIFOs and devices are
/// not followed or listed (a capsule holds files, nothing a path could redirect).
enum FileTree {
    static func regularFiles(under dir: String) -> [(path: String, bytes: Int)] {
        var out: [(String, Int)] = [], stack = [""]
        while let rel = stack.popLast() {
            let here = rel.isEmpty ? dir : dir + "/" + rel
            for name in (try? FileManager.default.contentsOfDirectory(atPath: here)) ?? [] {
                let r = rel.isEmpty ? name : rel + "/" + name
                var st = stat()
                guard lstat(here + "/" + name, &st) == 0 else { continue }
                if st.st_mode & S_IFMT == S_IFDIR { stack.append(r) } else if st.st_mode & S_IFMT == S_IFREG { out.append((r, Int(st.st_size))) }
            }
        }
        return out.sorted { $0.0 < $1.0 }
    }
}
