import ArgumentParser
import NanoCityModel

struct ParamsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "params",
        abstract: "List every world parameter (key, default, unit, allowed values, meaning), or every metric."
    )

    @Flag(help: "Print a Markdown table (as in the README).")
    var markdown = false

    @Flag(help: "List the metrics.csv columns instead.")
    var metrics = false

    func run() {
        if metrics {
            if markdown { print("| column | kind | unit | meaning |\n|---|---|---|---|") }
            for m in MetricCatalog.all {
                print(markdown ? "| `\(m.name)` | \(m.kind.rawValue) | \(m.unit) | \(m.doc) |" : "\(m.name)\t\(m.kind.rawValue)\t\(m.unit)\t\(m.doc)")
            }
            return
        }
        let defaults = WorldParameters()
        if markdown { print("| key | default | unit | allowed | meaning |\n|---|---|---|---|---|") }
        for s in ParameterCatalog.all {
            var value = s.value(in: defaults).description
            if value.isEmpty { value = "\"\"" }
            if markdown {
                let v = value.count > 24 ? String(value.prefix(21)) + "…" : value
                print("| `\(s.key)` | \(v) | \(s.unit) | \(s.type.allowed) | \(s.doc)\(s.schedulable ? "" : " (not schedulable)") |")
            } else {
                print("\(s.key) = \(value)\t[\(s.unit)]\t\(s.type.allowed)\t\(s.doc)")
            }
        }
    }
}
