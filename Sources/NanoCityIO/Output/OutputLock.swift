import Foundation

/// One nanocity writing into an output directory at a time: an exclusive `flock` on
/// `DIR/.lock`, which names its holder (pid and command). The kernel drops the lock when the
/// holder exits, however it ends, so a lock never goes stale; a second writer — two runs into
/// one `--out`, a requeued `--resume` racing a job still running, a report written while the
/// run goes on — is refused at once with the holder named.
public final class OutputLock {
    public static let fileName = ".lock"
    private let fd: Int32

    /// Locks `directory`, creating it (and its parents) first; `what` names this command in the
    /// holder line another process would see.
    public init(directory: String, what: String) throws(OutputError) {
        do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
            throw OutputError(path: directory, message: "cannot create the directory: \(error.localizedDescription)")
        }
        let path = directory + "/" + Self.fileName
        fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OutputError(path: path, message: "cannot open the lock file: \(BufferedFile.openFailure(errno))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            var buffer = [UInt8](repeating: 0, count: 512)
            let n = pread(fd, &buffer, 512, 0)
            var holder = n > 0 ? String(decoding: buffer[..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : ""
            holder = String(holder.unicodeScalars.map { $0.value < 32 || $0.value == 127 ? "?" : Character($0) })
            close(fd)
            throw OutputError(path: directory, message: "another nanocity is writing here (\(holder.isEmpty ? "pid unknown" : "pid " + holder)); "
                + "wait for it to finish, or use another --out", refused: true)
        }
        let line = "\(getpid()) \(what)\n"
        _ = ftruncate(fd, 0)
        _ = line.withCString { pwrite(fd, $0, strlen($0), 0) }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
