import Foundation
import NanoCityIO

/// A per-cell difference map (`delta/<arm>_<field>.npy`) drawn as a PNG on a diverging,
/// colour-blind-safe scale (ColorBrewer's PuOr, Harrower & Brewer 2003): purple where the
/// arm has less than the baseline, orange where it has more, white where they agree, full
/// colour at ±`limit` (the largest |difference| on the map), so a map is read on its own scale.
public struct DeltaMap: Sendable {
    /// PuOr, 11 classes, from the most negative (dark purple) to the most positive (dark orange).
    public static let stops: [RGB] = [
        RGB(45, 0, 75), RGB(84, 39, 136), RGB(128, 115, 172), RGB(178, 171, 210), RGB(216, 218, 235), RGB(247, 247, 247),
        RGB(254, 224, 182), RGB(253, 184, 99), RGB(224, 130, 20), RGB(179, 88, 6), RGB(127, 59, 8),
    ]

    public let width: Int
    public let height: Int
    public let values: [Float]
    /// The |difference| drawn at full colour; 0 when the map is all zero.
    public let limit: Float

    /// Reads a float32 `.npy` of shape (height, width); nil when it is not one.
    public init?(npy bytes: [UInt8]) {
        guard let (shape, values) = NPYFormat.decode(bytes), shape.0 >= 1, shape.1 >= 1 else { return nil }
        height = shape.0
        width = shape.1
        self.values = values
        limit = values.reduce(0) { $1.isFinite ? max($0, abs($1)) : $0 }
    }

    /// The colour of a difference `v` on the ±`limit` scale.
    public func color(_ v: Float) -> RGB {
        guard limit > 0, v.isFinite else { return Self.stops[5] }
        let t = (min(max(v / limit, -1), 1) + 1) / 2 * Float(Self.stops.count - 1)
        let i = min(Int(t), Self.stops.count - 2)
        return Self.stops[i].mixed(with: Self.stops[i + 1], t - Float(i))
    }

    /// The map as PNG bytes, `pixels` per cell (row 0 at the top, as in frames). With
    /// `zones` (a grid of the same size: z + 1 on zone z's cells, `zones.npy`), each zone's
    /// outline is drawn in black along the edges where a zone cell meets a cell outside it.
    public func png(pixels: Int, zones: [Float]? = nil) throws(PNGError) -> [UInt8] {
        var canvas = Canvas(width: width * pixels, height: height * pixels, background: Self.stops[5])
        for y in 0..<height {
            for x in 0..<width {
                canvas.fill(x: x * pixels, y: y * pixels, w: pixels, h: pixels, color(values[y * width + x]))
            }
        }
        if let zones, zones.count == width * height {
            let ink = RGB(0, 0, 0), t = max(1, pixels / 4)
            func zone(_ x: Int, _ y: Int) -> Float { x < 0 || y < 0 || x >= width || y >= height ? 0 : zones[y * width + x] }
            for y in 0..<height {
                for x in 0..<width where zones[y * width + x] != 0 {
                    let z = zones[y * width + x], px = x * pixels, py = y * pixels
                    if zone(x - 1, y) != z { canvas.fill(x: px, y: py, w: t, h: pixels, ink) }
                    if zone(x + 1, y) != z { canvas.fill(x: px + pixels - t, y: py, w: t, h: pixels, ink) }
                    if zone(x, y - 1) != z { canvas.fill(x: px, y: py, w: pixels, h: t, ink) }
                    if zone(x, y + 1) != z { canvas.fill(x: px, y: py + pixels - t, w: pixels, h: t, ink) }
                }
            }
        }
        return try PNGImage(canvas).encoded()
    }
}
