import NanoCityEngine
import NanoCityModel

/// Draws a city as an RGB image (the "portrayal": the model never knows it is drawn).
///
/// Each cell is a `cellPixels`² square: its terrain colour (`FramePalette`), or the field's
/// colour-map colour where the field is above 2% of its fixed full scale (everywhere when the
/// terrain layer is off; never over centres, the Heart, stations and hideouts). Sensors are small squares; agents are markers of at least 3 × 3
/// pixels centred on their cell, so they stay visible at one pixel per cell; state is shown by
/// shape (`AgentMarker`). Under the map, the heads-up strip (`FrameStrip`).
public struct FrameRenderer: Sendable {
    /// Kinds in the order they are drawn: later kinds cover earlier ones (the crew on top,
    /// as the story follows it). Every kind appears once (FrameRendererTests checks).
    public static let agentDrawOrder: [AgentKind] = [.recycler, .scavenger, .guard, .informant, .crew]

    public let style: FrameStyle
    public let strip: FrameStrip?

    /// Values below this share of the full scale leave the terrain visible.
    static let fieldFloor: Float = 0.02

    public init(style: FrameStyle, worldName: String, totalTicks: Int) {
        self.style = style
        strip = style.hud ? FrameStrip(style: style, worldName: worldName, totalTicks: totalTicks) : nil
    }

    public var width: Int { strip.map { max(style.mapWidth, $0.width) } ?? style.mapWidth }
    public var height: Int { style.mapHeight + (strip?.height ?? 0) }

    /// The frame of `city`; `metrics` is its metrics row, `totals` the counters summed over the run.
    public func render(_ city: City, metrics: [Double] = [], totals: [Double] = []) -> Canvas {
        var canvas = Canvas(width: width, height: height, background: FramePalette.paper)
        drawCells(city, on: &canvas)
        drawAgents(city, on: &canvas)
        if let strip {
            let row = metrics.isEmpty ? MetricCatalog.sample(city) : metrics
            strip.draw(on: &canvas, top: style.mapHeight, tick: city.tick, values: row,
                       totals: totals.isEmpty ? row : totals, heistActive: city.heistActive)
        }
        return canvas
    }

    func drawCells(_ city: City, on canvas: inout Canvas) {
        let s = style.cellPixels, gw = city.map.size.width, gh = city.map.size.height
        let terrain = Terrain.allCases.map { FramePalette.terrain($0) }
        // Centres, the Heart, stations and hideouts are single cells a reader looks for: no
        // field hides them.
        let landmark = Terrain.allCases.map { FramePalette.landmarks.contains($0) }
        let layers = style.layers
        var values: [Float]? = nil
        var offset: Float = 0
        switch layers.field {
        case .toxicity?: values = city.toxicity.values
        case .waste?: values = city.waste.values
        case .attractiveness?: values = city.attractiveness.values; offset = Float(city.params.crime.a0)
        case nil: break
        }
        let map = layers.field.map { FramePalette.coloring($0) } ?? FieldColoring(map: .magma, reversed: false)
        let scale = 1 / style.fieldMax, floor = layers.terrain ? Self.fieldFloor : -1
        // The 256 colours once per frame, not a table lookup through the enum per cell.
        let lut = (0...255).map { map.color(Float($0) / 255) }
        let width = canvas.width
        let ground = city.map.terrain
        canvas.pixels.withUnsafeMutableBufferPointer { px in
            for cy in 0..<gh {
                for cx in 0..<gw {
                    let i = cy * gw + cx
                    let kind = Int(ground[i])
                    var c = layers.terrain ? terrain[kind] : FramePalette.paper
                    if let values, !(layers.terrain && landmark[kind]) {
                        let t = (values[i] + offset) * scale
                        if t >= floor { c = lut[t.isNaN ? 0 : Int(min(1, max(0, t)) * 255 + 0.5)] }
                    }
                    for y in (cy * s)..<(cy * s + s) {
                        var o = 3 * (y * width + cx * s)
                        for _ in 0..<s { px[o] = c.r; px[o + 1] = c.g; px[o + 2] = c.b; o += 3 }
                    }
                }
            }
        }
    }

    /// Marker box for a cell: at least 3 pixels, a fifth of the cell as margin.
    func box(_ cell: Int32, gw: Int) -> (x: Int, y: Int, size: Int) {
        let s = style.cellPixels, c = Int(cell)
        let size = max(3, s - 2 * (s / 5))
        return ((c % gw) * s + s / 2 - size / 2, (c / gw) * s + s / 2 - size / 2, size)
    }

    func drawAgents(_ city: City, on canvas: inout Canvas) {
        let gw = city.map.size.width, a = style.layers.agents, s = style.cellPixels
        func mark(_ cell: Int32, _ m: AgentMarker) {
            let b = box(cell, gw: gw)
            m.draw(on: &canvas, x: b.x, y: b.y, size: b.size)
        }
        if a.contains(.sensors) {
            let size = max(2, s * 3 / 8)
            for k in 0..<city.sensors.count {
                let c = Int(city.sensors.cell[k])
                canvas.fill(x: (c % gw) * s + (s - size) / 2, y: (c / gw) * s + (s - size) / 2, w: size, h: size,
                            city.sensors.hacked[k] ? FramePalette.hackedSensor : FramePalette.sensor)
            }
        }
        for kind in Self.agentDrawOrder where a.contains(.showing(kind)) {
            switch kind {
            case .recycler:
                let r = city.recyclers
                for k in 0..<r.count {
                    let st = RecyclerStore.State(rawValue: r.state[k])
                    mark(r.cell[k], st == .sick ? .recyclerSick : (r.load[k] > 0 ? .recyclerCarrying : .recycler))
                }
            case .scavenger:
                let v = city.scavengers
                for k in 0..<v.count { mark(v.cell[k], v.load[k] > 0 ? .scavengerCarrying : .scavenger) }
            case .guard:
                let g = city.guards
                for k in 0..<g.count { mark(g.cell[k], g.state[k] == GuardStore.State.responding.rawValue ? .guardResponding : .guard) }
            case .crew:
                let c = city.crew
                for k in 0..<c.count {
                    guard let st = CrewStore.State(rawValue: c.state[k]), st != .jailed, st != .gone else { continue }
                    mark(c.cell[k], c.trapped[k] ? .crewTrapped : (st == .heist ? .crewInHeist : .crew))
                }
            case .informant:
                let m = city.informants
                for k in 0..<m.count where m.state[k] == InformantStore.State.walking.rawValue { mark(m.cell[k], .informant) }
            }
        }
    }
}
