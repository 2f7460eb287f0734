import Foundation

/// Reading an input file no further than a limit, so a huge or hostile file costs at most
/// `limit` bytes of memory.
public enum BoundedRead {
    /// The first `limit` bytes of `path`, or nil when it cannot be opened or read.
    public static func data(_ path: String, limit: Int) -> Data? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: limit)) ?? nil
    }
}
