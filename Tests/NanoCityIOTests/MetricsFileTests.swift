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
        #expect(file.header.first == "tick" && file.rows.count == 3)
        let totals = try #require(MetricsTotals.read(path))
        #expect(totals[thefts] == 5)
        #expect(totals[reservoir] == 0)  // levels are not summed
        try "tick,x\n0,1\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(MetricsTotals.read(path) == nil)  // another program's header
        #expect(MetricsFile(path: path + ".missing") == nil)
    }
}
