import NanoCityModel

/// How a run's frames are drawn, fixed for the whole run so that frames compare and a video
/// does not flicker: pixels per cell, layers, the field's full-scale value and the strip.
public struct FrameStyle: Sendable {
    /// Largest frame drawn, in pixels (64 Mpx, 192 MiB of RGB), checked before a run starts.
    public static let maxPixels = 1 << 26
    /// Narrowest frame that carries the heads-up strip (narrower maps are padded).
    public static let minimumStripWidth = 360

    public var cellPixels: Int
    public var layers: FrameLayers
    /// Field value drawn at the top of the colour map (values above it clip).
    public var fieldMax: Float
    public var hud: Bool
    public var mapWidth: Int
    public var mapHeight: Int

    /// The style for `city` drawn with `settings` (the world's `[frames]`): `scale` overrides
    /// `frames.scale`, `layers` the layers `frames.layer` implies. Throws when the frame would
    /// exceed `maxPixels`.
    public init(for city: City, settings: FrameSettings, scale: Int? = nil, layers: FrameLayers? = nil,
                hud: Bool = true) throws(FrameStyleError) {
        try self.init(gridWidth: city.map.size.width, gridHeight: city.map.size.height, settings: settings,
                      crimeA0: city.params.crime.a0, scale: scale, layers: layers, hud: hud)
    }

    /// The style for a `gridWidth` × `gridHeight` world; `crimeA0` (`crime.a0`) sets the
    /// attractiveness layer's full scale when `frames.attractiveness_max` is 0.
    public init(gridWidth gw: Int, gridHeight gh: Int, settings p: FrameSettings, crimeA0 a0: Double = 0, scale: Int? = nil,
                layers: FrameLayers? = nil, hud: Bool = true) throws(FrameStyleError) {
        let s = scale ?? p.scale
        let cell = s > 0 ? s : max(1, 512 / max(gw, gh))
        guard cell <= 64 else { throw FrameStyleError.scale(cell) }
        let (w, overflowW) = gw.multipliedReportingOverflow(by: cell)
        let (h, overflowH) = gh.multipliedReportingOverflow(by: cell)
        let (area, overflowA) = w.multipliedReportingOverflow(by: h)
        guard !overflowW, !overflowH, !overflowA, area <= Self.maxPixels else {
            throw FrameStyleError.tooLarge(width: gw, height: gh, cellPixels: cell)
        }
        cellPixels = cell
        self.layers = layers ?? FrameLayers.defaults(for: p.layer)
        self.hud = hud
        mapWidth = w
        mapHeight = h
        switch self.layers.field {
        case .toxicity?: fieldMax = Float(p.toxicityMax)
        case .waste?: fieldMax = Float(p.wasteMax)
        case .attractiveness?:
            fieldMax = Float(p.attractivenessMax > 0 ? p.attractivenessMax : (a0 > 0 ? 10 * a0 : 1))
        case nil: fieldMax = 1
        }
    }
}

/// Frames that cannot be drawn as asked.
public enum FrameStyleError: Error, CustomStringConvertible, Sendable {
    case scale(Int)
    case tooLarge(width: Int, height: Int, cellPixels: Int)

    public var description: String {
        switch self {
        case .scale(let s): "--frame-scale \(s): at most 64 pixels per cell"
        case .tooLarge(let w, let h, let s):
            "frames of this \(w)×\(h) map at \(s) px per cell would be "
                + "\(Int((Double(w) * Double(h) * Double(s) * Double(s) * 3 / 1_048_576).rounded(.up).clamped(to: 0...9e15))) MiB each "
                + "(at most \(FrameStyle.maxPixels) pixels, \(FrameStyle.maxPixels * 3 / 1_048_576) MiB): lower --frame-scale (or frames.scale)"
        }
    }
}

extension Double {
    fileprivate func clamped(to r: ClosedRange<Double>) -> Double { Swift.min(r.upperBound, Swift.max(r.lowerBound, self)) }
}
