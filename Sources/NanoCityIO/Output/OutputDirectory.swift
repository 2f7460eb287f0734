import Foundation

/// Chooses and creates run output directories without ever overwriting results.
public enum OutputDirectory {
    /// `root/<name>-NNN`, the first free NNN from 001 above every existing one; created
    /// atomically with mkdir, so two runs started together get different folders.
    public static func fresh(root: String, name: String) throws(OutputError) -> String {
        let safe = String(name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
        try createDirectory(root)
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        var next = 1
        for e in existing where e.hasPrefix(safe + "-") {
            if let n = Int(e.dropFirst(safe.count + 1)), n >= next { next = n + 1 }
        }
        while true {
            let path = root + "/" + safe + "-" + zeroPadded(next, width: 3)
            if mkdir(path, 0o755) == 0 { return path }
            guard errno == EEXIST else { throw OutputError(path: path, message: String(cString: strerror(errno))) }
            next += 1
        }
    }

    /// `n` in decimal with leading zeros to at least `width` digits (frame and run names).
    public static func zeroPadded(_ n: Int, width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// Prepares an explicit output directory: created if missing; refused if it holds anything,
    /// unless `force` (then the files NanoCity writes are replaced).
    public static func prepare(_ path: String, force: Bool) throws(OutputError) {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
            guard isDir.boolValue else { throw OutputError(path: path, message: "exists and is not a directory", refused: true) }
            let contents = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { $0 != OutputLock.fileName }
            if !contents.isEmpty && !force {
                throw OutputError(path: path, message: "is not empty; choose another --out, or add --force to replace its run outputs", refused: true)
            }
            if force { removeRunOutputs(in: path) }
        } else {
            try createDirectory(path)
        }
    }

    /// Removes what a run writes, by name, and nothing else: a user's own files inside
    /// `frames/`, `fields/`, `agents/` or `checkpoints/` stay (and so do those folders then), and
    /// symbolic links are never followed.
    public static func removeRunOutputs(in path: String) {
        let fm = FileManager.default
        for output in RunOutput.allCases {
            let target = path + "/" + output.name
            guard output.isFolder else { unlink(target); continue }
            var st = stat()
            guard lstat(target, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else { continue }
            for item in (try? fm.contentsOfDirectory(atPath: target)) ?? [] where output.holds(item) {
                unlink(target + "/" + item)
            }
            rmdir(target)  // only when nothing else is left in it
        }
    }

    public static func createDirectory(_ path: String) throws(OutputError) {
        guard !path.isEmpty else { throw OutputError(path: "\"\"", message: "an empty path is not a directory", refused: true) }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: path, message: "cannot create directory: " + reason(creating: path, error))
        }
    }

    /// Why a directory could not be made, in words: the part of the path that is a file, or
    /// the system's reason (Foundation's own message is "error 512").
    static func reason(creating path: String, _ error: Error) -> String {
        var prefixes: [String] = []
        var url = URL(fileURLWithPath: path).standardizedFileURL
        while url.path != "/" && !url.path.isEmpty && prefixes.count < 4096 {
            prefixes.append(url.path)
            url.deleteLastPathComponent()
        }
        for p in prefixes.reversed() {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: p, isDirectory: &isDir) else {
                // The first missing part: the system's own reason for not making it.
                if mkdir(p, 0o755) != 0 { return String(cString: strerror(errno)) + " (making \(p))" }
                rmdir(p)
                break
            }
            if !isDir.boolValue { return "\(p) is a file, not a directory" }
        }
        return error.localizedDescription
    }
}
