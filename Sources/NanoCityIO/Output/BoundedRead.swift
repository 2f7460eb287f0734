import Foundation

/// Reading an input file no further than a limit, so a huge or hostile file costs at most
/// `limit` bytes of memory, and never blocking on something that is not a file: the path is
/// opened without waiting (`O_NONBLOCK`, so a FIFO with no writer cannot hang `open`), then
/// refused unless it is a regular file (a FIFO, a device, a socket or a folder is not an input).
public enum BoundedRead {
    /// Why an input could not be read, in words a message can use.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case missing
        case notAFile(String)
        case unreadable(String)
        case tooLarge(limit: Int)

        public var description: String {
            switch self {
            case .missing: return "does not exist"
            case .notAFile(let what): return "is \(what), not a regular file"
            case .unreadable(let why): return "cannot be read: \(why)"
            case .tooLarge(let limit): return "is larger than \(limit) bytes"
            }
        }
    }

    /// The whole file when it holds at most `limit` bytes; else the reason.
    public static func read(_ path: String, limit: Int) -> Result<Data, Problem> {
        switch open(path) {
        case .failure(let p): return .failure(p)
        case .success(let fd):
            defer { close(fd) }
            switch readAll(fd, limit: limit + 1) {
            case .failure(let p): return .failure(p)
            case .success(let d): return d.count > limit ? .failure(.tooLarge(limit: limit)) : .success(d)
            }
        }
    }

    /// The first `limit` bytes of `path`, or nil when it cannot be opened or read or is not a
    /// regular file.
    public static func data(_ path: String, limit: Int) -> Data? {
        guard case .success(let fd) = open(path) else { return nil }
        defer { close(fd) }
        return try? readAll(fd, limit: limit).get()
    }

    static func open(_ path: String) -> Result<Int32, Problem> {
        let fd = Foundation.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let e = errno
            return .failure(e == ENOENT ? .missing : .unreadable(e == EACCES ? "no permission" : String(cString: strerror(e))))
        }
        var st = stat()
        guard fstat(fd, &st) == 0 else { close(fd); return .failure(.unreadable(String(cString: strerror(errno)))) }
        let kind = st.st_mode & S_IFMT
        guard kind == S_IFREG else {
            close(fd)
            let what = kind == S_IFIFO ? "a FIFO (named pipe)" : kind == S_IFDIR ? "a folder" : kind == S_IFSOCK ? "a socket" : "a device"
            return .failure(.notAFile(what))
        }
        // Regular files never block; reads below wait normally.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return .success(fd)
    }

    static func readAll(_ fd: Int32, limit: Int) -> Result<Data, Problem> {
        var out = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while out.count < limit {
            let want = min(buffer.count, limit - out.count)
            let n = buffer.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress!, want) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(.unreadable(String(cString: strerror(errno))))
            }
            if n == 0 { break }
            out.append(contentsOf: buffer[0..<n])
        }
        return .success(out)
    }
}
