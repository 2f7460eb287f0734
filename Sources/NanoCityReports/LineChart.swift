/// One series of a line chart: points, and optionally a 95% CI per point (drawn as a band
/// and error bars).
public struct ChartSeries: Sendable {
    public var name: String
    public var color: String
    public var points: [(x: Double, y: Double)]
    public var interval: [(low: Double, high: Double)]?

    public init(name: String, color: String, points: [(x: Double, y: Double)], interval: [(low: Double, high: Double)]? = nil) {
        self.name = name
        self.color = color
        self.points = points
        self.interval = interval
    }
}

/// Okabe & Ito's colour-blind-safe palette, for chart series.
public enum ChartColors {
    public static let series = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000", "#f0e442"]
    public static func at(_ i: Int) -> String { series[i % series.count] }
}

/// A chart of series against a numeric x axis: real axes with nice ticks, axis titles with
/// units, a legend, one `<path class="series">` per series, and CIs as bands and error bars.
public struct LineChart: Sendable {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [ChartSeries]
    public var width = 640.0
    public var height = 320.0
    /// Draw each point as a dot (sweeps: few points); runs draw only the line.
    public var markers = false
    /// Join the points by a line; off for point clouds (a sampled design's points are not an
    /// ordered series: a line through them would zigzag).
    public var lines = true

    public init(title: String, xLabel: String, yLabel: String, series: [ChartSeries]) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
    }

    /// The chart as a standalone SVG document.
    public var svg: String {
        var w = SVGWriter(width: width, height: height)
        draw(into: &w)
        return w.document
    }

    /// Draws the chart with its top-left corner at the writer's origin.
    public func draw(into w: inout SVGWriter) {
        let left = 72.0, right = 16.0, top = 34.0
        let legendRows = series.count > 1 ? Double((series.count + 2) / 3) : 0
        let bottom = 46.0 + legendRows * 16
        let pw = width - left - right, ph = height - top - bottom
        var xs: [Double] = [], ys: [Double] = []
        for s in series {
            for (i, p) in s.points.enumerated() where p.x.isFinite && p.y.isFinite {
                xs.append(p.x); ys.append(p.y)
                if let iv = s.interval, i < iv.count, iv[i].low.isFinite, iv[i].high.isFinite { ys += [iv[i].low, iv[i].high] }
            }
        }
        let xScale = AxisScale(low: xs.min() ?? 0, high: xs.max() ?? 1, ticks: 6)
        let yScale = AxisScale(low: ys.min() ?? 0, high: ys.max() ?? 1, ticks: 5)
        func px(_ x: Double) -> Double { left + xScale.position(x, length: pw) }
        func py(_ y: Double) -> Double { top + ph - yScale.position(y, length: ph) }
        w.text(title, x: left, y: 20, size: 14, weight: "bold")
        w.gridAndTicks(x: xScale, y: yScale, left: left, top: top, width: pw, height: ph, fontSize: 11, xLabelDrop: 17)
        w.line(left, top + ph, left + pw, top + ph, stroke: "#444444")
        w.line(left, top, left, top + ph, stroke: "#444444")
        w.text(xLabel, x: left + pw / 2, y: top + ph + 34, size: 12, anchor: .middle)
        w.text(yLabel, x: 16, y: top + ph / 2, size: 12, anchor: .middle, rotate: true)
        for s in series {
            let pts = s.points.filter { $0.x.isFinite && $0.y.isFinite }
            if let iv = s.interval, iv.count == s.points.count {
                let ok = s.points.indices.filter { s.points[$0].x.isFinite && iv[$0].low.isFinite && iv[$0].high.isFinite }
                if ok.count > 1 {
                    let band = ok.map { (px(s.points[$0].x), py(iv[$0].high)) } + ok.reversed().map { (px(s.points[$0].x), py(iv[$0].low)) }
                    w.path(band, stroke: "none", width: 0, fill: s.color, opacity: 0.15, closed: true, cls: "band")
                }
                if markers {
                    for i in ok {
                        let x = px(s.points[i].x)
                        w.line(x, py(iv[i].low), x, py(iv[i].high), stroke: s.color, width: 1.5)
                        w.line(x - 4, py(iv[i].low), x + 4, py(iv[i].low), stroke: s.color, width: 1.5)
                        w.line(x - 4, py(iv[i].high), x + 4, py(iv[i].high), stroke: s.color, width: 1.5)
                    }
                }
            }
            if lines { w.path(pts.map { (px($0.x), py($0.y)) }, stroke: s.color, width: 1.8, cls: "series", title: s.name) }
            if markers || !lines { for p in pts { w.circle(px(p.x), py(p.y), r: lines ? 3 : 2.2, fill: s.color) } }
        }
        if series.count > 1 {
            let colW = pw / 3
            for (i, s) in series.enumerated() {
                let x = left + Double(i % 3) * colW, y = top + ph + 50 + Double(i / 3) * 16
                w.line(x, y - 4, x + 18, y - 4, stroke: s.color, width: 3)
                w.text(s.name, x: x + 24, y: y, size: 11)
            }
        }
    }
}

/// Several charts stacked in one SVG (small multiples).
public struct ChartStack: Sendable {
    public var charts: [LineChart]

    public init(_ charts: [LineChart]) { self.charts = charts }

    public var svg: String {
        let width = charts.map(\.width).max() ?? 640
        var w = SVGWriter(width: width, height: charts.reduce(0) { $0 + $1.height })
        var y = 0.0
        for c in charts {
            w.group(translateX: 0, y: y) { c.draw(into: &$0) }
            y += c.height
        }
        return w.document
    }
}
