import Foundation
import NanoCityIO
import NanoCityAnalysis

/// The crime-pattern section of a report, from the files `nanocity patterns` wrote: the Knox
/// table, concentration with its Lorenz curve, the Gi* map, Moran's I, the wavelength and
/// persistence — the printed summary's figures, from the same files.
enum PatternReport {
    /// Whether `folder` holds a patterns result.
    static func present(_ folder: String) -> Bool {
        FileManager.default.fileExists(atPath: folder + "/" + PatternFiles.knox)
            && FileManager.default.fileExists(atPath: folder + "/" + PatternFiles.settings)
    }

    /// A page of its own, for observed incidents' `--out` folder.
    static func html(directory dir: String) -> String {
        var page = ReportPage(title: "NanoCity crime patterns: \((dir as NSString).lastPathComponent)")
        page.heading("NanoCity crime patterns: \((dir as NSString).lastPathComponent)", level: 1)
        add(to: &page, folder: dir)
        return page.html
    }

    static func rows(_ path: String) -> [[String]] {
        guard let text = RunReport.readText(path, limit: 256 << 20) else { return [] }
        return text.split(separator: "\n").prefix(1_000_001).map { SummaryCSV.split(String($0)) }
    }

    static func number(_ s: String?, _ digits: Int = 3) -> String {
        guard let s, let v = Double(s), v.isFinite else { return "–" }
        return format(v, digits)
    }

    /// Whole numbers as integers, others to `digits` significant digits, without an exponent
    /// for ordinary magnitudes.
    static func format(_ v: Double, _ digits: Int = 3) -> String {
        if v == v.rounded() && abs(v) < 1e15 { return String(Int(v)) }
        let mag = Int(floor(log10(abs(v))))
        if mag >= 7 || mag < -4 { return String(format: "%.\(digits - 1)e", v) }
        return String(format: "%.\(max(0, digits - 1 - mag))f", v)
    }

    /// Days since 1970-01-01 as a calendar date (observed incidents' times).
    static func date(_ days: Double) -> String {
        let d = Date(timeIntervalSince1970: days * 86400)
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = days == days.rounded() ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm"
        return f.string(from: d)
    }

