import NanoCityEngine

/// One `[[zone]]` of a world file: a named area of the map, the place a place-based policy
/// acts on, with an optional buffer ring around it (README "Place-based policies").
///
/// Zones never overlap one another; a zone's buffer may overlap another zone or its buffer
/// (each zone's target / buffer / rest split is its own).
public struct ZoneDeclaration: Sendable, Equatable {
    /// The cells a zone covers, as declared.
    public enum Shape: Sendable, Equatable {
        /// Cells `x0…x1` × `y0…y1`, both ends included.
        case rect(x0: Int, y0: Int, x1: Int, y1: Int)
        /// Cells whose centre lies within Euclidean distance `radius` of cell (x, y)'s centre.
        case disk(x: Int, y: Int, radius: Int)
        /// Listed cells, as (x, y) pairs.
        case cells([Int])
        /// The pixels of a PNG (the map's size) whose colour is the zone's `colour`; the path is
        /// relative to the world file. Only the I/O layer reads it (`ZoneLayout` takes the cells).
        case mask(file: String)

        var tag: UInt8 {
            switch self {
            case .rect: 0
            case .disk: 1
            case .cells: 2
            case .mask: 3
            }
        }
    }

    public var name: String
    public var shape: Shape
    /// Width of the buffer ring in cells (Chebyshev distance from the zone), 0 for none.
    public var buffer: Int
    /// 0xRRGGBB: the zone's colour in `map export --zones`, and the colour a `mask` zone takes.
    public var colour: UInt32

    public init(name: String, shape: Shape, buffer: Int = 0, colour: UInt32? = nil, index: Int = 0) {
        self.name = name
        self.shape = shape
        self.buffer = buffer
        self.colour = colour ?? Self.defaultColour(index)
    }

    /// Most zones in one world.
    public static let maxZones = 32
    /// Widest buffer, in cells.
    public static let maxBuffer = 256
    /// Longest zone name.
    public static let maxNameLength = 32
    /// Most cells a `cells = [...]` list may give.
    public static let maxListedCells = 1 << 20
    /// Largest disk radius, in cells.
    public static let maxRadius = 1 << 15

    /// Names that would make a column or a lever key ambiguous.
    public static let reservedNames: Set<String> = ["buffer", "rest", "target", "all", "city"]

    /// A zone name: a lowercase letter, then lowercase letters, digits or `_`, at most
    /// `maxNameLength` characters, not a reserved word — so `zone.<name>.<metric>` and
    /// `zones.<name>.<lever>` split at their dots.
    public static func isValidName(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard let f = u.first, f >= 0x61, f <= 0x7A, u.count <= maxNameLength, !reservedNames.contains(s) else { return false }
        return u.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
    }

    /// What `isValidName` allows, for messages.
    public static let nameRule = "a lowercase letter, then lowercase letters, digits or _ (at most 32), not buffer, rest, target, all or city"

    /// Default colours, by declaration order (Tableau 10, distinct from the map legend's).
    public static let palette: [UInt32] = [0xD62728, 0x1F77B4, 0x2CA02C, 0x9467BD, 0xFF7F0E, 0x17BECF, 0xE377C2, 0xBCBD22, 0x8C564B, 0x7F7F7F]

    /// The k-th default colour: the palette, then hues spaced by the golden angle (never black,
    /// distinct for every k below `maxZones` and well beyond).
    public static func defaultColour(_ k: Int) -> UInt32 {
        if k < palette.count { return palette[k] }
        let h = (Double(k - palette.count) * 0.618_033_988_749_895).truncatingRemainder(dividingBy: 1) * 6
        let v = 0.55 + 0.35 * Double((k / 7) % 2), s = 0.85
        let i = Int(h), f = h - Double(i)
        let p = v * (1 - s), q = v * (1 - s * f), t = v * (1 - s * (1 - f))
        let (r, g, b): (Double, Double, Double) = [(v, t, p), (q, v, p), (p, v, t), (p, q, v), (t, p, v), (v, p, q)][i % 6]
        func byte(_ x: Double) -> UInt32 { UInt32(max(1, min(255, (x * 255).rounded()))) }
        return byte(r) << 16 | byte(g) << 8 | byte(b)
    }

    /// `#rrggbb`.
    public var colourText: String {
        let hex = String(colour, radix: 16)
        return "#" + String(repeating: "0", count: max(0, 6 - hex.count)) + hex
    }

    /// Parses `#rrggbb` (or `rrggbb`).
    public static func parseColour(_ s: String) -> UInt32? {
        var t = Substring(s)
        if t.hasPrefix("#") { t = t.dropFirst() }
        guard t.utf8.count == 6, t.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) || ($0 >= 0x41 && $0 <= 0x46) }) else { return nil }
        return UInt32(t, radix: 16)
    }
}

extension ZoneDeclaration {
    func encode(_ w: inout StateWriter) {
        w.write(name)
        w.write(shape.tag)
        switch shape {
        case .rect(let x0, let y0, let x1, let y1): w.write(x0); w.write(y0); w.write(x1); w.write(y1)
        case .disk(let x, let y, let r): w.write(x); w.write(y); w.write(r)
        case .cells(let xy): w.write(array: xy.map(Int64.init))
        case .mask(let file): w.write(file)
        }
        w.write(buffer)
        w.write(colour)
    }

    init(decoding r: inout StateReader) throws(StateError) {
        let name = try r.readString(maxBytes: 256)
        guard Self.isValidName(name) else { throw StateError("zone name '\(name)' is not one") }
        let tag: UInt8 = try r.read()
        let shape: Shape
        switch tag {
        case 0: shape = .rect(x0: try r.readInt(), y0: try r.readInt(), x1: try r.readInt(), y1: try r.readInt())
        case 1: shape = .disk(x: try r.readInt(), y: try r.readInt(), radius: try r.readInt())
        case 2:
            let xy: [Int64] = try r.readArray(maxCount: 2 * Self.maxListedCells)
            shape = .cells(xy.map { Int(truncatingIfNeeded: $0) })
        case 3: shape = .mask(file: try r.readString(maxBytes: 1 << 16))
        default: throw StateError("unknown zone shape \(tag)")
        }
        let buffer = try r.readInt()
        guard (0...Self.maxBuffer).contains(buffer) else { throw StateError("zone buffer \(buffer)") }
        let colour: UInt32 = try r.read()
        guard colour <= 0xFF_FFFF else { throw StateError("zone colour \(colour)") }
        self.init(name: name, shape: shape, buffer: buffer, colour: colour)
    }
}
