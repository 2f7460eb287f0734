import NanoCityModel
import NanoCityTOML

/// Writes parameters as a world file that reads back to the same parameters: every catalog
/// key in catalog order under its table, then each schedule entry as `[[schedule]]`.
public enum WorldFileWriter {
    public static func text(_ params: WorldParameters) -> String {
        var out = ""
        var table = ""
        // Keys without a table first: after a [header] they would land inside it.
        let specs = ParameterCatalog.all.filter { !$0.key.contains(".") } + ParameterCatalog.all.filter { $0.key.contains(".") }
        for spec in specs {
            let parts = spec.key.split(separator: ".", maxSplits: 1).map(String.init)
            let (section, name) = parts.count == 2 ? (parts[0], parts[1]) : ("", parts[0])
            if section != table {
                out += "\n[\(TOMLWriter.key(section))]\n"
                table = section
            }
            out += name.split(separator: ".").map { TOMLWriter.key(String($0)) }.joined(separator: ".")
                + " = " + literal(spec.value(in: params)) + "\n"
        }
        for entry in params.schedule {
            out += "\n[[schedule]]\ntick = \(entry.tick)\nset = { "
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
