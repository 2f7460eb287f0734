import NanoCityModel
import NanoCityTOML

/// Writes a world as a world file that reads back to the same world: every catalog key in
/// catalog order under its table, the `[frames]` settings, the zones' levers and `[[zone]]`
/// tables, then each schedule entry as `[[schedule]]`.
public enum WorldFileWriter {
    public static func text(_ world: World) -> String {
        let params = world.parameters
        // Keys without a table first: after a [header] they would land inside it.
        let specs = ParameterCatalog.all.filter { !$0.key.contains(".") } + ParameterCatalog.all.filter { $0.key.contains(".") }
        var out = ""
        var table = ""
        let lines = specs.map { ($0.key, $0.value(in: params)) } + FrameSettings.catalog.map { ($0.key, $0.value(in: world.frames)) }
        for (key, value) in lines {
            let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
            let (section, name) = parts.count == 2 ? (parts[0], parts[1]) : ("", parts[0])
            if section != table {
                out += "\n[\(TOMLWriter.key(section))]\n"
                table = section
            }
            out += name.split(separator: ".").map { TOMLWriter.key(String($0)) }.joined(separator: ".")
                + " = " + literal(value) + "\n"
        }
        // Zones' levers under [zones.<zone>] (only those away from their defaults), before the
        // arrays of tables, which would swallow them.
        for zone in params.zones {
            guard let levers = params.zoneLevers[zone.name] else { continue }
            out += "\n[zones.\(zone.name)]\n"
            for l in ZoneLever.all where l.value(in: levers) != l.value(in: ZoneLevers()) {
                out += l.key + " = " + literal(l.value(in: levers)) + "\n"
            }
        }
        for zone in params.zones {
            out += "\n[[zone]]\nname = \(TOMLWriter.string(zone.name))\n"
            switch zone.shape {
            case .rect(let x0, let y0, let x1, let y1): out += "rect = [\(x0), \(y0), \(x1), \(y1)]\n"
            case .disk(let x, let y, let r): out += "disk = [\(x), \(y), \(r)]\n"
            case .cells(let xy): out += "cells = [" + stride(from: 0, to: xy.count - 1, by: 2).map { "[\(xy[$0]), \(xy[$0 + 1])]" }.joined(separator: ", ") + "]\n"
            case .mask(let f): out += "mask = \(TOMLWriter.string(f))\n"
            }
            out += "buffer = \(zone.buffer)\ncolour = \(TOMLWriter.string(zone.colourText))\n"
        }
        for entry in params.schedule {
            out += "\n[[schedule]]\n" + (entry.name.map { "name = \(TOMLWriter.string($0))\n" } ?? "") + "tick = \(entry.tick)\nset = { "
            out += entry.changes.map { TOMLWriter.string($0.key) + " = " + literal($0.value) }.joined(separator: ", ")
            out += " }\n"
        }
        return out
    }

    static func literal(_ v: ParameterValue) -> String {
        switch v {
        case .int(let i): String(i)
        case .double(let d): TOMLWriter.float(d)
        case .bool(let b): b ? "true" : "false"
        case .string(let s): TOMLWriter.string(s)
        }
    }
}
