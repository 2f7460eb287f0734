import Foundation
import NanoCityModel

/// The heads-up strip under a frame's map: what the picture shows and when.
///
/// Rows: the world, tick and heist state with the run's headline numbers (reservoir, mean
/// toxicity, public health, and thefts and arrests since the run began); the agent legend with
/// the state marks; the terrain legend; the field's colour bar with its fixed scale. The layout
/// is computed once per run from fixed-width slots, so the strip never changes height and a
/// video never jumps.
public struct FrameStrip: Sendable {
    struct Item: Sendable {
        enum Kind: Sendable {
            case title(String)
            case tick(slot: Int)
            case heist
            /// A headline number: its label, its metrics column (resolved once), its width.
            case metric(label: String, column: Int, slot: Int)
            case marker(AgentMarker)
            case terrain(Terrain)
            case colorBar(FrameField, FieldColoring, Float)
        }
        var kind: Kind
        var x: Int
        var y: Int
    }

    public let width: Int
    public let height: Int
    let fontScale: Int
    let items: [Item]

    public init(style: FrameStyle, worldName: String, totalTicks: Int) {
        let width = max(style.mapWidth, FrameStyle.minimumStripWidth)
        let f = width >= 900 ? 2 : 1
        let name = String(worldName.prefix(24))
        self.width = width
        fontScale = f
        let pad = 4 * f, line = BitmapFont.lineHeight * f + 2 * f
        var x = pad, y = pad
        var laid: [Item] = []
        func place(_ kind: Item.Kind, width w: Int) {
            if x > pad && x + w > width - pad { x = pad; y += line }
            laid.append(Item(kind: kind, x: x, y: y))
            x += w + 3 * BitmapFont.advance * f
        }
        func newRow() { if x > pad { x = pad; y += line } }
        func textWidth(_ chars: Int) -> Int { max(0, chars * BitmapFont.advance - 1) * f }
        let tickDigits = String(max(0, totalTicks)).count
        place(.title(name), width: textWidth(name.count))
        place(.tick(slot: tickDigits), width: textWidth(5 + tickDigits))
        place(.heist, width: textWidth(6 + 9))
        // The headline metrics the catalog puts on the strip, in column order.
        for (column, m) in MetricCatalog.all.enumerated() {
            guard let (label, slot) = m.headline?.strip else { continue }
            place(.metric(label: label, column: column, slot: slot), width: textWidth(label.count + 1 + slot))
        }
        newRow()
        let marker = BitmapFont.lineHeight * f - 2 * f
        let a = style.layers.agents
        let markers = FrameAgentLayer.allCases.filter(a.contains).flatMap(\.markers)
        for m in markers { place(.marker(m), width: marker + 2 * f + textWidth(m.label.count)) }
        newRow()
        if style.layers.terrain {
            for t in Terrain.allCases { place(.terrain(t), width: marker + 2 * f + textWidth(Self.terrainLabel(t).count)) }
            newRow()
        }
        if let field = style.layers.field {
            place(.colorBar(field, FramePalette.coloring(field), style.fieldMax), width: width - 2 * pad)
            newRow()
        }
        items = laid
        height = y + pad
    }

    static func terrainLabel(_ t: Terrain) -> String {
        switch t {
        case .street: "street"
        case .residential: "homes"
        case .industrial: "industry"
        case .park: "park"
        case .centre: "centre"
        case .heart: "heart"
        case .station: "station"
        case .hideout: "hideout"
        }
    }

    /// A number in at most `slot` characters: integers as they are, others with four
    /// significant digits, large ones in exponent form.
    static func format(_ v: Double, slot: Int) -> String {
        guard v.isFinite else { return "-" }
        if v == v.rounded(), abs(v) < 1e7 { return String(Int(v)) }
        let s = abs(v) >= 1e5 || (abs(v) < 1e-3 && v != 0) ? String(format: "%.2e", v) : String(format: "%.4g", v)
        return String(s.prefix(max(slot, 1)))
    }

    /// Draws the strip with its top at `top`. `values` is this tick's metrics row; `totals`
    /// holds counter metrics summed since the run began.
    public func draw(on canvas: inout Canvas, top: Int, tick: Int, values: [Double], totals: [Double], heistActive: Bool) {
        let f = fontScale
        canvas.fill(x: 0, y: top, w: canvas.width, h: height, FramePalette.paper)
        canvas.fill(x: 0, y: top, w: canvas.width, h: f, RGB(120, 120, 120))
        let ink = FramePalette.ink
        let marker = BitmapFont.lineHeight * f - 2 * f
        func labelled(_ label: String, _ value: String, _ color: RGB, _ x: Int, _ y: Int) {
            canvas.text(label.uppercased(), x: x, y: y, scale: f, RGB(90, 90, 90))
            canvas.text(value.uppercased(), x: x + (label.count + 1) * BitmapFont.advance * f, y: y, scale: f, color)
        }
        for item in items {
            let x = item.x, y = top + item.y
            switch item.kind {
            case .title(let name):
                canvas.text(name.uppercased(), x: x, y: y, scale: f, ink)
            case .tick:
                labelled("tick", String(tick), ink, x, y)
            case .heist:
                labelled("heist", heistActive ? "UNDER WAY" : "none", heistActive ? FramePalette.crew : ink, x, y)
            case .metric(let label, let i, let slot):
                let v = MetricCatalog.all[i].kind == .counter ? totals[i] : values[i]
                labelled(label, Self.format(v, slot: slot), ink, x, y)
            case .marker(let m):
                if m == .crewInHeist { canvas.fill(x: x, y: y, w: marker, h: marker, RGB(60, 60, 60)) }
                m.draw(on: &canvas, x: x + (m == .crewInHeist ? f : 0), y: y + (m == .crewInHeist ? f : 0),
                       size: m == .crewInHeist ? marker - 2 * f : marker)
                canvas.text(m.label.uppercased(), x: x + marker + 2 * f, y: y, scale: f, ink)
            case .terrain(let t):
                canvas.fill(x: x, y: y, w: marker, h: marker, FramePalette.terrain(t))
                canvas.outline(x: x, y: y, w: marker, h: marker, RGB(90, 90, 90))
                canvas.text(Self.terrainLabel(t).uppercased(), x: x + marker + 2 * f, y: y, scale: f, ink)
            case .colorBar(let field, let map, let top):
                let label = field.label.uppercased()
                canvas.text(label, x: x, y: y, scale: f, ink)
                let lo = "0", hi = "≥" + Self.format(Double(top), slot: 9)
                let bx = x + BitmapFont.width(label, scale: f) + 3 * BitmapFont.advance * f
                let loW = BitmapFont.width(lo, scale: f) + 2 * f
                let hiW = BitmapFont.width(hi, scale: f) + 2 * f
                let barW = max(16, min(256 * f, canvas.width - bx - loW - hiW - 4 * f))
                canvas.text(lo, x: bx, y: y, scale: f, ink)
                for i in 0..<barW {
                    canvas.fill(x: bx + loW + i, y: y, w: 1, h: marker, map.color(Float(i) / Float(max(1, barW - 1))))
                }
                canvas.outline(x: bx + loW - 1, y: y - 1, w: barW + 2, h: marker + 2, RGB(90, 90, 90))
                canvas.text(hi, x: bx + loW + barW + 2 * f, y: y, scale: f, ink)
            }
        }
    }
}
