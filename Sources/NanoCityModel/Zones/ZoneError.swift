/// A zone declaration that cannot be laid on the map.
public enum ZoneError: Error, Sendable, Equatable, CustomStringConvertible {
    case tooMany(count: Int)
    case badName(String)
    case duplicateName(String)
    /// A cell of the zone lies outside the map (zones are never clipped).
    case outside(zone: String, x: Int, y: Int, width: Int, height: Int)
    case emptyRect(zone: String)
    case empty(zone: String)
    case overlap(zone: String, other: String, x: Int, y: Int)
    case tooManyCells(zone: String, count: Int)
    case badBuffer(zone: String, buffer: Int)
    case badRadius(zone: String, radius: Int)
    /// A buffer width whose ring has no cell on the map (the zone fills it).
    case emptyBuffer(zone: String, buffer: Int)
    /// A `mask` zone reaches `ZoneLayout` without its cells (the I/O layer reads masks).
    case unreadMask(zone: String)

    /// The zone the problem is about, when there is one.
    public var zone: String? {
        switch self {
        case .tooMany: nil
        case .badName(let z), .duplicateName(let z), .emptyRect(let z), .empty(let z), .unreadMask(let z): z
        case .outside(let z, _, _, _, _), .overlap(let z, _, _, _), .tooManyCells(let z, _), .badBuffer(let z, _), .badRadius(let z, _), .emptyBuffer(let z, _): z
        }
    }

    public var description: String {
        switch self {
        case .tooMany(let n): "\(n) zones; a world has at most \(ZoneDeclaration.maxZones)"
        case .badName(let n): "zone name \"\(n)\" is not allowed: \(ZoneDeclaration.nameRule)"
        case .duplicateName(let n): "two zones are named \"\(n)\"; names must differ"
        case .outside(let z, let x, let y, let w, let h):
            "zone \"\(z)\": cell (\(x), \(y)) is outside the \(w)×\(h) map (x in 0…\(w - 1), y in 0…\(h - 1)); zones are not clipped"
        case .emptyRect(let z): "zone \"\(z)\": rect = [x0, y0, x1, y1] needs x0 ≤ x1 and y0 ≤ y1 (both ends are included)"
        case .empty(let z): "zone \"\(z)\" covers no cell"
        case .overlap(let z, let o, let x, let y): "zone \"\(z)\" overlaps zone \"\(o)\" at cell (\(x), \(y)); zones may not overlap (buffers may)"
        case .tooManyCells(let z, let n): "zone \"\(z)\" lists \(n) cells; a cells list holds at most \(ZoneDeclaration.maxListedCells) (use rect, disk or mask)"
        case .badBuffer(let z, let b): "zone \"\(z)\": buffer = \(b); a buffer is 0…\(ZoneDeclaration.maxBuffer) cells"
        case .badRadius(let z, let r): "zone \"\(z)\": disk radius \(r); a radius is 0…\(ZoneDeclaration.maxRadius) cells"
        case .emptyBuffer(let z, let b): "zone \"\(z)\": buffer = \(b), but no cell around the zone lies on the map; set buffer = 0"
        case .unreadMask(let z): "zone \"\(z)\": its mask was not read"
        }
    }
}
