/// Sensitivity indices as horizontal bars with 95% CI whiskers: first-order S1 and total ST
/// per parameter, parameters ranked by ST.
public struct IndexChart: Sendable {
    public struct Row: Sendable {
        public var parameter: String
        public var s1: Double, s1Low: Double, s1High: Double
        public var st: Double, stLow: Double, stHigh: Double

        public init(parameter: String, s1: Double, s1Low: Double, s1High: Double, st: Double, stLow: Double, stHigh: Double) {
            self.parameter = parameter
            self.s1 = s1; self.s1Low = s1Low; self.s1High = s1High
            self.st = st; self.stLow = stLow; self.stHigh = stHigh
        }
    }

    public var title: String
    public var rows: [Row]
    public var width = 640.0
    public static let colors = (s1: "#0072b2", st: "#e69f00")

    public init(title: String, rows: [Row]) {
        self.title = title
        self.rows = rows.sorted { $0.st > $1.st }
    }

    public var height: Double { 70 + Double(rows.count) * 34 + 30 }

    public var svg: String {
        var w = SVGWriter(width: width, height: height)
        let left = 190.0, right = 20.0, top = 40.0, pw = width - left - right
        let values = rows.flatMap { [$0.s1Low, $0.s1High, $0.stLow, $0.stHigh, $0.s1, $0.st] }.filter(\.isFinite)
        let scale = AxisScale(low: min(0, values.min() ?? 0), high: max(1, values.max() ?? 1), ticks: 6)
        func px(_ v: Double) -> Double { left + scale.position(v, length: pw) }
        let ph = Double(rows.count) * 34
        w.text(title, x: 10, y: 20, size: 14, weight: "bold")
        for t in scale.ticks {
            w.line(px(t), top, px(t), top + ph, stroke: t == 0 ? "#444444" : "#e4e4e4")
            w.text(scale.label(t), x: px(t), y: top + ph + 16, size: 11, anchor: .middle)
        }
        w.text("Sobol' index (share of output variance)", x: left + pw / 2, y: top + ph + 34, size: 12, anchor: .middle)
        for (i, r) in rows.enumerated() {
            let y = top + Double(i) * 34
            w.text(r.parameter, x: left - 8, y: y + 21, size: 12, anchor: .end)
            for (k, (v, lo, hi, color)) in [(r.s1, r.s1Low, r.s1High, Self.colors.s1), (r.st, r.stLow, r.stHigh, Self.colors.st)].enumerated() {
                let by = y + 5 + Double(k) * 12
                let x0 = px(min(0, v)), x1 = px(max(0, v))
                w.rect(x0, by, x1 - x0, 10, fill: color)
                if lo.isFinite && hi.isFinite {
                    w.line(px(lo), by + 5, px(hi), by + 5, stroke: "#222222", width: 1.2)
                    w.line(px(lo), by + 1, px(lo), by + 9, stroke: "#222222", width: 1.2)
                    w.line(px(hi), by + 1, px(hi), by + 9, stroke: "#222222", width: 1.2)
                }
            }
        }
        let ly = top + ph + 52
        w.rect(left, ly - 9, 14, 10, fill: Self.colors.s1)
        w.text("S1 first order", x: left + 20, y: ly, size: 11)
        w.rect(left + 140, ly - 9, 14, 10, fill: Self.colors.st)
        w.text("ST total (with interactions); bars: 95% CI", x: left + 160, y: ly, size: 11)
        return w.document
    }
}
