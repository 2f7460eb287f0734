import ArgumentParser
import Foundation
import NanoCityIO
import NanoCityModel

struct MapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Work with a world's map layout.",
        subcommands: [MapExportCommand.self]
    )
}

struct MapExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a world's map as a PNG in the map legend (one pixel per cell).",
        discussion: """
            Any world (procedural, ASCII or image map) exports; edit the PNG in a paint program \
            with the legend's exact colours (README, Maps) and load it back with \
            [map] kind = "image", image = "FILE.png". Prints the file written.
            """
    )

    @Argument(help: "World file (TOML). Omit for the embedded default world.")
    var world: String?

    @Option(help: "PNG file to write.")
    var out: String

    @Option(help: "Also write the world's zones as a PNG mask: black outside zones, each zone in its colour (read back with [[zone]] mask = FILE, colour = …).")
    var zones: String?

    @Flag(help: "Replace --out (and --zones) if it exists.")
    var force = false

    @OptionGroup var overrides: OverrideOptions

    func run() throws {
        let w = try loadWorld(path: world, overrides: overrides.assignments)
        let map = try buildMap(w)
        guard out.lowercased().hasSuffix(".png") else {
            printError("error: --out \(out): the map is written as PNG; give a file name ending in .png")
            throw ExitCodes.badInput
        }
        if let zones {
            guard zones.lowercased().hasSuffix(".png") else {
                printError("error: --zones \(zones): the zones are written as PNG; give a file name ending in .png")
                throw ExitCodes.badInput
            }
            guard !map.zones.isEmpty else {
                printError("error: --zones \(zones): \(w.origin) declares no [[zone]]")
                throw ExitCodes.badInput
            }
        }
        if let zones, (zones as NSString).standardizingPath == (out as NSString).standardizingPath {
            printError("error: --zones \(zones) is --out too; give the zone mask its own file")
            throw ExitCodes.badInput
        }
        for (flag, path) in [("--out", out), ("--zones", zones)] {
            if let path, FileManager.default.fileExists(atPath: path) && !force {
                printError("error: \(flag) \(path) exists; add --force to replace it")
                throw ExitCodes.badInput
            }
        }
        // Both written beside their destinations first, then renamed: a failed write leaves neither.
        let suffix = ".tmp-\(getpid())"
        var written: [(temp: String, path: String)] = []
        do throws(PNGError) {
            try MapImage.write(map, name: w.parameters.name, to: out + suffix)
            written.append((out + suffix, out))
            if let zones {
                try ZoneMask.write(map.zones, declarations: w.parameters.zones, size: map.size, name: w.parameters.name, to: zones + suffix)
                written.append((zones + suffix, zones))
            }
        } catch {
            for t in written { unlink(t.temp) }
            unlink(out + suffix)
            printError("error: \(error.message.isEmpty ? error.description : "\(error.path.hasSuffix(suffix) ? String(error.path.dropLast(suffix.count)) : error.path): \(error.message)")")
            throw ExitCodes.runFailed
        }
        for t in written where rename(t.temp, t.path) != 0 {
            let problem = String(cString: strerror(errno))
            for u in written { unlink(u.temp) }
            printError("error: \(t.path): \(problem)")
            throw ExitCodes.runFailed
        }
        print(out)
        if let zones { print(zones) }
    }
}
