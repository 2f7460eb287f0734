import Foundation
import NanoCityEngine
import NanoCityModel

/// The difference map of two cities on the same map (a fork's branches): each cell coloured
/// by the field of `b` minus the field of `a`, blue where B is lower, white where they agree,
/// red where B is higher, on a scale symmetric about zero, with a one-line legend under it.
public struct DifferenceFrame: Sendable {
    public let field: FrameField
    public let cellPixels: Int
    /// Full scale of the colours: |B − A| at or above it is drawn at full strength. Zero or
    /// less means the largest |B − A| of each frame (never below `minimumScale`).
    public let scale: Float
    public static let minimumScale: Float = 1e-6
    static let legendHeight = 2 + BitmapFont.lineHeight + 2

    public init(field: FrameField, cellPixels: Int, scale: Float = 0) {
        self.field = field
        self.cellPixels = max(1, cellPixels)
        self.scale = scale
    }

    /// Per cell, the field of `b` minus that of `a` (the two must share a map).
    public static func difference(_ field: FrameField, _ a: City, _ b: City) -> [Float] {
        func values(_ c: City) -> [Float] {
            switch field {
            case .toxicity: c.toxicity.values
            case .waste: c.waste.values
            case .attractiveness: c.attractiveness.values
            }
        }
        let va = values(a), vb = values(b)
        return (0..<min(va.count, vb.count)).map { vb[$0] - va[$0] }
    }

    /// Agents standing on each cell (free crew and walking informants only, as frames draw them).
    public static func occupancy(_ city: City) -> [UInt16] {
        var n = [UInt16](repeating: 0, count: city.map.size.count)
        func add(_ cell: Int32) { let c = Int(cell); if c >= 0 && c < n.count { n[c] &+= 1 } }
        for kind in AgentKind.allCases {
            switch kind {
            case .recycler: for k in 0..<city.recyclers.count { add(city.recyclers.cell[k]) }
            case .scavenger: for k in 0..<city.scavengers.count { add(city.scavengers.cell[k]) }
            case .guard: for k in 0..<city.guards.count { add(city.guards.cell[k]) }
            case .crew:
                for k in 0..<city.crew.count {
                    guard let st = CrewStore.State(rawValue: city.crew.state[k]), st != .jailed, st != .gone else { continue }
                    add(city.crew.cell[k])
                }
            case .informant:
                for k in 0..<city.informants.count where city.informants.state[k] == InformantStore.State.walking.rawValue {
                    add(city.informants.cell[k])
                }
            }
        }
        return n
    }

    /// Blue (−1) through white (0) to red (+1); `t` is clipped to [−1, 1].
    @inlinable public static func color(_ t: Float) -> RGB {
        let u = max(-1, min(1, t.isFinite ? t : 0))
        // RdBu's ends (ColorBrewer): #2166ac and #b2182b.
        let end: (Float, Float, Float) = u < 0 ? (33, 102, 172) : (178, 24, 43)
        let w = abs(u)
        func mix(_ e: Float) -> UInt8 { UInt8(max(0, min(255, (255 + (e - 255) * w).rounded()))) }
        return RGB(mix(end.0), mix(end.1), mix(end.2))
    }

    /// The map of `b − a`, with a dark dot on each cell where the agents standing differ; the
    /// legend names the field, the full scale and how many cells differ in each.
    public func render(_ a: City, _ b: City) -> Canvas {
        let size = a.map.size
        let d = Self.difference(field, a, b)
        var largest: Float = 0
        var differing = 0
        for v in d where v.isFinite {
            largest = max(largest, abs(v))
            if v != 0 { differing += 1 }
        }
        let full = scale > 0 ? scale : max(largest, Self.minimumScale)
        let s = cellPixels
        let oa = Self.occupancy(a), ob = Self.occupancy(b)
        let moved = zip(oa, ob).reduce(0) { $0 + ($1.0 != $1.1 ? 1 : 0) }
        let fieldText = differing == 0 ? "same \(field.rawValue) everywhere"
            : "\(field.rawValue) B−A, full scale \(String(format: "%.3g", Double(full))): \(differing) cells"
        let legend = fieldText + "; dots: agents differ on \(moved) cells"
        let width = max(size.width * s, BitmapFont.width(legend, scale: 1) + 4)
        var canvas = Canvas(width: width, height: size.height * s + Self.legendHeight, background: FramePalette.paper)
        let inverse = 1 / full
        for y in 0..<size.height {
            for x in 0..<size.width {
                let c = y * size.width + x
                canvas.fill(x: x * s, y: y * s, w: s, h: s, Self.color(d[c] * inverse))
                if oa[c] != ob[c] {
                    let dot = max(1, (s + 1) / 3)
                    canvas.fill(x: x * s + (s - dot) / 2, y: y * s + (s - dot) / 2, w: dot, h: dot, RGB(30, 30, 30))
                }
            }
        }
        canvas.text(legend, x: 2, y: size.height * s + 2, scale: 1, RGB(40, 40, 40))
        return canvas
    }
}
