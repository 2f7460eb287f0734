import Foundation

/// A `metrics.csv` read back: its header and its complete rows (a partial last row, as a
/// killed run may leave, is dropped). One reader for everything that reads metrics files.
public struct MetricsFile: Sendable {
    public let path: String
    /// Column names; the first is `tick`.
    public let header: [String]
    /// Each complete row's fields (not yet checked against the header's width).
    public let rows: [[Substring]]

    /// Reads at most `maxBytes` of `path`. Nil when the file is missing, unreadable or has no
    /// metrics header.
    public init?(path: String, maxBytes: Int = 1 << 31) {
        guard let data = BoundedRead.data(path, limit: maxBytes) else { return nil }
        var lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() } else if !lines.isEmpty { lines.removeLast() }
        guard let first = lines.first, first.hasPrefix("tick") else { return nil }
        self.path = path
        header = first.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    }
}