    static func add(to page: inout ReportPage, folder: String) {
        let settings = (RunReport.readText(folder + "/" + PatternFiles.settings, limit: 16 << 20))
            .flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] } ?? [:]
        let results = settings["results"] as? [String: Any] ?? [:]
        let knox = settings["knox"] as? [String: Any] ?? [:]
        func r(_ k: String) -> String { number((results[k] as? NSNumber).map { "\($0.doubleValue)" }) }
        page.heading("Crime patterns")
        var facts: [(String, String)] = [("source", settings["source"].map { "\($0)" } ?? "—")]
        if let kinds = settings["kinds"] as? [String] { facts.append(("kinds", kinds.joined(separator: ", "))) }
        if let from = settings["from_tick"], let to = settings["to_tick"] { facts.append(("ticks", "\(from)–\(to)")) }
        // Observed incidents carry days since 1970 (shown as dates), a run days since tick 0.
        let observed = settings["rows"] != nil
        if let span = settings["span_days"] as? [NSNumber], span.count == 2 {
            let (a, b) = (span[0].doubleValue, span[1].doubleValue)
            facts.append(("span", observed ? "\(date(a)) to \(date(b)) (\(format(b - a, 4)) days)" : "days \(format(a, 4))–\(format(b, 4)) of the run"))
        }
        if let g = settings["grid"] as? [String: Any] { facts.append(("grid", "\(g["width"] ?? "?")×\(g["height"] ?? "?") cells of \(g["cell_m"] ?? "?") m")) }
        facts.append(("incidents", r("incidents")))
        page.facts(facts)

        page.heading("Knox test (near repeats)", level: 3)
        let k = rows(folder + "/" + PatternFiles.knox)
        if let header = k.first, let sb = header.firstIndex(of: "space_band"), let tb = header.firstIndex(of: "time_band"),
           let ratio = header.firstIndex(of: "ratio_mean"), let p = header.firstIndex(of: "p_value"), let obs = header.firstIndex(of: "observed") {
            var columns: [String] = [], table: [[String]] = []
            for row in k.dropFirst() where row.count == header.count {
                if !columns.contains(row[tb]) { columns.append(row[tb]) }
                if table.last?.first != row[sb] { table.append([row[sb]]) }
                table[table.count - 1].append("\(number(row[ratio])) (p \(number(row[p], 2)); \(row[obs]) pairs)")
            }
            page.table(header: ["distance \\ time"] + columns, rows: table, numericFrom: 1)
            page.paragraph("Observed pairs over the mean of \(knox["iterations"] ?? "?") permutations of the incidents' times; "
                + "rank p-value, one-sided for an excess; \(knox["convention"] as? String == "nrc" ? "the Near Repeat Calculator's half-open edges" : "band edges as labelled"). "
                + "The far cells hold most pairs: a deficit near is an excess far, so their ratio is 1.00x with a small p.", cls: "note")
        }

        page.heading("Concentration", level: 3)
        page.facts([("cells holding 50% of incidents", pct(results["concentration_50"])),
                    ("cells holding 25%", pct(results["concentration_25"])),
                    ("Gini (all cells)", r("gini")), ("generalised Gini (Bernasco & Steenbeek 2017)", r("gini_generalised"))])
        let lorenz = rows(folder + "/" + PatternFiles.lorenz).dropFirst().compactMap { f -> (x: Double, y: Double)? in
            guard f.count == 2, let x = Double(f[0]), let y = Double(f[1]) else { return nil }
            return (x * 100, y * 100)
        }
        if !lorenz.isEmpty {
            let chart = LineChart(title: "Lorenz curve of incidents over cells", xLabel: "cells, fewest incidents first (%)",
                                  yLabel: "incidents (%)",
                                  series: [ChartSeries(name: "Lorenz curve", color: ChartColors.at(0), points: lorenz),
                                           ChartSeries(name: "equality", color: "#999999", points: [(0, 0), (100, 100)])])
            page.figure(svg: chart.svg)
        }

        page.heading("Hot spots (Getis–Ord Gi*) and Moran's I", level: 3)
        if let png = BoundedRead.data(folder + "/" + PatternFiles.giStarImage, limit: 32 << 20) {
            page.image(png: [UInt8](png), alt: "Gi* z-scores per cell", caption: "Gi* z-scores per cell (RdBu, ±4); cells not significant at FDR \(settings["fdr"] ?? "?") faded.", cls: "map")
        }
        page.facts([("hot-spot cells", pct(results["gi_hotspot_share"])),
                    ("Moran's I", "\(r("moran_i")) (expected \(r("moran_expected")); p \(r("moran_p")))"),
                    ("dominant wavelength", "\(r("wavelength_m")) m"), ("hotspots (peaks of the 3×3 mean)", r("hotspots"))])

        page.heading("Persistence", level: 3)
        let pers = rows(folder + "/" + PatternFiles.persistence)
        if pers.count > 1 {
            let dayColumns = Set(["from_day", "to_day", "next_to_day"])
            page.table(header: pers[0], rows: Array(pers.dropFirst()).map { row in
                row.enumerated().map { i, v in
                    observed && i < pers[0].count && dayColumns.contains(pers[0][i]) ? (Double(v).map(date) ?? v) : number(v, 4)
                }
            }, numericFrom: 0)
        } else {
            page.paragraph("Fewer than two complete windows of \(settings["window_days"] ?? "?") days.", cls: "note")
        }
    }

    static func pct(_ v: Any?) -> String {
        guard let d = (v as? NSNumber)?.doubleValue, d.isFinite else { return "–" }
        return String(format: "%.3g%%", d * 100)
    }
}
