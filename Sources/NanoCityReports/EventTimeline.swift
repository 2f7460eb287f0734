import Foundation

/// Events over ticks: one row per event kind, a tick mark per event (thinned to at most
/// `maxMarks` per kind, counts in the labels), as SVG.
public enum EventTimeline {
    public static let maxMarks = 4000

    /// The timeline of `events.csv` text (tick,kind,x,y,agent,amount), or nil when it holds no events.
    public static func svg(eventsCSV text: String, ticks: Int) -> String? {
        var byKind: [String: [Int]] = [:], order: [String] = []
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false)
            guard f.count >= 2, let t = Int(f[0]) else { continue }
            let kind = String(f[1].prefix(40))
            if byKind[kind] == nil {
                guard order.count < 40 else { continue }
                order.append(kind)
            }
            byKind[kind, default: []].append(t)
        }
        guard !order.isEmpty else { return nil }
        let left = 130.0, right = 20.0, rowH = 22.0, top = 30.0
        let width = 900.0, height = top + Double(order.count) * rowH + 40
        var w = SVGWriter(width: width, height: height)
        let maxTick = max(ticks, byKind.values.flatMap { $0 }.max() ?? 1)
        let scale = AxisScale(low: 0, high: Double(max(1, maxTick)), ticks: 8)
        let pw = width - left - right
        func px(_ t: Double) -> Double { left + scale.position(t, length: pw) }
        w.text("Events over the run", x: 10, y: 18, size: 14, weight: "bold")
        for (i, kind) in order.enumerated() {
            let y = top + Double(i) * rowH
            let ticks = byKind[kind]!
            w.text("\(kind) (\(ticks.count))", x: left - 8, y: y + 15, size: 11, anchor: .end)
            w.line(left, y + rowH - 2, left + pw, y + rowH - 2, stroke: "#eeeeee")
            let stride = max(1, (ticks.count + maxMarks - 1) / maxMarks)
            var d = ""
            for (k, t) in ticks.enumerated() where k % stride == 0 {
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
