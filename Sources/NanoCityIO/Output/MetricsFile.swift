import Foundation

/// A `metrics.csv` (or any tick-keyed CSV NanoCity writes) read back as a stream: its header,
/// the number of complete rows, and the rows one at a time, so a file of any size is read in
/// bounded memory. A partial last row, as a killed run may leave, is not a row.
public struct MetricsFile: Sendable {
    public let path: String
    /// Column names; the first is `tick`.
    public let header: [String]
    /// Complete rows after the header.
    public let rowCount: Int

    /// Nil when the file is missing, not a regular file, unreadable, or has no header starting
    /// with `tick`.
    public init?(path: String) {
        var first: Substring? = nil
        do { try LineReader.forEachLine(path) { line, _ in first = line; return false } } catch { return nil }
        guard let first, first.hasPrefix("tick") else { return nil }
        guard let lines = try? LineReader.count(path), lines >= 1 else { return nil }
        self.path = path
        header = first.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        rowCount = lines - 1
    }

    /// Calls `body` with each complete row's index (0 = the first after the header), its
    /// 1-based line number and its fields (not yet checked against the header's width).
    public func forEachRow(_ body: (_ index: Int, _ line: Int, _ fields: [Substring]) throws -> Void) throws {
        try LineReader.forEachLine(path) { line, number in
            if number > 1 { try body(number - 2, number, line.split(separator: ",", omittingEmptySubsequences: false)) }
            return number - 1 < rowCount
        }
    }
}
