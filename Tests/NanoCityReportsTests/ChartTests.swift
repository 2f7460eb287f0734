import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import NanoCityReports

/// Charts are well-formed SVG with real axes: one path per series, nice ticks, escaped text.
@Suite struct ChartTests {
    func parse(_ svg: String) throws -> XMLDocument { try XMLDocument(data: Data(svg.utf8)) }

    func paths(_ doc: XMLDocument, _ cls: String) throws -> Int {
        try doc.nodes(forXPath: "//*[local-name()='path'][@class='\(cls)']").count
    }

    @Test func niceTicksCoverTheDataWithOneTwoFiveSteps() {
        let a = AxisScale(low: 0.13, high: 9.7, ticks: 5)
        #expect(a.lower == 0 && a.upper == 10 && a.step == 2)
        #expect(a.ticks == [0, 2, 4, 6, 8, 10])
        let b = AxisScale(low: 1012, high: 1019, ticks: 5)
        #expect(b.step == 2 && b.lower == 1012 && b.upper == 1020)
        let c = AxisScale(low: 5, high: 5)
        #expect(c.lower < 5 && c.upper > 5)
        let d = AxisScale(low: -0.0031, high: 0.0042)
        #expect(d.lower <= -0.0031 && d.upper >= 0.0042 && d.label(d.ticks[1]).hasPrefix("-0.00"))
        #expect(AxisScale(low: .nan, high: .infinity).ticks.count >= 2)
    }

    @Test func lineChartsHoldOnePathPerSeriesAndParseAsXML() throws {
        let s = (0..<3).map { k in
            ChartSeries(name: "arm <\(k)> & co", color: ChartColors.at(k), points: (0..<10).map { (Double($0), Double($0 * k)) },
                        interval: (0..<10).map { (Double($0 * k) - 1, Double($0 * k) + 1) })
        }
        var chart = LineChart(title: "thefts \"total\"", xLabel: "guards.count", yLabel: "thefts_total (events)", series: s)
        chart.markers = true
        let doc = try parse(chart.svg)
        #expect(try paths(doc, "series") == 3)
        #expect(try paths(doc, "band") == 3)
        #expect(doc.rootElement()?.name == "svg")
        let texts = try doc.nodes(forXPath: "//*[local-name()='text']").compactMap(\.stringValue)
        #expect(texts.contains("arm <1> & co") && texts.contains("thefts \"total\"") && texts.contains("guards.count"))
        #expect(texts.contains("8") && texts.contains("15") && texts.contains("20"))  // x ticks 0…10 by 2, y ticks 0…20 by 5
    }

    @Test func indexChartsRankByTotalIndex() throws {
        let rows = [IndexChart.Row(parameter: "a", s1: 0.1, s1Low: 0, s1High: 0.2, st: 0.2, stLow: 0.1, stHigh: 0.3),
                    IndexChart.Row(parameter: "b", s1: 0.5, s1Low: 0.4, s1High: 0.6, st: 0.7, stLow: 0.6, stHigh: 0.8)]
        let chart = IndexChart(title: "Sobol' indices of thefts_total", rows: rows)
        #expect(chart.rows.map(\.parameter) == ["b", "a"])
        let doc = try parse(chart.svg)
        #expect(try doc.nodes(forXPath: "//*[local-name()='rect']").count == 1 + 4 + 2)  // background, bars, legend
    }

    @Test func runChartsDrawCountersAsRunningTotals() throws {
        let dir = NSTemporaryDirectory() + "nanocity-chart-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "tick,thefts,reservoir_stock\n0,0,10\n1,2,11\n2,0,12\n3,1,9\n".write(toFile: dir + "/metrics.csv", atomically: true, encoding: .utf8)
        let charts = try RunCharts.charts(directory: dir, metrics: ["thefts", "reservoir_stock"])
        #expect(charts[0].series[0].points.map(\.y) == [0, 2, 2, 3])
        #expect(charts[1].series[0].points.map(\.y) == [10, 11, 12, 9])
        #expect(throws: ChartError.self) { try RunCharts.charts(directory: dir, metrics: ["nope"]) }
        try "tick,thefts\n0,0\n1\n".write(toFile: dir + "/metrics.csv", atomically: true, encoding: .utf8)
        #expect(throws: ChartError.self) { try RunCharts.charts(directory: dir, metrics: ["thefts"]) }
    }

    /// A run made by another version is charted by what its manifest recorded: a metric this
    /// build does not know, and a known name whose kind the run recorded differently.
    @Test func runChartsReadMetricKindsFromTheRunsManifest() throws {
        let dir = NSTemporaryDirectory() + "nanocity-chart-manifest-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "tick,old_counter,thefts\n0,1,0\n1,2,2\n2,3,0\n".write(toFile: dir + "/metrics.csv", atomically: true, encoding: .utf8)
        #expect(throws: ChartError.self) { try RunCharts.charts(directory: dir, metrics: ["old_counter"]) }
        try #"{"metrics": [{"name": "old_counter", "kind": "counter", "unit": "events", "doc": "a retired count"},"#
            .appending(#" {"name": "thefts", "kind": "level", "unit": "events"}]}"#)
            .write(toFile: dir + "/manifest.json", atomically: true, encoding: .utf8)
        let charts = try RunCharts.charts(directory: dir, metrics: ["old_counter", "thefts"])
        #expect(charts[0].series[0].points.map(\.y) == [1, 3, 6] && charts[0].title.contains("a retired count"))
        #expect(charts[1].series[0].points.map(\.y) == [0, 2, 0], "thefts as the run recorded it: a level")
    }
}
