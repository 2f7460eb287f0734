import Foundation
import NanoCityIO
import NanoCitySweep

/// The charts `nanocity plot` writes for a directory, as (file stem, SVG text).
public enum ChartFiles {
    public static func make(directory: String, metrics: [String]?, outcomes: [String]?) throws(ChartError) -> [(String, String)] {
        let fm = FileManager.default
        if fm.fileExists(atPath: directory + "/sweep.json") {
            let results: SweepResults
            do throws(SweepError) { results = try SweepResults(directory: directory) } catch { throw .input(error.description) }
            var files = try SweepCharts.outcomeCharts(results, outcomes: outcomes).map { ($0.name, $0.chart.svg) }
            files += try SweepCharts.indexCharts(directory: directory).map { ($0.name, $0.chart.svg) }
            if files.isEmpty { throw .input("\(directory): no numeric lever or outcome to chart (see --outcomes)") }
            return files
        }
        if fm.fileExists(atPath: directory + "/" + OutputNames.metrics) {
            let charts = try RunCharts.charts(directory: directory, metrics: metrics)
            guard !charts.isEmpty else { throw .input("\(directory): no metric to chart (see --metrics)") }
            return [("metrics", ChartStack(charts).svg)]
        }
        throw .input("\(directory) holds neither a run (metrics.csv) nor a sweep (sweep.json)")
    }
}
