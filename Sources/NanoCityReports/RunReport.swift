import Foundation
import NanoCityIO
import NanoCityStats
import NanoCityAnalysis

/// `report.html` for a run, a sweep, a fork, crime patterns or a calibration (`nanocity report DIR`).
public enum RunReport {
    /// Frames embedded at most (more are thinned evenly, first and last kept).
    public static let maxFrames = 240
    /// Frame bytes embedded at most.
    public static let maxFrameBytes = 64 << 20
    static let maxTextBytes = 256 << 20

    /// The report page of `directory` (a run, a sweep or a fork); for a sweep, `baseline` (and
    /// `by`) add the paired comparison `nanocity compare` would print.
    public static func html(directory: String, baseline: String? = nil, by: String? = nil) throws(ChartError) -> String {
        if CalibrationReport.present(directory) {
            if baseline != nil || by != nil { throw .input("--baseline and --by go with a sweep directory (\(directory) holds a calibration)") }
            return try CalibrationReport.html(directory: directory)
        }
        if FileManager.default.fileExists(atPath: directory + "/sweep.json") {
            return try SweepReport.html(directory: directory, baseline: baseline, by: by)
        }
        if baseline != nil || by != nil { throw .input("--baseline and --by go with a sweep directory (\(directory) holds a run)") }
        if !FileManager.default.fileExists(atPath: directory + "/" + OutputNames.metrics) && PatternReport.present(directory) {
            return PatternReport.html(directory: directory)
        }
        guard FileManager.default.fileExists(atPath: directory + "/" + OutputNames.metrics) else {
            throw .input("\(directory) holds neither a run (metrics.csv), a sweep (sweep.json) nor crime patterns (knox.csv)")
        }
        return try runHTML(directory: directory)
    }

    static func readText(_ path: String, limit: Int = maxTextBytes) -> String? {
        BoundedRead.data(path, limit: limit).map { String(decoding: $0, as: UTF8.self) }
    }

    static func runHTML(directory dir: String) throws(ChartError) -> String {
        // A missing or damaged manifest leaves the facts blank; the charts still come from metrics.csv.
        let m = try? ManifestRecord.read(dir + "/" + OutputNames.manifest)
        let name = m?.name ?? (dir as NSString).lastPathComponent
        var page = ReportPage(title: "NanoCity run: \(name)")
        page.heading("NanoCity run: \(name)", level: 1)
        func s<T>(_ v: T?) -> String { v.map { "\($0)" } ?? "—" }
        var facts: [(String, String)] = [("status", s(m?.status)), ("world", s(m?.world)), ("seed", s(m?.seed)),
                                         ("ticks", "\(s(m?.ticksCompleted)) of \(s(m?.ticks))")]
        if let map = m?.map {
            facts.append(("map", "\(map.kind ?? "?") \(s(map.width))×\(s(map.height)), \(s(map.centres)) centres"))
        }
        if let o = m?.overrides, !o.isEmpty {
            facts.append(("overrides", o.keys.sorted().map { "\($0) = \(o[$0]!.text)" }.joined(separator: ", ")))
        }
        let build = m?.build.map { " (\($0.configuration ?? "?"), \($0.sourceRevision ?? "?"))" } ?? ""
        facts += [("program", "nanocity \(s(m?.version))\(build)"), ("started", s(m?.startedAt)), ("wall time", "\(s(m?.wallTimeSeconds)) s"),
                  ("command", m?.commandLine?.joined(separator: " ") ?? "—"), ("directory", dir)]
        page.facts(facts)

        let frames = VideoAssembler.frames(in: dir)
        if !frames.isEmpty {
            page.heading("Frames")
            var chosen = frames
            if frames.count > maxFrames {
                chosen = (0..<maxFrames).map { frames[$0 * (frames.count - 1) / (maxFrames - 1)] }
            }
            var loaded: [(tick: Int, png: [UInt8])] = [], bytes = 0
            for f in chosen {
                // The size is checked before the file is read: a frame is a few hundred KB.
                let size = (try? FileManager.default.attributesOfItem(atPath: f)[.size] as? Int) ?? Int.max
                guard size <= maxFrameBytes - bytes, let d = FileManager.default.contents(atPath: f), bytes + d.count <= maxFrameBytes else { break }
                bytes += d.count
                let t = Int(((f as NSString).lastPathComponent).dropFirst(6).dropLast(4)) ?? 0
                loaded.append((t, [UInt8](d)))
            }
            if loaded.isEmpty {
                page.paragraph("No frame is embedded: the first is larger than the page's budget of \(maxFrameBytes >> 20) MB. "
                    + "The run's \(frames.count) frames are in frames/ (a smaller --frame-scale makes them fit).", cls: "note")
            }
            let note = loaded.count < frames.count
                ? "\(loaded.count) of the run's \(frames.count) frames are embedded (evenly spaced, up to \(maxFrames) frames and \(maxFrameBytes >> 20) MB); all are in frames/."
                : "\(frames.count) frames. The slider moves through them; Play runs them at about 7 per second."
            page.player(frames: loaded, note: note)
        }

        page.heading("Metrics")
        for chart in try RunCharts.charts(directory: dir, metrics: nil) { page.figure(svg: chart.svg) }
        page.paragraph("Per-tick counters (thefts, arrests) are drawn as running totals. Every column is in metrics.csv.", cls: "note")

        if FileManager.default.fileExists(atPath: dir + "/" + OutputNames.events) {
            page.heading("Events")
            let ticks = m?.ticks ?? 0
            if let svg = EventTimeline.svg(eventsPath: dir + "/" + OutputNames.events, ticks: ticks) { page.figure(svg: svg) } else { page.paragraph("No events.") }
        }
        if PatternReport.present(dir + "/patterns") { PatternReport.add(to: &page, folder: dir + "/patterns") }
        return page.html
    }
}
