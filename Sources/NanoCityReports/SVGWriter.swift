import Foundation

/// Builds SVG 1.1 text: elements with escaped text, numbers with two decimals, and fonts named
/// generically so that browsers, LaTeX (svg/Inkscape) and Inkscape all take the file.
public struct SVGWriter {
    public private(set) var body = ""
    public let width: Double
    public let height: Double

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// A number as SVG writes it (two decimals, no exponent, no `-0`).
    public static func n(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        let s = String(format: "%.2f", v)
        return s == "-0.00" ? "0.00" : s
    }

    /// `text` with XML's five special characters escaped.
    public static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                // XML 1.0 forbids most control characters, even escaped.
                if let a = c.asciiValue, a < 32, a != 9, a != 10, a != 13 { continue }
                out.append(c)
            }
        }
        return out
    }

    public mutating func raw(_ s: String) { body += s }

    public mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1, dash: String? = nil) {
        body += "<line x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\""
            + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>\n"
    }

    public mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, stroke: String? = nil, opacity: Double = 1) {
        body += "<rect x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(max(0, w)))\" height=\"\(Self.n(max(0, h)))\" fill=\"\(fill)\""
            + (stroke.map { " stroke=\"\($0)\"" } ?? "") + (opacity < 1 ? " fill-opacity=\"\(Self.n(opacity))\"" : "") + "/>\n"
    }

    public mutating func circle(_ x: Double, _ y: Double, r: Double, fill: String) {
        body += "<circle cx=\"\(Self.n(x))\" cy=\"\(Self.n(y))\" r=\"\(Self.n(r))\" fill=\"\(fill)\"/>\n"
    }

    /// A polyline through `points` as one `<path>` of class `cls`.
    public mutating func path(_ points: [(Double, Double)], stroke: String, width: Double = 1.5, fill: String = "none",
                              opacity: Double = 1, closed: Bool = false, cls: String, title: String? = nil) {
        guard let first = points.first else { return }
        var d = "M\(Self.n(first.0)),\(Self.n(first.1))"
        for p in points.dropFirst() { d += " L\(Self.n(p.0)),\(Self.n(p.1))" }
        if closed { d += " Z" }
        body += "<path class=\"\(cls)\" d=\"\(d)\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\" fill=\"\(fill)\""
            + (opacity < 1 ? " fill-opacity=\"\(Self.n(opacity))\"" : "") + " stroke-linejoin=\"round\">"
            + (title.map { "<title>\(Self.escape($0))</title>" } ?? "") + "</path>\n"
    }

    public enum Anchor: String { case start, middle, end }

    public mutating func text(_ s: String, x: Double, y: Double, size: Double = 12, anchor: Anchor = .start, weight: String? = nil,
                              rotate: Bool = false, fill: String = "#222222") {
        let transform = rotate ? " transform=\"rotate(-90 \(Self.n(x)) \(Self.n(y)))\"" : ""
        body += "<text x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" font-family=\"sans-serif\" font-size=\"\(Self.n(size))\" text-anchor=\"\(anchor.rawValue)\""
            + (weight.map { " font-weight=\"\($0)\"" } ?? "") + " fill=\"\(fill)\"\(transform)>\(Self.escape(s))</text>\n"
    }

    /// A plot's horizontal grid lines with their y labels and its x ticks with their labels,
    /// for the plot area `left…left+width` × `top…top+height` (y grows down the page).
    mutating func gridAndTicks(x: AxisScale, y: AxisScale, left: Double, top: Double, width: Double, height: Double,
                               fontSize: Double, xLabelDrop: Double) {
        func px(_ v: Double) -> Double { left + x.position(v, length: width) }
        func py(_ v: Double) -> Double { top + height - y.position(v, length: height) }
        for t in y.ticks {
            line(left, py(t), left + width, py(t), stroke: "#e4e4e4")
            text(y.label(t), x: left - 6, y: py(t) + 4, size: fontSize, anchor: .end)
        }
        for t in x.ticks {
            line(px(t), top + height, px(t), top + height + 4, stroke: "#444444")
            text(x.label(t), x: px(t), y: top + height + xLabelDrop, size: fontSize, anchor: .middle)
        }
    }

    public mutating func group(translateX x: Double, y: Double, _ content: (inout SVGWriter) -> Void) {
        body += "<g transform=\"translate(\(Self.n(x)),\(Self.n(y)))\">\n"
        content(&self)
        body += "</g>\n"
    }

    /// The complete document.
    public var document: String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" "
            + "viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\">\n"
            + "<rect x=\"0\" y=\"0\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" fill=\"#ffffff\"/>\n" + body + "</svg>\n"
    }

    /// The element without the XML declaration, for inlining into HTML.
    public var inline: String {
        let d = document
        return String(d[d.index(after: d.firstIndex(of: "\n")!)...])
    }
}
