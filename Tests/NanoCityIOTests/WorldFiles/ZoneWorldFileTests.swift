import Foundation
import Testing
@testable import NanoCityIO
@testable import NanoCityModel

/// `[[zone]]` tables and `[zones.<name>]` levers in world files: read, laid on the map, every
/// hostile declaration refused with its line, and masks round-tripping through `map export --zones`.
@Suite struct ZoneWorldFileTests {
    func parse(_ text: String, base: String = "/tmp") throws(WorldError) -> World {
        try WorldFile.parse(text: text, origin: "test.toml", baseDirectory: base)
    }

    /// The problems a text gives, parsed or laid on the default 64×64 map.
    func problems(_ text: String, base: String = "/tmp") -> [WorldProblem] {
        do throws(WorldError) {
            let w = try parse(text, base: base)
            return w.validate()
        } catch { return error.problems }
    }

    @Test func zonesAndLeversAreRead() throws {
        let w = try parse("""
            name = "z"
            [[zone]]
            name = "industrial"
            rect = [33, 1, 63, 31]
            buffer = 3
            [[zone]]
            name = "park"
            disk = [10, 50, 4]
            colour = "#00ff00"
            [[zone]]
            name = "corner"
            cells = [[0, 0], [1, 0]]
            [zones.industrial]
            guards = 4
            [[schedule]]
            tick = 10
            set = { "zones.park.burglary_suppression" = 0.5 }
            """)
        #expect(w.parameters.zones.map(\.name) == ["industrial", "park", "corner"])
        #expect(w.parameters.zones[0].shape == .rect(x0: 33, y0: 1, x1: 63, y1: 31) && w.parameters.zones[0].buffer == 3)
        #expect(w.parameters.zones[1].colour == 0x00FF00 && w.parameters.zones[2].colour == ZoneDeclaration.palette[1])
        #expect(w.parameters.zoneLevers["industrial"]?.guards == 4)
        #expect(w.parameters.schedule[0].changes.map(\.key) == ["zones.park.burglary_suppression"])
        let map = try w.buildMap()
        #expect(map.zones.names == ["industrial", "park", "corner"])
        #expect(map.zones.targets.map(\.cells.count) == [31 * 31, 49, 2])
        #expect(w.validate().isEmpty)
    }

    @Test func hostileZonesAreRefusedWithTheirLine() {
        let cases: [(String, String)] = [
            ("[[zone]]\nrect = [1, 1, 2, 2]", "needs name"),
            ("[[zone]]\nname = \"Bad Name\"\nrect = [1, 1, 2, 2]", "not allowed"),
            ("[[zone]]\nname = \"rest\"\nrect = [1, 1, 2, 2]", "not allowed"),
            ("[[zone]]\nname = \"a\"", "needs one of rect, disk, cells or mask"),
            ("[[zone]]\nname = \"a\"\nrect = [1, 1, 2, 2]\ndisk = [5, 5, 1]", "exactly one shape"),
            ("[[zone]]\nname = \"a\"\nrect = [1, 1, 2]", "four integers"),
            ("[[zone]]\nname = \"a\"\nrect = [1, 1, 2, 2.5]", "four integers"),
            ("[[zone]]\nname = \"a\"\ndisk = [5, 5, -1]", "radius"),
            ("[[zone]]\nname = \"a\"\ncells = []", "non-empty"),
            ("[[zone]]\nname = \"a\"\ncells = [[1, 2, 3]]", "must be [x, y]"),
            ("[[zone]]\nname = \"a\"\nrect = [1, 1, 2, 2]\nbuffer = -1", "buffer must be"),
            ("[[zone]]\nname = \"a\"\nrect = [1, 1, 2, 2]\nbuffer = 100000", "buffer must be"),
            ("[[zone]]\nname = \"a\"\nrect = [1, 1, 2, 2]\ncolour = \"red\"", "#rrggbb"),
            ("[[zone]]\nname = \"a\"\nrect = [1, 1, 2, 2]\nshape = 3", "unknown key 'shape'"),
            ("[[zone]]\nname = \"a\"\nmask = \"z.png\"", "needs colour"),
            ("[[zone]]\nname = \"a\"\nrect = [1, 1, 2, 2]\n[[zone]]\nname = \"a\"\nrect = [5, 5, 6, 6]", "second zone named"),
            ("[[zone]]\nname = \"a\"\nrect = [60, 1, 64, 2]", "outside the 64×64 map"),
            ("[[zone]]\nname = \"a\"\ndisk = [2, 2, 3]", "outside the 64×64 map"),
            ("[[zone]]\nname = \"a\"\ndisk = [-9223372036854775808, 5, 3]", "outside the 64×64 map"),
            ("[[zone]]\nname = \"a\"\ndisk = [9223372036854775807, 9223372036854775807, 32768]", "outside the 64×64 map"),
            ("[[zone]]\nname = \"a\"\nrect = [-9223372036854775808, 0, 9223372036854775807, 1]", "outside the 64×64 map"),
            ("[[zone]]\nname = \"a\"\nrect = [1, 1, 2, 2]\ncolour = \"#000000\"", "outside of a zone mask"),
            ("[[zone]]\nname = \"a\"\nrect = [1, 1, 2, 2]\ncolour = \"#ff0000\"\n[[zone]]\nname = \"b\"\nrect = [5, 5, 6, 6]\ncolour = \"#FF0000\"", "each zone needs its own colour"),
            ("[[zone]]\nname = \"a\"\nrect = [1, 1, 5, 5]\n[[zone]]\nname = \"b\"\nrect = [5, 5, 9, 9]", "overlaps zone \"a\" at cell (5, 5)"),
            ("[[zone]]\nname = \"a\"\nrect = [0, 0, 63, 63]\nbuffer = 2", "no cell around the zone"),
            ("[[zone]]\nname = \"a\"\nmask = \"missing.png\"\ncolour = \"#ff0000\"", "mask 'missing.png'"),
            ("zone = 3", "array of tables"),
            ("[zones.nowhere]\nguards = 2", "no [[zone]] is named \"nowhere\""),
            ("[[zone]]\nname = \"a\"\nrect = [1, 1, 2, 2]\n[zones.a]\nguardz = 2", "levers:"),
            ("[[zone]]\nname = \"a\"\nrect = [1, 1, 2, 2]\n[zones.a]\nguards = -2", "zones.a.guards"),
            ("[[zone]]\nname = \"a\"\nrect = [1, 1, 2, 2]\n[zones.a]\nguards = \"3\"", "a string: write the value without quotes"),
            ("[[zone]]\nname = \"a\"\nrect = [1, 1, 2, 2]\n[zones.a]\ncontainment = \"true\"", "a string: write the value without quotes"),
            ("[[schedule]]\ntick = 3\nset = { \"zones.b.guards\" = 1 }", "no [[zone]] is named \"b\""),
            (String(repeating: "[[zone]]\nname = \"a\"\nrect = [1, 1, 2, 2]\n", count: 33), "at most 32"),
        ]
        for (text, message) in cases {
            let p = problems("name = \"t\"\n" + text)
            #expect(p.contains { $0.description.contains(message) }, "\(text) → \(p.map(\.description))")
            #expect(p.allSatisfy { $0.line != nil || $0.description.contains("more problems") }, "\(text): a problem without its line")
        }
    }

