import Foundation

/// An output file written through a large buffer (one `write` per 256 KiB), so per-tick CSV
/// rows cost no system call each.
public final class BufferedFile {
    public let path: String
    /// -1 once closed: closing twice would close whatever file reused the number meanwhile
    /// (another thread's, in a parallel sweep).
    private var fd: Int32
    private var buffer: [UInt8] = []
    private let limit = 1 << 18
    /// Bytes on disk after the last flush that succeeded whole (callers write whole rows, so
    /// this is always a row boundary).
    private var committed: off_t = 0

    /// Creates (truncating) `path`, or with `append` keeps what it holds and writes after it;
    /// with `exclusive`, `path` must not exist yet (nothing, not even a link, is opened).
    public init(path: String, append: Bool = false, exclusive: Bool = false) throws(OutputError) {
        self.path = path
        // O_NOFOLLOW: a symbolic link planted where an output goes is refused, never written
        // through (it could point anywhere outside the output directory).
        let mode = exclusive ? O_EXCL : append ? O_APPEND : O_TRUNC
        fd = open(path, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC | mode, 0o644)
        guard fd >= 0 else { throw OutputError(path: path, message: Self.openFailure(errno)) }
        committed = lseek(fd, 0, SEEK_END)
        buffer.reserveCapacity(limit + 4096)
    }

    public func write(_ s: String) throws(OutputError) {
        var s = s
        s.withUTF8 { buffer.append(contentsOf: $0) }
        if buffer.count >= limit { try flush() }
    }

    public func write(bytes: [UInt8]) throws(OutputError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= limit { try flush() }
    }

    public func flush() throws(OutputError) {
        guard fd >= 0 else { throw OutputError(path: path, message: "written after close") }
        var off = 0
        while off < buffer.count {
            let n = buffer.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + off, $0.count - off) }
            if n < 0 {
                if errno == EINTR { continue }
                let why = String(cString: strerror(errno))
                // A full disk or a size limit: cut back to the last whole row written, so the
                // file never ends mid-row.
                let whole = buffer[..<off].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
                _ = ftruncate(fd, committed + off_t(whole))
                committed += off_t(whole)
                buffer.removeFirst(whole)
                throw OutputError(path: path, message: why)
            }
            off += n
        }
        committed += off_t(buffer.count)
        buffer.removeAll(keepingCapacity: true)
    }

    public func close() throws(OutputError) {
        guard fd >= 0 else { return }
        defer { fd = -1 }
        try flush()
        guard Foundation.close(fd) == 0 else { throw OutputError(path: path, message: String(cString: strerror(errno))) }
    }

    deinit { if fd >= 0 { Foundation.close(fd) } }

    /// Writes a whole file atomically (temporary file, then rename).
    /// A message for a failed `open`, naming the usual causes in words.
    static func openFailure(_ code: Int32) -> String {
        switch code {
        case ELOOP: "is a symbolic link; NanoCity does not write through links (remove it, or choose another --out)"
        case EACCES, EPERM: "no permission to write here"
        case ENOENT: "its folder does not exist"
        case ENOSPC: "no space left on the device"
        case EISDIR: "is a folder, not a file"
        case EEXIST: "appeared while NanoCity was about to create it (another process?); try again"
        default: String(cString: strerror(code))
        }
    }

    /// The temporary file is created new (O_EXCL): a stale one left by a crash is removed
    /// first, a symbolic link in its place is refused.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(OutputError) {
        try writeAtomically(to: path) { f throws(OutputError) in try f.write(bytes: bytes) }
    }

    /// `writeAtomically` for content written piece by piece: `body` writes into the
    /// temporary through a buffer (memory holds the buffer, not the file), and only a `body`
    /// that returns puts the file in place.
    public static func writeAtomically(to path: String, _ body: (BufferedFile) throws(OutputError) -> Void) throws(OutputError) {
        let tmp = path + ".tmp"
        var st = stat()
        if lstat(tmp, &st) == 0 {
            guard st.st_mode & S_IFMT != S_IFLNK else { throw OutputError(path: tmp, message: openFailure(ELOOP)) }
            unlink(tmp)
        }
        let f = try BufferedFile(path: tmp, exclusive: true)
        do throws(OutputError) {
            try body(f)
            try f.close()
        } catch {
            unlink(tmp)  // a full disk leaves no half-written temporary behind
            throw error
        }
        guard rename(tmp, path) == 0 else {
            let why = String(cString: strerror(errno))
            unlink(tmp)
            throw OutputError(path: path, message: why)
        }
    }

    /// Rewrites an existing regular file in place (same inode: no new file, and no new block
    /// while `bytes` fit in what the file already holds), then cuts it to `bytes.count`. The
    /// fallback for a file that must be rewritten on a full disk, where a temporary file cannot
    /// be created; not atomic, so only for files whose earlier content is already superseded.
    public static func overwriteInPlace(_ bytes: [UInt8], at path: String) throws(OutputError) {
        let fd = open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw OutputError(path: path, message: openFailure(errno)) }
        defer { Foundation.close(fd) }
        var off = 0
        while off < bytes.count {
            let n = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress! + off, $0.count - off, off_t(off)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw OutputError(path: path, message: String(cString: strerror(errno)))
            }
            off += n
        }
        guard ftruncate(fd, off_t(bytes.count)) == 0 else { throw OutputError(path: path, message: String(cString: strerror(errno))) }
    }
}
