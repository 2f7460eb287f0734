import Foundation
import NanoCityIO
import NanoCityAnalysis

/// The charts `nanocity plot` writes for a directory, as (file stem, SVG text).
public enum ChartFiles {
    /// The charts, and the outcomes left out because they are the same at every point.
    public static func make(directory: String, metrics: [String]?, outcomes: [String]?) throws(ChartError) -> (files: [(String, String)], skipped: [String]) {
        let fm = FileManager.default
        if fm.fileExists(atPath: directory + "/sweep.json") {
            let results: SweepResults
            do throws(SweepError) { results = try SweepResults(directory: directory) } catch { throw .input(error.description) }
            if results.forkAt != nil {
                // A fork: each arm's difference from the baseline over the ticks after the fork.
                guard let charts = try ForkCharts.charts(directory: directory, metrics: metrics), !charts.isEmpty else {
                    throw .input("\(directory): the fork has no arms_ticks.csv yet (it writes it when every replicate is done; with shards, after merge)")
                }
                return (charts.map { ($0.name, $0.chart.svg) }, [])
            }
            let (charts, skipped) = try SweepCharts.outcomeCharts(results, outcomes: outcomes)
            var files = charts.map { ($0.name, $0.chart.svg) }
            files += try SweepCharts.indexCharts(directory: directory).map { ($0.name, $0.chart.svg) }
            if files.isEmpty {
                throw .input("\(directory): no numeric lever or outcome to chart (see --outcomes)"
                    + (skipped.isEmpty ? "" : "; the same at every point: \(skipped.joined(separator: ", "))"))
            }
            return (files, skipped)
        }
        if fm.fileExists(atPath: directory + "/" + OutputNames.metrics) {
            let charts = try RunCharts.charts(directory: directory, metrics: metrics)
            guard !charts.isEmpty else { throw .input("\(directory): no metric to chart (see --metrics)") }
            return ([("metrics", ChartStack(charts).svg)], [])
        }
        throw .input("\(directory) holds neither a run (metrics.csv) nor a sweep (sweep.json)")
    }
}