    /// Zones without a colour get one no other zone has (more zones than the palette, and one
    /// declared colour equal to a default), so an exported mask separates them all.
    @Test func defaultColoursAreDistinct() throws {
        var text = "name = \"t\"\n[[zone]]\nname = \"first\"\ncells = [[0, 0]]\ncolour = \"\(ZoneDeclaration(name: "x", shape: .cells([]), colour: ZoneDeclaration.palette[1]).colourText)\"\n"
        for i in 1..<32 { text += "[[zone]]\nname = \"z\(i)\"\ncells = [[\(i), 0]]\n" }
        let w = try parse(text)
        #expect(Set(w.parameters.zones.map(\.colour)).count == 32 && !w.parameters.zones.contains { $0.colour == 0 })
    }

    @Test func overridesNameUndeclaredZones() throws {
        var w = try parse("name = \"t\"\n[[zone]]\nname = \"a\"\nrect = [1, 1, 2, 2]\n")
        #expect(throws: WorldError.self) { try w.applyOverrides(["zones.b.guards=2"]) }
        try w.applyOverrides(["zones.a.guards=2"])
        #expect(w.parameters.zoneLevers["a"]?.guards == 2)
    }

    /// A zone mask exported by `map export --zones` and read back as `mask` zones gives the
    /// same cells.
    @Test func masksRoundTrip() throws {
        let dir = NSTemporaryDirectory() + "nanocity-zonemask-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let declared = try parse("""
            name = "t"
            [[zone]]
            name = "a"
            disk = [20, 20, 6]
            [[zone]]
            name = "b"
            cells = [[0, 0], [63, 63], [5, 7]]
            colour = "#123456"
            """)
        let map = try declared.buildMap()
        try ZoneMask.write(map.zones, declarations: declared.parameters.zones, size: map.size, name: "t", to: dir + "/zones.png")
        let masked = try parse("""
            name = "t"
            [[zone]]
            name = "a"
            mask = "zones.png"
            colour = "\(declared.parameters.zones[0].colourText)"
            [[zone]]
            name = "b"
            mask = "zones.png"
            colour = "#123456"
            """, base: dir)
        let again = try masked.buildMap()
        #expect(again.zones.targets == map.zones.targets)
        // The same mask scaled up 3× (a picture exported at k pixels per cell) gives the same cells.
        let small = try PNGImage.read(path: dir + "/zones.png")
        var big = [UInt8](repeating: 0, count: 9 * small.pixels.count)
        for y in 0..<(3 * small.height) {
            for x in 0..<(3 * small.width) {
                for c in 0..<3 { big[3 * (y * 3 * small.width + x) + c] = small.pixels[3 * ((y / 3) * small.width + x / 3) + c] }
            }
        }
        try PNGImage(width: 3 * small.width, height: 3 * small.height, pixels: big).write(path: dir + "/zones3.png")
        let scaled = try parse(masked.parameters.zones.map { "[[zone]]\nname = \"\($0.name)\"\nmask = \"zones3.png\"\ncolour = \"\($0.colourText)\"\n" }
            .joined(), base: dir)
        #expect(try scaled.buildMap().zones.targets == map.zones.targets)
        // A mask of another size is refused, naming both sizes.
        try PNGImage(width: 10, height: 10, pixels: [UInt8](repeating: 0, count: 300)).write(path: dir + "/small.png")
        let p = problems("name = \"t\"\n[[zone]]\nname = \"a\"\nmask = \"small.png\"\ncolour = \"#ff0000\"", base: dir)
        #expect(p.contains { $0.description.contains("10×10") && $0.description.contains("64×64") })
    }
}
