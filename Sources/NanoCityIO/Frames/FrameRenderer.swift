import NanoCityEngine
import NanoCityModel

/// Draws a city as an RGB image (the "portrayal": the model never knows it is drawn).
///
/// Each cell is a `scale × scale` square: its terrain colour, darkened toward brown by waste
/// (full at `frames.waste_max`), then tinted by a toxicity heat map (orange → crimson, full at
/// `frames.toxicity_max`). Sensors are a cyan dot (hacked: dark violet). Agents are squares
/// inside the cell: recyclers green, scavengers orange, guards blue, crew red (magenta during
/// a heist); drawn in that order, crew on top.
public enum FrameRenderer {
    public static let recyclerColor: (UInt8, UInt8, UInt8) = (0, 190, 60)
    public static let scavengerColor: (UInt8, UInt8, UInt8) = (255, 150, 0)
    public static let guardColor: (UInt8, UInt8, UInt8) = (40, 150, 255)
    public static let crewColor: (UInt8, UInt8, UInt8) = (230, 0, 0)
    public static let heistCrewColor: (UInt8, UInt8, UInt8) = (255, 0, 255)
    public static let sensorColor: (UInt8, UInt8, UInt8) = (0, 255, 255)
    public static let hackedSensorColor: (UInt8, UInt8, UInt8) = (90, 0, 120)

    /// Pixels per cell: `frames.scale`, or (0) the largest that keeps the image near 512 px.
    public static func scale(for city: City) -> Int {
        let s = city.params.frames.scale
        if s > 0 { return s }
        return max(1, 512 / max(city.map.size.width, city.map.size.height))
    }

    public static func render(_ city: City) -> PNGImage {
        city.params.frames.layer == .attractiveness ? renderAttractiveness(city) : renderCity(city)
    }

    /// Heat map of A = A0 + B (black → red → yellow → white, full at `frames.attractiveness_max`
    /// or the frame's maximum), crew members as light-blue dots.
    static func renderAttractiveness(_ city: City) -> PNGImage {
        let s = scale(for: city)
        let gw = city.map.size.width, gh = city.map.size.height
        let w = gw * s, h = gh * s
        var px = [UInt8](repeating: 0, count: 3 * w * h)
        let a0 = Float(city.params.crime.a0)
        var top = Float(city.params.frames.attractivenessMax)
        if top <= 0 { top = a0 + max(city.attractiveness.maximum(), 1e-12) }
        func put(_ cx: Int, _ cy: Int, _ inset: Int, _ c: (UInt8, UInt8, UInt8)) {
            for y in (cy * s + inset)..<max(cy * s + inset + 1, (cy + 1) * s - inset) {
                var o = 3 * (y * w + cx * s + inset)
                for _ in (cx * s + inset)..<max(cx * s + inset + 1, (cx + 1) * s - inset) {
                    px[o] = c.0; px[o + 1] = c.1; px[o + 2] = c.2; o += 3
                }
            }
        }
        for cy in 0..<gh {
            for cx in 0..<gw {
                let f = min(1, max(0, (a0 + city.attractiveness.values[cy * gw + cx]) / top))
                let r = min(1, f * 3), g = min(1, max(0, f * 3 - 1)), b = min(1, max(0, f * 3 - 2))
                put(cx, cy, 0, (UInt8(r * 255), UInt8(g * 255), UInt8(b * 255)))
            }
        }
        let inset = s >= 3 ? s / 3 : 0
        for k in 0..<city.crew.count where city.crew.state[k] != CrewStore.State.gone.rawValue
            && city.crew.state[k] != CrewStore.State.jailed.rawValue {
            let c = Int(city.crew.cell[k])
            put(c % gw, c / gw, inset, (120, 200, 255))
        }
        return PNGImage(width: w, height: h, pixels: px)
    }

    static func renderCity(_ city: City) -> PNGImage {
        let s = scale(for: city)
        let gw = city.map.size.width, gh = city.map.size.height
        let w = gw * s, h = gh * s
        var px = [UInt8](repeating: 0, count: 3 * w * h)
        let wasteMax = Float(city.params.frames.wasteMax), toxMax = Float(city.params.frames.toxicityMax)
        var palette = [(Float, Float, Float)]()
        for t in Terrain.allCases { palette.append((Float(t.color.0), Float(t.color.1), Float(t.color.2))) }
        px.withUnsafeMutableBufferPointer { out in
            func fill(_ cx: Int, _ cy: Int, _ inset: Int, _ c: (UInt8, UInt8, UInt8)) {
                let x0 = cx * s + inset, y0 = cy * s + inset, x1 = (cx + 1) * s - inset, y1 = (cy + 1) * s - inset
                for y in y0..<max(y0 + 1, y1) {
                    var o = 3 * (y * w + x0)
                    for _ in x0..<max(x0 + 1, x1) { out[o] = c.0; out[o + 1] = c.1; out[o + 2] = c.2; o += 3 }
                }
            }
            for cy in 0..<gh {
                for cx in 0..<gw {
                    let i = cy * gw + cx
                    var (r, g, b) = palette[Int(city.map.terrain[i])]
                    let fw = min(1, city.waste.values[i] / wasteMax) * 0.6
                    if fw > 0 { r += (90 - r) * fw; g += (60 - g) * fw; b += (20 - b) * fw }
                    let ft = min(1, city.toxicity.values[i] / toxMax)
                    if ft > 0.02 {
                        let (hr, hg, hb): (Float, Float, Float) = ft < 0.5 ? (255, 160, 0) : (200, 0, 60)
                        let a = 0.25 + 0.6 * ft
                        r += (hr - r) * a; g += (hg - g) * a; b += (hb - b) * a
                    }
                    fill(cx, cy, 0, (UInt8(r), UInt8(g), UInt8(b)))
                }
            }
            let inset = s >= 3 ? s / 4 : 0
            for k in 0..<city.sensors.count {
                let c = Int(city.sensors.cell[k])
                fill(c % gw, c / gw, s >= 4 ? s * 3 / 8 : 0, city.sensors.hacked[k] ? hackedSensorColor : sensorColor)
            }
            for c in city.recyclers.cell { fill(Int(c) % gw, Int(c) / gw, inset, recyclerColor) }
            for c in city.scavengers.cell { fill(Int(c) % gw, Int(c) / gw, inset, scavengerColor) }
            for c in city.guards.cell { fill(Int(c) % gw, Int(c) / gw, inset, guardColor) }
            for k in 0..<city.crew.count {
                let st = city.crew.state[k]
                guard st != CrewStore.State.jailed.rawValue && st != CrewStore.State.gone.rawValue else { continue }
                let c = Int(city.crew.cell[k])
                fill(c % gw, c / gw, inset, st == CrewStore.State.heist.rawValue ? heistCrewColor : crewColor)
            }
        }
        return PNGImage(width: w, height: h, pixels: px)
    }
}
