import Foundation
import Testing
@testable import NanoCityIO
@testable import NanoCityModel

/// metrics.csv read back: complete rows only, and the run totals a resumed run's strip starts from.
@Suite struct MetricsFileTests {
    @Test func totalsSumCountersOverCompleteRows() throws {
        let path = NSTemporaryDirectory() + "nanocity-metrics-\(getpid()).csv"
        defer { unlink(path) }
        let n = MetricCatalog.all.count
        let thefts = try #require(MetricCatalog.index(of: "thefts")), reservoir = try #require(MetricCatalog.index(of: "reservoir_stock"))
        func row(_ tick: Int, _ t: Double) -> String {
            var v = [Double](repeating: 0, count: n)
            v[thefts] = t
            v[reservoir] = 100 + Double(tick)
            return ([String(tick)] + v.map { CSVNumber.format($0) }).joined(separator: ",") + "\n"
        }
        // A partial last row (a killed run) is not counted.
        let text = MetricsRecorder.header + row(0, 0) + row(1, 2) + row(2, 3) + "3,9,9"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let file = try #require(MetricsFile(path: path))
        #expect(file.header.first == "tick" && file.rowCount == 3)
        var seen: [Int] = []
        try file.forEachRow { i, line, fields in
            #expect(line == i + 2 && fields.count == n + 1)
            seen.append(i)
        }
        #expect(seen == [0, 1, 2])
        let map = try WorldFile.embeddedDefault().buildMap()
        let totals = try #require(MetricsTotals.read(path, map: map))
        #expect(totals[thefts] == 5)
        #expect(totals[reservoir] == 0)  // levels are not summed
        try "tick,x\n0,1\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(MetricsTotals.read(path, map: map) == nil)  // another program's header
        #expect(MetricsFile(path: path + ".missing") == nil)
    }

    /// Lines longer than a read chunk, CRLF line ends, and a FIFO refused without blocking.
    @Test func lineReaderStreamsLongLinesAndRefusesFIFOs() throws {
        let path = NSTemporaryDirectory() + "nanocity-lines-\(getpid()).txt"
        defer { unlink(path) }
        let long = String(repeating: "x", count: 3 << 20)
        try "a\r\n\(long)\nb\npartial".write(toFile: path, atomically: true, encoding: .utf8)
        var lines: [Substring] = []
        try LineReader.forEachLine(path) { line, _ in lines.append(line); return true }
        #expect(lines.map(\.count) == [1, 3 << 20, 1] && lines[0] == "a" && lines[2] == "b")
        #expect(try LineReader.count(path) == 3)
        let fifo = NSTemporaryDirectory() + "nanocity-fifo-\(getpid())"
        defer { unlink(fifo) }
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(BoundedRead.read(fifo, limit: 10) == .failure(.notAFile("a FIFO (named pipe)")))
        #expect(MetricsFile(path: fifo) == nil)
    }
}
