import Foundation
import NanoCityIO
import Testing

/// `nanocity report` writes one page that headless Chromium loads without a script error, whose
/// slider shows another tick, and whose screenshot shows the first frame and a chart.
@Suite struct ReportTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    func browse(_ url: String, _ extra: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.chromium!)
        let profile = CLI.tempDir("chromium-profile")
        p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=" + profile] + extra + [url]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let d = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: d, as: UTF8.self)
    }

    @Test func runReportWithoutABrowser() throws {
        let dir = CLI.tempDir("report")
        #expect(try CLI.run(["run", "--ticks", "20", "--frame-every", "5", "--frame-scale", "4", "--out", dir + "/run", "--quiet"]).status == 0)
        let r = try CLI.run(["report", dir + "/run"])
        #expect(r.status == 0, "\(r.stderr)")
        let html = CLI.read(dir + "/run/report.html")
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.components(separatedBy: "data:image/png;base64,").count - 1 == 5 + 1)  // 5 frames + the first shown
        // Nothing is fetched from the network: no URL but SVG's namespace name (never fetched).
        let withoutNamespaces = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        #expect(!withoutNamespaces.contains("http://") && !withoutNamespaces.contains("https://"))
        #expect(html.contains("<svg") && html.contains("class=\"series\""))
        let bad = try CLI.run(["report", dir + "/nothing"])
        #expect(bad.status == 2 && bad.stderr.contains("does not exist"))
    }

    @Test(.enabled(if: chromium != nil)) func runReportOpensInABrowserAndTheSliderMoves() throws {
        let dir = CLI.tempDir("report-browser")
        #expect(try CLI.run(["run", "--ticks", "20", "--frame-every", "5", "--frame-scale", "4", "--out", dir + "/run", "--quiet"]).status == 0)
        #expect(try CLI.run(["report", dir + "/run"]).status == 0)
        let url = "file://" + dir + "/run/report.html"
        let first = try browse(url, ["--dump-dom"])
        #expect(first.contains("data-ready=\"1\""))
        #expect(!first.contains("data-errors=\""))
        #expect(first.contains("<b id=\"tick\">0</b>"))
        // `#frame=10` names a tick and moves the slider through its own input handler; a tick
        // between frames shows the last frame before it.
        let moved = try browse(url + "#frame=10", ["--dump-dom"])
        #expect(moved.contains("<b id=\"tick\">10</b>") && !moved.contains("data-errors=\""))
        let between = try browse(url + "#tick=12", ["--dump-dom"])
        #expect(between.contains("<b id=\"tick\">10</b>"))
        let shot = dir + "/shot.png"
        _ = try browse(url, ["--screenshot=" + shot, "--window-size=1000,1400"])
        let png = try PNGImage.read(path: shot)
        var street = 0, series = 0
        for i in stride(from: 0, to: png.pixels.count, by: 3) {
            let (r, g, b) = (Int(png.pixels[i]), Int(png.pixels[i + 1]), Int(png.pixels[i + 2]))
            if abs(r - 200) <= 2 && abs(g - 200) <= 2 && abs(b - 200) <= 2 { street += 1 }   // street cells of the frame
            if abs(r - 0) <= 8 && abs(g - 114) <= 8 && abs(b - 178) <= 8 { series += 1 }     // the first chart's line
        }
        #expect(street > 2000, "the first frame is on screen")
        #expect(series > 100, "a chart is on screen")
    }

    @Test(.enabled(if: chromium != nil)) func sweepReportShowsPointsAndCharts() throws {
        let dir = CLI.tempDir("report-sweep")
        #expect(try CLI.run(["sweep", "--vary", "guards.count=2,6", "--replicates", "3", "--ticks", "200", "--out", dir + "/s", "--quiet"]).status == 0)
        let r = try CLI.run(["report", dir + "/s"])
        #expect(r.status == 0, "\(r.stderr)")
        let dom = try browse("file://" + dir + "/s/report.html", ["--dump-dom"])
        #expect(dom.contains("data-ready=\"1\"") && !dom.contains("data-errors=\""))
        #expect(dom.contains("id=\"points\"") && dom.contains("thefts_total against guards.count"))
        // No heist in 200 ticks of the default world: its losses are zero everywhere, said, not drawn.
        #expect(dom.contains("Not drawn, the same at every point and replicate: heist_losses_total"))
        let plot = try CLI.run(["plot", dir + "/s", "--outcomes", "thefts_total,heist_losses_total"])
        #expect(plot.status == 0 && plot.stdout.contains("thefts_total_vs_guards.count.svg") && !plot.stdout.contains("heist_losses"))
        #expect(plot.stderr.contains("skipped (the same at every point and replicate): heist_losses_total"))
    }

    /// A fork's page: the arms table, one chart per metric with a CI band per arm, and a delta
    /// map per arm and field, decoded by the browser without a script error; a sweep's page
    /// carries the paired comparison and a table of contents.
    @Test(.enabled(if: chromium != nil)) func forkReportShowsArmsChartsAndMaps() throws {
        let dir = CLI.tempDir("report-fork")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try """
            [[arm]]
            name = "baseline"
            [[arm]]
            name = "more-guards"
            set = { "guards.count" = 20 }
            [[arm]]
            name = "sensor-patrol"
            set = { "guards.patrol" = "sensor" }
            """.write(toFile: dir + "/arms.toml", atomically: true, encoding: .utf8)
        let f = try CLI.run(["sweep", "--fork-at", "30", "--arms", dir + "/arms.toml", "--replicates", "3", "--ticks", "80",
                             "--out", dir + "/f", "--quiet"])
        #expect(f.status == 0, "\(f.stderr)")
        let r = try CLI.run(["report", dir + "/f"])
        #expect(r.status == 0, "\(r.stderr)")
        let html = CLI.read(dir + "/f/report.html")
        #expect(html.components(separatedBy: "<img class=\"delta\"").count - 1 == 2 * 3, "two arms × three fields")
        #expect(html.contains("ticks 31–80 (after the fork at tick 30)") && html.contains("Arms against the baseline"))
        #expect(html.contains("<nav class=\"toc\">"))
        let dom = try browse("file://" + dir + "/f/report.html", ["--dump-dom", "--virtual-time-budget=2000"])
        #expect(dom.contains("data-ready=\"1\"") && !dom.contains("data-errors=\""))
        #expect(dom.contains("class=\"band\"") && dom.contains("thefts per tick: arm − baseline"))
        // Every delta map decodes: the browser gives each image its natural width.
        let shot = dir + "/shot.png"
        _ = try browse("file://" + dir + "/f/report.html#s3", ["--screenshot=" + shot, "--window-size=1100,3000"])
        #expect(FileManager.default.fileExists(atPath: shot))
        let plot = try CLI.run(["plot", dir + "/f"])
        #expect(plot.status == 0 && plot.stdout.contains("fork_thefts.svg"), "\(plot.stderr)")

        #expect(try CLI.run(["sweep", "--vary", "guards.count=2,8", "--seeds", "per-replicate", "--replicates", "3", "--ticks", "40",
                             "--out", dir + "/s", "--quiet"]).status == 0)
        #expect(try CLI.run(["report", dir + "/s", "--baseline", "guards.count=2"]).status == 0)
        let sweep = CLI.read(dir + "/s/report.html")
        #expect(sweep.contains("Comparison with the baseline") && sweep.contains("paired differences"))
    }
}
