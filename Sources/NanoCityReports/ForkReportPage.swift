import Foundation
import NanoCityIO
import NanoCityAnalysis
import NanoCityModel

/// `report.html` for a policy fork: the plan, the arms table (paired differences from the
/// baseline arm over the fork's window), per-arm differences over the ticks after the fork
/// with their CI bands, and the per-cell difference maps of `delta/`.
enum ForkReportPage {
    /// With zones: the displacement table, where the events went (per-cell event differences
    /// with the zones outlined) and the ring profile (rings.csv).
    static func zoneSections(_ page: inout ReportPage, directory dir: String, results r: SweepResults, arms: [String]) {
        let d = DisplacementAccounting(r, baseline: arms.first ?? "")
        guard !d.rows.isEmpty else { return }
        page.heading("Place-based effects: target, buffer, rest")
        page.paragraph("Effect = arm − baseline in events per run over \(r.windowDescription), paired on replicates, 95% CIs. "
            + "target = the zone, buffer = its ring, rest = the rest of the city, net = target + buffer; quotient = buffer effect ÷ "
            + "target effect with Fieller's interval: below 0 displacement into the buffer, above 0 a diffusion of benefits (Bowers & "
            + "Johnson 2003). A measure the city never produced is left out.", cls: "note")
        var rows: [[String]] = []
        for row in d.rows {
            guard d.isProduced(row) else { continue }
            var cells = [row.arm, row.zone, row.measure, row.part.rawValue]
            if let q = row.ratio, d.bufferHasNone(row) {
                cells += [String(q.n), "", "", "0 (none in the buffer in either arm)", ""]
            } else if let q = row.ratio {
                let ci = q.interval.map { String(format: "[%+.3g, %+.3g]", $0.lowerBound, $0.upperBound) } ?? "unbounded"
                cells += [String(q.n), "", "", q.estimate.isNaN ? "undefined (no target effect)" : String(format: "%+.3g ", q.estimate) + ci, ""]
            } else {
                let c = SweepReport.cells(n: row.difference?.n, base: row.baselineMean ?? .nan, mean: row.mean ?? .nan,
                                          d: row.difference.map { ($0.difference, $0.low, $0.high, $0.p) })
                cells += [c[0], c[1], c[2], c[3], c[5]]
            }
            rows.append(cells)
        }
        page.table(header: ["arm", "zone", "events", "area", "n", "baseline", "mean", "effect [95% CI]", "p"],
                   rows: rows, numericFrom: 4)

        let zones = BoundedRead.data(dir + "/zones.npy", limit: 1 << 30).flatMap { NPYFormat.decode([UInt8]($0)) }?.values
        page.heading("Where crime went: events per cell")
        page.paragraph("Mean difference from the baseline in events per cell over the window (delta/<arm>_<events>.npy), zones outlined "
            + "in black; each map on its own symmetric scale (purple fewer, orange more).", cls: "note")
        page.raw("<div class=\"maps\">\n")
        var empty: [String] = []
        for arm in arms.dropFirst() {
            for measure in EventCountRecorder.names {
                guard let bytes = BoundedRead.data(ForkDirectory.deltaPath(dir, arm: arm, map: measure), limit: 1 << 30), let map = DeltaMap(npy: [UInt8](bytes)) else { continue }
                if map.limit == 0 { empty.append("\(arm): \(measure)"); continue }
                let pixels = max(1, min(8, 300 / max(map.width, 1)))
                guard let png = try? map.png(pixels: pixels, zones: zones) else { continue }
                page.image(png: png, alt: "\(arm): \(measure) difference", caption: "\(arm): \(measure), ±\(String(format: "%.3g", map.limit)) per cell",
                           cls: "delta")
            }
        }
        page.raw("</div>\n")
        if !empty.isEmpty { page.paragraph("No difference anywhere: " + empty.joined(separator: ", ") + ".", cls: "note") }

        // rings.csv is small (arms × zones × 4 × 17 rows) and written by this program; read it whole, bounded.
        guard let data = BoundedRead.data(dir + "/" + "rings.csv", limit: 64 << 20) else { return }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let h = lines.first, let ia = h.firstIndex(of: "arm"), let iz = h.firstIndex(of: "zone"), let im = h.firstIndex(of: "measure"),
              let ir = h.firstIndex(of: "ring"), let id = h.firstIndex(of: "difference"), let lo = h.firstIndex(of: "ci_low"),
              let hi = h.firstIndex(of: "ci_high") else { return }
        var series: [String: [(x: Double, y: Double, low: Double, high: Double)]] = [:], order: [String] = []
        for f in lines.dropFirst() {
            guard f.count == h.count, let ring = Double(f[ir]), let y = Double(f[id]) else { continue }
            let key = "\(f[ia])|\(f[iz])|\(f[im])"
            if series[key] == nil { guard order.count < 200 else { continue }; order.append(key) }
            series[key, default: []].append((ring, y, Double(f[lo]) ?? y, Double(f[hi]) ?? y))
        }
        page.heading("Ring profile: the difference by distance from each zone")
        page.paragraph("Mean paired difference in events per run in the zone (ring 0), in the ring k cells out (Chebyshev), and beyond "
            + "\(16) cells (the last point), with 95% CIs (rings.csv). Crime displaced around the corner shows as a rise just outside; "
            + "a diffusion of benefits as a fall.", cls: "note")
        var byChart: [String: [ChartSeries]] = [:], charts: [String] = []
        for key in order {
            let parts = key.split(separator: "|").map(String.init)
            let points = series[key]!
            if points.allSatisfy({ $0.y == 0 && $0.low == 0 && $0.high == 0 }) { continue }
            let chart = "\(parts[1]): \(parts[2])"
            if byChart[chart] == nil { charts.append(chart) }
            byChart[chart, default: []].append(ChartSeries(name: parts[0] + " − baseline", color: ChartColors.at(max(0, (arms.firstIndex(of: parts[0]) ?? 1) - 1)),
                                                          points: points.map { ($0.x, $0.y) }, interval: points.map { ($0.low, $0.high) }))
        }
        for c in charts {
            var chart = LineChart(title: "zone \(c): arm − baseline by distance (events per run, 95% CI)", xLabel: "ring (cells from the zone; 0 = the zone)",
                                  yLabel: "Δ events", series: byChart[c]!)
            chart.markers = true
            chart.height = 260
            page.figure(svg: chart.svg)
        }
    }

    static func html(directory dir: String, results r: SweepResults) throws(ChartError) -> String {
        let name = (dir as NSString).lastPathComponent
        var page = ReportPage(title: "NanoCity policy fork: \(name)")
        page.heading("NanoCity policy fork: \(name)", level: 1)
        let arms = r.points.map { $0.values.first ?? "?" }
        let reps = Set(r.points.map(\.replicates.count)).sorted().map(String.init).joined(separator: "–")
        page.facts([("arms", arms.joined(separator: ", ") + " (the first is the baseline)"), ("replicates", reps + " per arm"),
                    ("fork", "every replicate runs to tick \(r.forkAt ?? 0) once, then each arm continues from that state with the same streams"),
                    ("outcomes over", r.windowDescription), ("seeds", "base seed \(r.baseSeed)"), ("directory", dir)])
        let outcomes = MetricCatalog.headlineOutcomes.filter { r.outcomes.contains($0) }
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
            for field in ForkDirectory.deltaFields {
                let path = ForkDirectory.deltaPath(dir, arm: arm, map: field)
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
        zoneSections(&page, directory: dir, results: r, arms: arms)
        return page.html
    }
}
