import NanoCityEngine

/// A layout that cannot be used, with the line (ASCII) or pixel (image) at fault.
public enum MapError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case raggedRow(line: Int, length: Int, expected: Int)
    case unknownSymbol(line: Int, column: Int, symbol: Character)
    case unknownColor(x: Int, y: Int, r: UInt8, g: UInt8, b: UInt8)
    case heartCount(Int)
    case missing(Terrain)
    case tooSmall(width: Int, height: Int)
    case tooLarge(cells: Int, limit: Int)
    case notEnoughBlocks(needed: Int, available: Int)
    case tooMany(Terrain, count: Int, limit: Int)
    /// A terrain code outside the legend (only a damaged or crafted checkpoint has one).
    case unknownTerrain(cell: Int, code: UInt8)
    /// A drawn sensor outside the grid (likewise).
    case sensorOutside(cell: Int)

    /// The ASCII line at fault, when there is one.
    public var line: Int? {
        switch self {
        case .raggedRow(let l, _, _), .unknownSymbol(let l, _, _): return l
        default: return nil
        }
    }

    /// "line N" (with its column, when there is one) followed by `detail`, or `detail` alone.
    public var description: String {
        switch self {
        case .raggedRow(let l, _, _): return "line \(l): " + detail
        case .unknownSymbol(let l, _, _): return "line \(l), " + detail
        default: return detail
        }
    }

    /// The message without the line, for callers that give the line themselves
    /// (`w.toml:5: map.ascii: column 2: unknown symbol …`).
    public var detail: String {
        switch self {
        case .empty: return "the map is empty"
        case .raggedRow(_, let n, let e): return "row has \(n) cells, expected \(e) like the first row"
        case .unknownSymbol(_, let c, let s):
            return "column \(c): unknown symbol '\(s)'; allowed: " + CityMap.legendSummary
        case .unknownColor(let x, let y, let r, let g, let b):
            return "pixel (\(x), \(y)): colour (\(r), \(g), \(b)) is not in the legend; allowed: " + CityMap.colorLegendSummary
        case .heartCount(let n): return "the map must have exactly one Heart of Recycling ('H'), found \(n)"
        case .missing(let t): return "the map has no \(t.name) ('\(t.symbol)')"
        case .tooSmall(let w, let h): return "the map is \(w)×\(h); at least 3×3 is needed"
        case .tooLarge(let n, let limit): return "the map has \(n) cells; at most \(limit) are allowed (width × height)"
        case .tooMany(let t, let n, let limit): return "the map has \(n) \(t.name) cells ('\(t.symbol)'); at most \(limit)"
        case .unknownTerrain(let c, let code): return "cell \(c) has terrain code \(code); codes are 0…\(Terrain.allCases.count - 1)"
        case .sensorOutside(let c): return "a sensor is drawn at cell \(c), outside the map"
        case .notEnoughBlocks(let n, let a):
            return "the procedural city has \(a) blocks but centres + stations + hideouts + the Heart need \(n); enlarge map.width/map.height or lower map.block"
        }
    }
}
