import Foundation
import Testing
@testable import NanoCityIO
@testable import NanoCityModel

/// A map exported as a legend PNG reads back as the same layout, for every kind of map.
@Suite struct MapImageTests {
    static let root = sequence(first: URL(fileURLWithPath: #filePath).deletingLastPathComponent(), next: { $0.path == "/" ? nil : $0.deletingLastPathComponent() }).first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("Package.swift").path) && FileManager.default.fileExists(atPath: $0.appendingPathComponent("worlds").path) }!.path  // the repository root, wherever this file sits below it

    @Test(arguments: ["default.toml", "heist.toml", "harbour.toml", "ringtown.toml"])
    func exportThenImportGivesTheSameLayout(world: String) throws {
        let w = try WorldFile.load(path: Self.root + "/worlds/" + world)
        let map = try w.buildMap()
        let path = NSTemporaryDirectory() + "nanocity-map-\(getpid())-\(world).png"
        defer { unlink(path) }
        try MapImage.write(map, name: w.parameters.name, to: path)
        let png = try PNGImage.read(path: path)
        #expect(png.width == map.size.width && png.height == map.size.height)
        let back = try CityMap(rgb: png.pixels, width: png.width, height: png.height)
        #expect(back.terrain == map.terrain)
        #expect(back.sensorCells.sorted() == map.sensorCells.sorted())
        #expect(back.asciiArt() == map.asciiArt())
    }

    @Test func aPaintedPixelOutsideTheLegendIsNamed() throws {
        let map = try CityMap(ascii: "....\n.HC.\n.GX.\n....")
        var img = MapImage.image(of: map)
        img.pixels[3 * (2 * 4 + 3)] = 1  // (3, 2) no longer a legend colour
        #expect(throws: MapError.unknownColor(x: 3, y: 2, r: 1, g: 128, b: 128)) {
            try CityMap(rgb: img.pixels, width: 4, height: 4)
        }
    }
}
