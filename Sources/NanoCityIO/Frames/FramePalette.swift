import NanoCityModel

/// The colours frames are drawn with, chosen so that a reader can tell every item apart,
/// colour-blind readers included.
///
/// Agents and sensors take Okabe & Ito's colour-blind-safe qualitative palette (2008); terrain
/// takes light, low-chroma tones so that no agent colour is near a terrain colour; fields take
/// perceptually uniform maps (magma for toxicity and crime attractiveness, cividis for waste; `coloring`).
/// Checked by `FramePaletteTests`: every agent colour is at least `minimumAgentDistance` ΔE*ab
/// from every other agent colour, every terrain colour and every colour of the field maps, and
/// terrain colours are at least `minimumTerrainDistance` apart, and every landmark (centres, the
/// Heart, stations, hideouts: cells a reader looks for, drawn over any field) is at least
/// `minimumLandmarkDistance` ΔE₀₀ (CIEDE2000) from every colour of every field map, so that no
/// field value can pass for a landmark (the Heart used to be near-black, as the top of the
/// toxicity scale is).
public enum FramePalette {
    public static let minimumAgentDistance = 20.0
    public static let minimumTerrainDistance = 12.0
    public static let minimumLandmarkDistance = 10.0

    /// The terrains drawn as landmarks: their own colour over any field.
    public static let landmarks: [Terrain] = [.centre, .heart, .station, .hideout]

    /// Okabe–Ito bluish green.
    public static let recycler = RGB(0, 158, 115)
    /// Okabe–Ito orange.
    public static let scavenger = RGB(230, 159, 0)
    /// Okabe–Ito blue.
    public static let `guard` = RGB(0, 114, 178)
    /// Okabe–Ito vermillion.
    public static let crew = RGB(213, 94, 0)
    /// Okabe–Ito sky blue.
    public static let sensor = RGB(86, 180, 233)
    /// Okabe–Ito reddish purple.
    public static let hackedSensor = RGB(204, 121, 167)
    /// Informants: pure green, the colour farthest (ΔE*ab ≥ 75) from every other agent,
    /// terrain and field colour (Okabe–Ito has no eighth hue that clears the field maps).
    public static let informant = RGB(0, 255, 0)

    /// Marker outlines and state marks (carrying, trapped).
    public static let ink = RGB.black
    /// The ring around crew in a heist.
    public static let alarm = RGB.white
    /// The heads-up strip's background and text.
    public static let paper = RGB(250, 250, 248)

    /// The frame colour of a terrain (the map-file legend, `Terrain.color`, is separate: it is
    /// made to be painted, this one to be read under agents and fields).
    public static func terrain(_ t: Terrain) -> RGB {
        switch t {
        case .street: RGB(200, 200, 200)
        case .residential: RGB(240, 229, 200)
        case .industrial: RGB(176, 164, 156)
        case .park: RGB(192, 222, 176)
        case .centre: RGB(112, 48, 0)
        case .heart: RGB(0, 80, 0)
        case .station: RGB(155, 172, 196)
        case .hideout: RGB(145, 115, 135)
        }
    }

    /// Every colour a marker uses, once each (states are drawn by shape, so a kind's markers
    /// share its colour), with the first marker's legend name.
    public static var agents: [(name: String, color: RGB)] {
        var seen: [(name: String, color: RGB)] = []
        for m in FrameAgentLayer.allCases.flatMap(\.markers) where !seen.contains(where: { $0.color == m.color }) {
            seen.append((m.label, m.color))
        }
        return seen
    }

    /// How a field layer is coloured. Toxicity and waste lie over the terrain, so they run
    /// light (clean) to dark (heavy) and a trace stays close to the ground's own light tone;
    /// crime attractiveness is drawn alone, dark (A0) to bright (hot spot), as heat maps are.
    public static func coloring(_ field: FrameField) -> FieldColoring {
        switch field {
        case .toxicity: FieldColoring(map: .magma, reversed: true)
        case .waste: FieldColoring(map: .cividis, reversed: true)
        case .attractiveness: FieldColoring(map: .magma, reversed: false)
        }
    }
}
