import NanoCityIO
import NanoCityModel

/// Which picture a binary frame message carries (its first byte).
public enum ViewKind: UInt8, Sendable, CaseIterable {
    case cityA = 0
    case cityB = 1
    /// B − A of the field the view shows (toxicity when it shows none).
    case difference = 2
    /// A frame of an opened run (`RunReplay`), sent to the page that asked.
    case replay = 3
}

/// Draws a session's cities for the page with the frames' renderer (the same layers, colours,
/// markers and heads-up strip as `run --frame-every`), downsampled when the map is wider than
/// `maxWidth` pixels, and encodes them as PNG.
public struct LiveView: Sendable {
    /// Widest map drawn at one pixel per cell or more; a wider map is averaged down.
    public static let maxWidth = 768

    public let layers: FrameLayers
    /// Pixels per cell asked for (nil: the world's `frames.scale`).
    public let scale: Int?
    /// Map pixels averaged into one view pixel (1: none).
    public let downsample: Int
    let renderer: FrameRenderer
    /// The strip drawn under a downsampled map, made for its width.
    let strip: FrameStrip?
    let difference: DifferenceFrame

    public init(session: LiveSession, layers: FrameLayers? = nil, scale: Int? = nil) throws(FrameStyleError) {
        self.scale = scale
        let city = session.a
        let settings = session.world.frames
        let probe = try FrameStyle(for: city, settings: settings, scale: scale, layers: layers)
        downsample = probe.mapWidth > Self.maxWidth && probe.cellPixels == 1
            ? (probe.mapWidth + Self.maxWidth - 1) / Self.maxWidth : 1
        self.layers = probe.layers
        let name = session.world.parameters.name, total = session.world.parameters.run.ticks
        if downsample == 1 {
            renderer = FrameRenderer(style: probe, worldName: name, totalTicks: total)
            strip = nil
        } else {
            let mapOnly = try FrameStyle(for: city, settings: settings, scale: 1, layers: probe.layers, hud: false)
            renderer = FrameRenderer(style: mapOnly, worldName: name, totalTicks: total)
            var small = probe
            small.mapWidth = (probe.mapWidth + downsample - 1) / downsample
            small.mapHeight = (probe.mapHeight + downsample - 1) / downsample
            strip = FrameStrip(style: small, worldName: name, totalTicks: total)
        }
        difference = DifferenceFrame(field: probe.layers.field ?? .toxicity, cellPixels: max(1, probe.cellPixels / downsample))
    }

    /// The frame of `branch`, as a canvas.
    public func canvas(_ session: LiveSession, _ branch: BranchName) -> Canvas? {
        guard let city = session.city(branch) else { return nil }
        let metrics = branch == .a ? session.metricsA : session.metricsB
        let totals = branch == .a ? session.totalsA : session.totalsB
        guard downsample > 1, let strip else { return renderer.render(city, metrics: metrics, totals: totals) }
        let map = Self.averaged(renderer.render(city, metrics: metrics, totals: totals), by: downsample)
        var canvas = Canvas(width: max(map.width, strip.width), height: map.height + strip.height, background: FramePalette.paper)
        canvas.pixels.withUnsafeMutableBufferPointer { out in
            map.pixels.withUnsafeBufferPointer { src in
                for y in 0..<map.height {
                    let o = 3 * y * canvas.width, s = 3 * y * map.width
                    for i in 0..<(3 * map.width) { out[o + i] = src[s + i] }
                }
            }
        }
        strip.draw(on: &canvas, top: map.height, tick: city.tick, values: metrics, totals: totals, heistActive: city.heistActive)
        return canvas
    }

    /// The difference map (B − A), once the session has forked.
    public func differenceCanvas(_ session: LiveSession) -> Canvas? {
        guard let b = session.b else { return nil }
        return difference.render(session.a, b)
    }

    /// Each `k` × `k` block of `canvas` averaged into one pixel (a partial block at the edges
    /// averages what it holds).
    static func averaged(_ canvas: Canvas, by k: Int) -> Canvas {
        let w = (canvas.width + k - 1) / k, h = (canvas.height + k - 1) / k
        var out = Canvas(width: w, height: h, background: .white)
        let cw = canvas.width, ch = canvas.height
        canvas.pixels.withUnsafeBufferPointer { src in
            out.pixels.withUnsafeMutableBufferPointer { dst in
                var sums = [Int](repeating: 0, count: 3 * w)
                var counts = [Int](repeating: 0, count: w)
                for by in 0..<h {
                    for i in sums.indices { sums[i] = 0 }
                    for i in counts.indices { counts[i] = 0 }
                    for y in (by * k)..<min(ch, by * k + k) {
                        var o = 3 * y * cw
                        for x in 0..<cw {
                            let bx = x / k
                            sums[3 * bx] += Int(src[o]); sums[3 * bx + 1] += Int(src[o + 1]); sums[3 * bx + 2] += Int(src[o + 2])
                            counts[bx] += 1
                            o += 3
                        }
                    }
                    for bx in 0..<w where counts[bx] > 0 {
                        let o = 3 * (by * w + bx), n = counts[bx]
                        for c in 0..<3 { dst[o + c] = UInt8((sums[3 * bx + c] + n / 2) / n) }
                    }
                }
            }
        }
        return out
    }

    /// A binary frame message: the view's kind, the tick (big-endian UInt32), then the PNG.
    public static func message(_ kind: ViewKind, tick: Int, png: [UInt8]) -> [UInt8] {
        let t = UInt32(clamping: tick)
        return [kind.rawValue, UInt8(t >> 24), UInt8((t >> 16) & 255), UInt8((t >> 8) & 255), UInt8(t & 255)] + png
    }

    /// Every picture of the session now, as binary frame messages.
    public func messages(_ session: LiveSession) -> [[UInt8]] {
        var out: [[UInt8]] = []
        let pictures: [(ViewKind, Canvas?)] = [
            (.cityA, canvas(session, .a)), (.cityB, canvas(session, .b)), (.difference, differenceCanvas(session)),
        ]
        for case let (kind, canvas?) in pictures {
            guard let png = try? PNGImage(canvas).encoded(fast: true) else { continue }
            out.append(Self.message(kind, tick: session.tick, png: png))
        }
        return out
    }
}

extension FrameLayers {
    /// The layers as `run --layers` reads them, e.g. "terrain,toxicity,recyclers,crew".
    public var text: String {
        var w: [String] = []
        if terrain { w.append("terrain") }
        if let field { w.append(field.rawValue) }
        w += FrameAgentLayer.allCases.filter { agents.contains($0) }.map(\.rawValue)
        return w.joined(separator: ",")
    }
}
