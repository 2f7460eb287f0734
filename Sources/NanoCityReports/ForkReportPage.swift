import Foundation
import NanoCityIO
import NanoCitySweep

/// `report.html` for a policy fork: the plan, the arms table (paired differences from the
/// baseline arm over the fork's window), per-arm differences over the ticks after the fork
/// with their CI bands, and the per-cell difference maps of `delta/`.
enum ForkReportPage {
    static func html(directory dir: String, results r: SweepResults) throws(ChartError) -> String {
        let name = (dir as NSString).lastPathComponent
        var page = ReportPage(title: "NanoCity policy fork: \(name)")
        page.heading("NanoCity policy fork: \(name)", level: 1)
        let arms = r.points.map { $0.values.first ?? "?" }
        let reps = Set(r.points.map(\.replicates.count)).sorted().map(String.init).joined(separator: "–")
        page.facts([("arms", arms.joined(separator: ", ") + " (the first is the baseline)"), ("replicates", reps + " per arm"),
                    ("fork", "every replicate runs to tick \(r.forkAt ?? 0) once, then each arm continues from that state with the same streams"),
                    ("outcomes over", r.windowDescription), ("seeds", "base seed \(r.baseSeed)"), ("directory", dir)])
        let outcomes = SweepResults.headlineOutcomes.filter { r.outcomes.contains($0) }
        page.heading("Arms against the baseline")
        do throws(SweepError) {
            let c = try PolicyComparison(r, baseline: "arm=" + (arms.first ?? ""))
            page.paragraph("Paired differences (replicate r of an arm with replicate r of the baseline, the same state at the fork "
                + "and the same random streams after it); 95% CIs; outcomes over \(c.windowDescription).", cls: "note")
            page.table(header: ["arm", "outcome", "n", "baseline", "mean", "difference [95% CI]", "relative", "p"],
                       rows: c.rows.filter { outcomes.contains($0.outcome) }.map { row in
                           [(row.point.values.first ?? "") + r.realisedNote(row.point), row.outcome] + SweepReport.cells(n: row.difference?.n, base: row.baselineMean, mean: row.mean,
                                                                                          d: row.difference.map { ($0.difference, $0.low, $0.high, $0.p) })
                       }, numericFrom: 2)
            if let note = SweepReport.leverNote(r) { page.paragraph(note, cls: "warn") }
        } catch { throw .input(error.description) }

        if let charts = try ForkCharts.charts(directory: dir, metrics: nil), !charts.isEmpty {
            page.heading("Differences over the ticks after the fork")
            page.paragraph("Each line is an arm's mean paired difference from the baseline at that tick (per-tick counters count that "
                + "tick only); the band is its 95% CI over the replicates (arms_ticks.csv).", cls: "note")
            for c in charts { page.figure(svg: c.chart.svg) }
        }

        page.heading("Where the arms differ: per-cell maps at the last tick")
        page.paragraph("Mean difference from the baseline per cell at tick \(r.windowTicks.upperBound) (delta/<arm>_<field>.npy), each map on "
            + "its own symmetric scale: purple less than the baseline, white the same, orange more; full colour at the ± value given.", cls: "note")
        page.raw("<p class=\"note\"><span class=\"bar\"></span> less ← 0 → more</p>\n<div class=\"maps\">\n")
        var drawn = 0
        for arm in arms.dropFirst() {
            for field in ForkPlan.deltaFields {
                let path = dir + "/delta/\(arm)_\(field).npy"
                guard let bytes = BoundedRead.data(path, limit: 1 << 30), let map = DeltaMap(npy: [UInt8](bytes)) else { continue }
                let pixels = max(1, min(8, 300 / max(map.width, 1)))
                guard let png = try? map.png(pixels: pixels) else { continue }
                page.image(png: png, alt: "\(arm): \(field) difference", caption: "\(arm): \(field), ±\(String(format: "%.3g", map.limit))"
                           + (map.limit == 0 ? " (no difference anywhere)" : ""), cls: "delta")
                drawn += 1
            }
        }
        page.raw("</div>\n")
        if drawn == 0 { page.paragraph("No delta maps found in \(dir)/delta.", cls: "note") }
        return page.html
    }
}
