import Foundation
import NanoCityIO

/// A finished run's directory opened for the page's scrubber: its `metrics.csv` (every row)
/// and the ticks of its `frames/frame_NNNNNN.png`. Nothing is simulated: the page shows what
/// the run recorded, the frame at or before the tick chosen.
public struct RunReplay: Sendable {
    /// Largest metrics.csv read (a million ticks of the default world is about 300 MB).
    public static let maxBytes = 512 << 20
    /// Most rows and frames read.
    public static let maxRows = 5_000_000
    /// Largest frame read.
    public static let maxFrameBytes = 256 << 20
    /// Rows sent to the page at most; a longer run is sent evenly thinned (and says so).
    public static let maxRowsSent = 5_000

    public let directory: String
    /// metrics.csv's columns, `tick` first.
    public let columns: [String]
    public let rows: [[Double]]
    /// Ticks that have a frame, ascending.
    public let frameTicks: [Int]

    /// Reads `directory`'s metrics.csv and lists its frames.
    public static func open(_ directory: String) throws(LiveError) -> RunReplay {
        let path = directory + "/" + OutputNames.metrics
        let data: Data
        switch BoundedRead.read(path, limit: maxBytes) {
        case .success(let d): data = d
        case .failure(let p): throw .write(path: path, message: "\(p) (open a run's directory: the one with metrics.csv)")
        }
        var lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
        guard !lines.isEmpty else { throw .write(path: path, message: "is empty") }
        let columns = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard columns.first == "tick", columns.count >= 2 else {
            throw .write(path: path, message: "line 1: not a metrics.csv header (it begins with `tick`)")
        }
        guard lines.count <= maxRows else { throw .write(path: path, message: "has more than \(maxRows) rows") }
        var rows: [[Double]] = []
        rows.reserveCapacity(lines.count)
        for (i, line) in lines.enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == columns.count else {
                throw .write(path: path, message: "line \(i + 2): \(fields.count) fields where the header has \(columns.count)")
            }
            var row: [Double] = []
            row.reserveCapacity(fields.count)
            for (j, f) in fields.enumerated() {
                guard let v = Double(f) else {
                    throw .write(path: path, message: "line \(i + 2), column `\(columns[j])`: `\(f.prefix(40))` is not a number")
                }
                row.append(v)
            }
            rows.append(row)
        }
        var ticks: [Int] = []
        let frames = directory + "/" + OutputNames.frames
        if let names = try? FileManager.default.contentsOfDirectory(atPath: frames) {
            for name in names.prefix(maxRows) where name.hasPrefix("frame_") && name.hasSuffix(".png") {
                if let t = Int(name.dropFirst(6).dropLast(4)), t >= 0 { ticks.append(t) }
            }
        }
        return RunReplay(directory: directory, columns: columns, rows: rows, frameTicks: ticks.sorted())
    }

    /// The tick of the newest frame at or before `tick` (nil when there is none).
    public func frameTick(atOrBefore tick: Int) -> Int? {
        var lo = 0, hi = frameTicks.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if frameTicks[mid] <= tick { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? nil : frameTicks[lo - 1]
    }

    /// The PNG of the frame at `tick` (one of `frameTicks`).
    public func frame(_ tick: Int) throws(LiveError) -> [UInt8] {
        let path = directory + "/" + OutputNames.frame(tick: tick)
        switch BoundedRead.read(path, limit: Self.maxFrameBytes) {
        case .success(let d): return [UInt8](d)
        case .failure(let p): throw .write(path: path, message: "\(p)")
        }
    }

    /// Row indices sent to the page: all, or `maxRowsSent` spread evenly (first and last kept).
    public var sentRows: [Int] {
        guard rows.count > Self.maxRowsSent else { return Array(rows.indices) }
        let n = Self.maxRowsSent
        return (0..<n).map { $0 * (rows.count - 1) / (n - 1) }
    }
}
