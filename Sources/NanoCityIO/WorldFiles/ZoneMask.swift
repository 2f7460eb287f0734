import NanoCityEngine
import NanoCityModel

/// Zones as a PNG (`map export --zones`, and `mask = "…"` zones): one pixel per cell, black
/// outside every zone, each zone's cells in its `colour`. A mask zone takes the pixels of its
/// colour, so an exported mask read back by `[[zone]] mask = … colour = …` gives the same cells.
public enum ZoneMask {
    /// The zones' image on a map of `size`.
    public static func image(of zones: ZoneLayout, declarations: [ZoneDeclaration], size: GridSize) -> PNGImage {
        var px = [UInt8](repeating: 0, count: 3 * size.count)
        for (z, area) in zones.targets.enumerated() {
            let c = declarations.first { $0.name == zones.names[z] }?.colour ?? ZoneDeclaration.palette[z % ZoneDeclaration.palette.count]
            for cell in area.cells {
                let i = 3 * Int(cell)
                px[i] = UInt8(c >> 16); px[i + 1] = UInt8((c >> 8) & 0xFF); px[i + 2] = UInt8(c & 0xFF)
            }
        }
        return PNGImage(width: size.width, height: size.height, pixels: px)
    }

    public static func write(_ zones: ZoneLayout, declarations: [ZoneDeclaration], size: GridSize, name: String, to path: String) throws(PNGError) {
        try image(of: zones, declarations: declarations, size: size).write(
            path: path, fast: false,
            text: [("Software", "NanoCity " + NanoCityVersion.string), ("World", name),
                   ("Comment", "NanoCity zones: one pixel per cell, black outside zones, each zone in its colour ([[zone]] mask)")])
    }

    /// The pixels-per-cell factor of a mask for a grid of `size`: 1 for one pixel per cell, k
    /// for an image k times as wide and as high (an exported picture scaled up, such as
    /// `patterns --export-grid`'s counts.png); nil for any other size.
    static func factor(_ image: PNGImage, size: GridSize) -> Int? {
        guard image.width % size.width == 0, image.height % size.height == 0, image.width / size.width == image.height / size.height else { return nil }
        return image.width / size.width
    }

    /// The cells of a grid of `size` whose pixel in `image` (at the centre of the cell's block
    /// when the image is scaled by `factor`) is `colour` (0xRRGGBB).
    static func cells(_ image: PNGImage, colour: UInt32, size: GridSize, factor k: Int) -> [Int32] {
        let r = UInt8(colour >> 16), g = UInt8((colour >> 8) & 0xFF), b = UInt8(colour & 0xFF)
        var out: [Int32] = []
        let px = image.pixels
        for y in 0..<size.height {
            for x in 0..<size.width {
                let i = (y * k + k / 2) * image.width + x * k + k / 2
                if px[3 * i] == r && px[3 * i + 1] == g && px[3 * i + 2] == b { out.append(Int32(y * size.width + x)) }
            }
        }
        return out
    }
}

extension World {
    /// The world's zones laid on a map of `size`: shapes checked against the grid, masks read
    /// (each file once), overlaps refused; every problem names the zone's line.
    public func layZones(size: GridSize) throws(WorldError) -> ZoneLayout {
        let decl = parameters.zones
        guard !decl.isEmpty else { return .empty }
        func fail(_ z: Int?, _ message: String) -> WorldError {
            let line = z.flatMap { $0 < locator.zoneLines.count ? locator.zoneLines[$0] : nil } ?? locator.line(of: "zone")
            return WorldError([WorldProblem(file: origin, line: line, key: z.map { "zone[\($0)]" } ?? "zone", message: message)])
        }
        var masks: [String: PNGImage] = [:]
        var cells: [[Int32]] = []
        for (z, d) in decl.enumerated() {
            if case .mask(let file) = d.shape {
                let path = resolve(file)
                if masks[path] == nil {
                    do { masks[path] = try PNGImage.read(path: path) } catch { throw fail(z, "zone \"\(d.name)\": mask '\(file)': \(error)") }
                }
                let image = masks[path]!
                guard let k = ZoneMask.factor(image, size: size) else {
                    throw fail(z, "zone \"\(d.name)\": mask '\(file)' is \(image.width)×\(image.height) pixels; the map is \(size.width)×\(size.height) "
                        + "(one pixel per cell, or k × k pixels per cell)")
                }
                let found = ZoneMask.cells(image, colour: d.colour, size: size, factor: k)
                guard !found.isEmpty else {
                    throw fail(z, "zone \"\(d.name)\": mask '\(file)' has no " + (k == 1 ? "pixel" : "cell whose pixel at the centre of its \(k)×\(k) block is")
                        + " of its colour \(d.colourText)")
                }
                cells.append(found)
            } else {
                do throws(ZoneError) { cells.append(try ZoneLayout.cells(of: d.shape, zone: d.name, size: size)) } catch {
                    throw fail(z, error.description)
                }
            }
        }
        do throws(ZoneError) {
            return try ZoneLayout(size: size, names: decl.map(\.name), cells: cells, buffers: decl.map(\.buffer))
        } catch {
            throw fail(error.zone.flatMap { n in decl.firstIndex { $0.name == n } }, error.description)
        }
    }
}
