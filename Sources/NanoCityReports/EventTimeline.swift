import Foundation
import NanoCityIO

/// Events over ticks: one row per event kind, a tick mark per event (at most `maxMarks` per
/// kind: events are gathered into that many equal spans of the run, a mark per span that has
/// any; counts in the labels), as SVG.
public enum EventTimeline {
    public static let maxMarks = 4000

    /// The timeline of an `events.csv` (tick,kind,x,y,agent,amount), read as a stream (a long
    /// run's log can be gigabytes), or nil when it holds no events or cannot be read.
    public static func svg(eventsPath path: String, ticks: Int) -> String? {
        let span = Double(max(ticks, 1)) / Double(maxMarks)
        var bins: [String: Set<Int>] = [:], counts: [String: Int] = [:], order: [String] = []
        var lastTick = 0
        do {
            try LineReader.forEachLine(path) { line, number in
                guard number > 1 else { return true }
                let f = line.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false)
                guard f.count >= 2, let t = Int(f[0]), t >= 0 else { return true }
                let kind = String(f[1].prefix(40))
                if counts[kind] == nil {
                    guard order.count < 40 else { return true }
                    order.append(kind)
                }
                counts[kind, default: 0] += 1
                bins[kind, default: []].insert(min(maxMarks, Int(Double(t) / max(span, 1))))
                lastTick = max(lastTick, t)
                return true
            }
        } catch { return nil }
        guard !order.isEmpty else { return nil }
        let byKind = bins.mapValues { $0.sorted().map { Int(Double($0) * max(span, 1)) } }
        let left = 130.0, right = 20.0, rowH = 22.0, top = 30.0
        let width = 900.0, height = top + Double(order.count) * rowH + 40
        var w = SVGWriter(width: width, height: height)
        let maxTick = max(ticks, lastTick)
        let scale = AxisScale(low: 0, high: Double(max(1, maxTick)), ticks: 8)
        let pw = width - left - right
        func px(_ t: Double) -> Double { left + scale.position(t, length: pw) }
        w.text("Events over the run", x: 10, y: 18, size: 14, weight: "bold")
        for (i, kind) in order.enumerated() {
            let y = top + Double(i) * rowH
            let ticks = byKind[kind]!
            w.text("\(kind) (\(counts[kind]!))", x: left - 8, y: y + 15, size: 11, anchor: .end)
            w.line(left, y + rowH - 2, left + pw, y + rowH - 2, stroke: "#eeeeee")
            var d = ""
            for t in ticks {
                d += "M\(SVGWriter.n(px(Double(t)))),\(SVGWriter.n(y + 4))v14"
            }
            w.raw("<path class=\"series\" d=\"\(d)\" stroke=\"\(ChartColors.at(i))\" stroke-width=\"1\" fill=\"none\"/>\n")
        }
        let axisY = top + Double(order.count) * rowH + 2
        for t in scale.ticks {
            w.line(px(t), axisY, px(t), axisY + 4, stroke: "#444444")
            w.text(scale.label(t), x: px(t), y: axisY + 16, size: 11, anchor: .middle)
        }
        w.text("tick", x: left + pw / 2, y: axisY + 32, size: 12, anchor: .middle)
        return w.document
    }
}
