import NanoCityEngine

/// The kind of a cell. Raw values are stored per cell in `CityMap.terrain`.
public enum Terrain: UInt8, Sendable, CaseIterable {
    case street = 0, residential, industrial, park, centre, heart, station, hideout

    /// ASCII map symbol (see README "Maps"). `S` is a street cell holding a sensor.
    public var symbol: Character {
        switch self {
        case .street: "."
        case .residential: "r"
        case .industrial: "i"
        case .park: "p"
        case .centre: "C"
        case .heart: "H"
        case .station: "G"
        case .hideout: "X"
        }
    }

    /// Legend colour (R, G, B) used both to read PNG maps and to draw frames.
    public var color: (UInt8, UInt8, UInt8) {
        switch self {
        case .street: (128, 128, 128)
        case .residential: (232, 214, 168)
        case .industrial: (150, 110, 90)
        case .park: (70, 160, 70)
        case .centre: (40, 120, 220)
        case .heart: (255, 200, 0)
        case .station: (20, 30, 140)
        case .hideout: (110, 0, 110)
        }
    }

    /// Colour of a sensor cell in a PNG map (a street cell with a sensor).
    public static let sensorColor: (UInt8, UInt8, UInt8) = (0, 230, 230)

    public var name: String {
        switch self {
        case .street: "street"
        case .residential: "residential"
        case .industrial: "industrial"
        case .park: "park"
        case .centre: "recycling centre"
        case .heart: "Heart of Recycling"
        case .station: "guard station"
        case .hideout: "crew hideout"
        }
    }
}
