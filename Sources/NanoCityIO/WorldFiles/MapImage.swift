import NanoCityModel

/// A map as a PNG in the map legend (README "Maps"): one pixel per cell, each terrain in its
/// `Terrain.color`, sensor cells in `Terrain.sensorColor`. What `map export` writes and
/// `map.image` reads, so a layout can be exported, painted on and loaded back.
public enum MapImage {
    /// The map's image.
    public static func image(of map: CityMap) -> PNGImage {
        var px = [UInt8](repeating: 0, count: 3 * map.size.count)
        for i in 0..<map.size.count {
            let c = map.terrain(at: i).color
            px[3 * i] = c.0; px[3 * i + 1] = c.1; px[3 * i + 2] = c.2
        }
        for s in map.sensorCells {
            let i = Int(s), c = Terrain.sensorColor
            px[3 * i] = c.0; px[3 * i + 1] = c.1; px[3 * i + 2] = c.2
        }
        return PNGImage(width: map.size.width, height: map.size.height, pixels: px)
    }

    /// Writes the map's image to `path` (lossless, full compression: maps are small and edited).
    public static func write(_ map: CityMap, name: String, to path: String) throws(PNGError) {
        try image(of: map).write(path: path, fast: false, text: [("Software", "NanoCity " + NanoCityVersion.string), ("World", name),
                                                                  ("Comment", "NanoCity map: one pixel per cell in the map legend (README, Maps)")])
    }
}
