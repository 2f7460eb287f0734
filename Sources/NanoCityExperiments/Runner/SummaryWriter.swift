import Foundation
import NanoCityIO
import NanoCityAnalysis

/// Writes `summary.csv` in run order while runs finish in any order, and recovers it after a
/// crash.
///
/// Rows wait in a reorder buffer until every earlier run of this shard is written, then go
/// straight to the file with one `write` each (no user-space buffer), so after `kill -9` the
/// file is a valid prefix plus at most one partial line. With runs handed out in order, the
/// buffer holds about as many rows as there are jobs: memory does not grow with the sweep.
final class SummaryWriter {
    let path: String
    private let fd: Int32
    private let order: [Int]
    private var next = 0
    private var pending: [Int: String] = [:]

    /// Opens (or recovers) the summary for the runs `order` (this shard's run indices, ascending).
    /// Returns the writer and how many leading runs are already complete.
    init(path: String, header: String, order: [Int]) throws(SweepError) {
        self.path = path
        self.order = order
        var keep = 0
        var completeRuns = 0
        if let data = FileManager.default.contents(atPath: path), !data.isEmpty {
            let bytes = [UInt8](data)
            var lines: [(start: Int, end: Int)] = []
            var s = 0
            for (i, b) in bytes.enumerated() where b == 0x0A { lines.append((s, i)); s = i + 1 }
            // lines only holds newline-terminated lines: a partial last line is dropped.
            guard let first = lines.first, String(decoding: bytes[first.start..<first.end], as: UTF8.self) == header else {
                throw .outputConflict(path: path, message: "its header does not match this sweep; use another --out")
            }
            keep = first.end + 1
            let columns = header.split(separator: ",", omittingEmptySubsequences: false).count
            for line in lines.dropFirst() {
                guard completeRuns < order.count else { break }
                let text = String(decoding: bytes[line.start..<line.end], as: UTF8.self)
                let fields = SummaryCSV.split(text)
                guard fields.count == columns, Int(fields[0]) == order[completeRuns], fields.last.flatMap(RunStatus.init(parsing:)) == .complete else { break }
                completeRuns += 1
                keep = line.end + 1
            }
        }
        fd = open(path, O_WRONLY | O_CREAT | O_NOFOLLOW, 0o644)  // never through a planted link
        guard fd >= 0 else { throw .io(path: path, message: String(cString: strerror(errno))) }
        if keep == 0 {
            guard ftruncate(fd, 0) == 0 else { throw .io(path: path, message: String(cString: strerror(errno))) }
            _ = lseek(fd, 0, SEEK_SET)
            try writeRaw(header + "\n")
        } else {
            // Drop anything after the valid prefix (a partial line, rows of incomplete or failed runs).
            guard ftruncate(fd, off_t(keep)) == 0 else { throw .io(path: path, message: String(cString: strerror(errno))) }
            _ = lseek(fd, off_t(keep), SEEK_SET)
        }
        next = completeRuns
    }

    /// Runs of this shard already complete (a prefix of `order`).
    var completed: ArraySlice<Int> { order[..<next] }

    deinit { close(fd) }

    /// Queues the row of run `index`; writes every row that is now in order.
    func add(index: Int, row: String) throws(SweepError) {
        pending[index] = row
        while next < order.count, let r = pending.removeValue(forKey: order[next]) {
            try writeRaw(r + "\n")
            next += 1
        }
    }

    var isComplete: Bool { next == order.count }

    private func writeRaw(_ s: String) throws(SweepError) {
        let bytes = Array(s.utf8)
        var off = 0
        while off < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + off, $0.count - off) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, message: String(cString: strerror(errno)))
            }
            off += n
        }
    }
}
