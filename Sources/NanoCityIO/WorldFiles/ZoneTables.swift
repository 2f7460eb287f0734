import NanoCityModel
import NanoCityTOML

/// Reads a world file's `[[zone]]` tables into `ZoneDeclaration`s:
/// ```toml
/// [[zone]]
/// name = "industrial"
/// rect = [33, 1, 63, 31]     # or disk = [x, y, r]; cells = [[x, y], …]; mask = "zones.png"
/// buffer = 3                 # optional: the ring "industrial.buffer", in cells
/// colour = "#d62728"         # optional: drawn by `map export --zones`; the colour a mask zone takes
/// ```
/// Whether the cells lie on the map is checked when the map is built (`World.buildMap`).
enum ZoneTables {
    static let keys = ["name", "rect", "disk", "cells", "mask", "buffer", "colour"]

    /// The declarations of `value` (the document's `zone` key); problems go to `problem` with
    /// the zone's line.
    static func read(_ value: TOMLValue, lines: [Int], problem: (String, String, Int?) -> Void) -> [ZoneDeclaration] {
        guard let array = value.array, array.allSatisfy({ $0.table != nil }) else {
            problem("zone", "zone must be an array of tables: [[zone]] with name and one of rect, disk, cells or mask", nil)
            return []
        }
        guard array.count <= ZoneDeclaration.maxZones else {
            problem("zone", "\(array.count) [[zone]] tables; a world has at most \(ZoneDeclaration.maxZones)", lines.first)
            return []
        }
        var out: [ZoneDeclaration] = []
        var names = Set<String>()
        var coloured = Set<String>()  // zones whose colour the file gives
        for (i, item) in array.enumerated() {
            let t = item.table!, line = i < lines.count ? lines[i] : nil
            let label = "zone[\(i)]"
            func bad(_ message: String) { problem(label, "[[zone]] \(i + 1): \(message)", line) }
            for key in t.keys where !keys.contains(key) {
                bad("unknown key '\(key)'; allowed: " + keys.joined(separator: ", "))
            }
            guard let name = t["name"]?.string else { bad("needs name = \"…\" (\(ZoneDeclaration.nameRule))"); continue }
            guard ZoneDeclaration.isValidName(name) else { bad("name \"\(name)\" is not allowed: \(ZoneDeclaration.nameRule)"); continue }
            guard names.insert(name).inserted else { bad("a second zone named \"\(name)\"; names must differ"); continue }
            let given = ["rect", "disk", "cells", "mask"].filter { t[$0] != nil }
            guard given.count == 1 else {
                bad(given.isEmpty ? "zone \"\(name)\" needs one of rect, disk, cells or mask"
                                  : "zone \"\(name)\" gives \(given.joined(separator: " and ")); give exactly one shape")
                continue
            }
            var shape: ZoneDeclaration.Shape?
            switch given[0] {
            case "rect":
                if let v = ints(t["rect"]!, count: 4) { shape = .rect(x0: v[0], y0: v[1], x1: v[2], y1: v[3]) }
                else { bad("rect = [x0, y0, x1, y1]: four integers (cells, both ends included)") }
            case "disk":
                if let v = ints(t["disk"]!, count: 3), v[2] >= 0, v[2] <= ZoneDeclaration.maxRadius { shape = .disk(x: v[0], y: v[1], radius: v[2]) }
                else { bad("disk = [x, y, r]: three integers, the centre cell and a radius 0…\(ZoneDeclaration.maxRadius) in cells") }
            case "cells":
                guard let list = t["cells"]!.array, !list.isEmpty else { bad("cells = [[x, y], …]: a non-empty list of cell pairs"); continue }
                guard list.count <= ZoneDeclaration.maxListedCells else {
                    bad("cells lists \(list.count) cells; at most \(ZoneDeclaration.maxListedCells) (use rect, disk or mask)"); continue
                }
                var xy: [Int] = []
                xy.reserveCapacity(2 * list.count)
                var ok = true
                for (k, pair) in list.enumerated() {
                    guard let v = ints(pair, count: 2) else { bad("cells entry \(k + 1) must be [x, y], two integers"); ok = false; break }
                    xy += v
                }
                if ok { shape = .cells(xy) }
            default:
                if let f = t["mask"]!.string, !f.isEmpty { shape = .mask(file: f) }
                else { bad("mask = \"FILE.png\": a PNG of the map's size, relative to the world file") }
            }
            var buffer = 0
            if let b = t["buffer"] {
                if let n = b.int, (0...ZoneDeclaration.maxBuffer).contains(n) { buffer = n }
                else { bad("buffer must be an integer 0…\(ZoneDeclaration.maxBuffer) (cells around the zone)") }
            }
            var colour: UInt32?
            if let c = t["colour"] {
                if let s = c.string, let v = ZoneDeclaration.parseColour(s) { colour = v }
                else { bad("colour must be \"#rrggbb\"") }
            }
            if case .mask = shape, t["colour"] == nil { bad("a mask zone needs colour = \"#rrggbb\": the colour of its pixels in the mask") }
            if colour == 0 { bad("colour #000000 is the outside of a zone mask; give the zone another colour"); colour = nil }
            if let c = colour, let other = out.first(where: { $0.colour == c && coloured.contains($0.name) }) {
                bad("colour \(ZoneDeclaration(name: name, shape: .cells([]), colour: c).colourText) is zone \"\(other.name)\"'s too; each zone needs its own colour "
                    + "(a mask tells zones apart by it)")
            }
            if colour != nil { coloured.insert(name) }
            if let shape { out.append(ZoneDeclaration(name: name, shape: shape, buffer: buffer, colour: colour, index: i)) }
        }
        // Zones without a colour take default colours no other zone has, so an exported mask
        // tells every zone apart.
        var used = Set(out.filter { coloured.contains($0.name) }.map(\.colour))
        for i in out.indices where !coloured.contains(out[i].name) {
            var k = 0
            while used.contains(ZoneDeclaration.defaultColour(k)) { k += 1 }
            out[i].colour = ZoneDeclaration.defaultColour(k)
            used.insert(out[i].colour)
        }
        return out
    }

    /// `count` integers that fit an Int, or nil.
    static func ints(_ v: TOMLValue, count: Int) -> [Int]? {
        guard let a = v.array, a.count == count else { return nil }
        let out = a.compactMap(\.int)
        return out.count == count ? out : nil
    }
}
