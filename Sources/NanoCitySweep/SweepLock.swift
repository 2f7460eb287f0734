import Foundation

/// One sweep (or shard) writing into a directory at a time: an exclusive `flock` on
/// `DIR/.lock`, which holds the holder's pid. The kernel drops the lock when the holder exits,
/// however it ends, so a lock never goes stale.
final class SweepLock {
    private let fd: Int32

    init(directory: String) throws(SweepError) {
        do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
            throw .io(path: directory, message: "cannot create the directory: \(error.localizedDescription)")
        }
        let path = directory + "/.lock"
        fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io(path: path, message: "cannot open the lock file: \(String(cString: strerror(errno)))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            var buffer = [UInt8](repeating: 0, count: 32)
            let n = pread(fd, &buffer, 32, 0)
            let holder = n > 0 ? String(decoding: buffer[..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : "?"
            close(fd)
            throw .outputConflict(path: directory, message: "another nanocity sweep (pid \(holder)) is writing here; "
                + "wait for it to finish, or use another --out")
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(fd, 0)
        _ = pid.withCString { pwrite(fd, $0, strlen($0), 0) }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
