import ArgumentParser
import Foundation
import NanoCityIO
import NanoCityModel

struct ParamsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "params",
        abstract: "List every world parameter (key, default, unit, allowed values, meaning), or every metric.",
        discussion: """
            Parameters marked "changed by the model" are starting values: the run itself moves them \
            (recruitment, education). The note says which --set holds such a lever fixed, so that a \
            sweep over it measures the policy and not only its starting point.
            """
    )

    @Argument(help: "A world file: show its effective values (default: the embedded default world); or a parameter key, e.g. guards.count, for that one parameter.")
    var world: String?

    @Argument(help: "With a world file: one parameter key to show.")
    var key: String?

    @OptionGroup var overrides: OverrideOptions

    @Flag(help: "Print the Markdown reference table (docs/reference.md): built-in default and the default world's value.")
    var markdown = false

    @Flag(help: "List the metrics.csv columns instead.")
    var metrics = false

    func run() throws {
        // `params KEY` or `params WORLD KEY`: one parameter, in full.
        if let w = world, key == nil, !FileManager.default.fileExists(atPath: w),
           Self.isKey(w) || (w.contains(".") && !w.contains("/") && !w.hasSuffix(".toml")) {
            return try show(key: w, worldPath: nil)
        }
        if let key { return try show(key: key, worldPath: world) }
        if metrics {
            if markdown { print("| column | kind | unit | meaning |\n|---|---|---|---|") }
            // A world's zones add their columns (`params WORLD --metrics`); the reference lists the catalog's.
            var columns = MetricCatalog.all
            if let world, !markdown { columns = MetricCatalog.columns(for: try buildMap(try loadWorld(path: world, overrides: overrides.assignments))) }
            for m in columns {
                // Headline metrics say where they are shown by default.
                let headline = m.headline.map { h in
                    " — **headline**: " + ([h.summary.map { "`\(m.name)_\($0.rawValue)` in sweep tables and charts" }, "run charts",
                                            h.strip.map { _ in "the frames' strip" }].compactMap { $0 }).joined(separator: ", ")
                } ?? ""
                print(markdown ? "| `\(m.name)` | \(m.kind.rawValue) | \(m.unit) | \(m.doc)\(headline) |" : "\(m.name)\t\(m.kind.rawValue)\t\(m.unit)\t\(m.doc)")
            }
            return
        }
        // --markdown: the reference table, with the built-in default and the default world's
        // value side by side (an arm or --set starts from the world, not from the built-in).
        let effective = try loadWorld(path: markdown ? nil : world, overrides: markdown ? [] : overrides.assignments)
        if !markdown { print("# \(world ?? "the embedded default world (worlds/default.toml)"): effective values; (built-in: …) where the world sets another") }
        if markdown { print("| key | built-in | default world | unit | allowed | meaning |\n|---|---|---|---|---|---|") }
        // A world's zones' levers follow its own parameters (none in a world without zones).
        let rows = Row.all(ParameterCatalog.all, defaults: WorldParameters(), effective: effective.parameters)
            + Row.all(markdown ? [] : ParameterCatalog.zoneLevers(for: effective.parameters), defaults: WorldParameters(), effective: effective.parameters)
            + Row.all(FrameSettings.catalog, defaults: FrameSettings(), effective: effective.frames)
        defer {
            if markdown {
                // The levers every zone has, as `zones.<zone>.<lever>`.
                print("\n| zone lever (`zones.<zone>.…`) | built-in | unit | allowed | meaning |\n|---|---|---|---|---|")
                for l in ZoneLever.all {
                    print("| `\(l.key)` | \(l.value(in: ZoneLevers())) | \(l.unit) | \(l.type.allowed) | \(l.doc)"
                        + (l.effect == .none ? "" : " (a schedule entry also does: \(l.effect.rawValue))") + " |")
                }
            }
        }
        for s in rows {
            var value = s.builtIn.description
            if value.isEmpty { value = "\"\"" }
            let driven = ModelDrivenParameters.entry(for: s.key).map {
                " — changed by the model: \($0.changedBy); hold fixed with \($0.holdFixed)"
            } ?? ""
            if markdown {
                func cut(_ t: String) -> String { t.count > 24 ? String(t.prefix(21)) + "…" : t }
                var mine = (s.value ?? s.builtIn).description
                if mine.isEmpty { mine = "\"\"" }
                let inWorld = mine == value ? "=" : "**\(cut(mine))**"
                let note = driven.isEmpty ? "" : " **Starting value**" + driven.replacingOccurrences(of: " hold fixed with ", with: " hold fixed with `").appending("`")
                print("| `\(s.key)` | \(cut(value)) | \(inWorld) | \(s.unit) | \(s.type.allowed) | \(s.doc)\(s.schedulable ? "" : " (not schedulable)")\(note) |")
            } else {
                var mine = (s.value ?? s.builtIn).description
                if mine.isEmpty { mine = "\"\"" }
                let builtIn = mine == value ? "" : " (built-in: \(value.count > 24 ? String(value.prefix(21)) + "…" : value))"
                if mine.count > 40 { mine = String(mine.prefix(37)) + "…" }
                print("\(s.key) = \(mine)\(builtIn)\t[\(s.unit)]\t\(s.type.allowed)\t\(s.doc)\(driven)")
            }
        }
    }

    static func isKey(_ k: String) -> Bool {
        ParameterCatalog.spec(for: k) != nil || FrameSettings.catalog.contains { $0.key == k }
    }

    /// Everything about one parameter: values (built-in, this world's), unit, allowed values,
    /// meaning, whether and how a schedule may change it, and whether the model moves it.
    func show(key: String, worldPath: String?) throws {
        let world = try loadWorld(path: worldPath, overrides: overrides.assignments)
        let rows = Row.all(ParameterCatalog.all + ParameterCatalog.zoneLevers(for: world.parameters), defaults: WorldParameters(), effective: world.parameters)
            + Row.all(FrameSettings.catalog, defaults: FrameSettings(), effective: world.frames)
        guard let r = rows.first(where: { $0.key == key }) else {
            let close = rows.map(\.key).filter { $0.hasPrefix(key.split(separator: ".").first.map(String.init) ?? key) }
            printError("error: '\(key)' is not a parameter" + (close.isEmpty ? "; `nanocity params` lists them all"
                : "; in that table: \(close.prefix(12).joined(separator: ", "))"))
            throw ExitCodes.badInput
        }
        func text(_ v: ParameterValue?) -> String { v.map { $0.description.isEmpty ? "\"\"" : $0.description } ?? "—" }
        var lines = [key + (r.unit.isEmpty ? "" : "  [\(r.unit)]"), "  meaning:   \(r.doc)", "  allowed:   \(r.type.allowed)",
                     "  built-in:  \(text(r.builtIn))",
                     "  \(worldPath == nil ? "default world (worlds/default.toml)" : worldPath!): \(text(r.value))"
                        + (overrides.assignments.isEmpty ? "" : " (after --set)")]
        if r.schedulable {
            lines.append("  schedule:  may change mid-run ([[schedule]], fork arms)"
                + (r.effect == .none ? "; read from then on" : "; changing it also does: \(r.effect.rawValue)"))
        } else {
            lines.append("  schedule:  fixed at the start (vary it in a plain sweep, not in a schedule or a fork arm)")
        }
        if let e = ModelDrivenParameters.entry(for: key) {
            lines.append("  model:     a starting value: \(e.changedBy); hold it fixed with --set \(e.holdFixed); "
                + "\(e.metric)_final says where a run ended"
                + (e.isHeld(world.parameters) ? " (held fixed in this world)" : " (not held fixed in this world)"))
        }
        print(lines.joined(separator: "\n"))
    }

    /// One line of the listing: a model parameter or a frame setting, its built-in value and
    /// (for a world) its effective one.
    private struct Row {
        var key: String
        var type: ParameterType
        var unit: String
        var doc: String
        var schedulable: Bool
        var effect: ScheduleEffect
        var builtIn: ParameterValue
        var value: ParameterValue?

        /// One row per setting of `specs`: its value in `defaults` and, for a world, in `effective`.
        static func all<Root>(_ specs: [SettingSpec<Root>], defaults: Root, effective: Root?) -> [Row] {
            specs.map { s in
                Row(key: s.key, type: s.type, unit: s.unit, doc: s.doc, schedulable: s.schedulable, effect: s.effect, builtIn: s.value(in: defaults),
                    value: effective.map { s.value(in: $0) })
            }
        }
    }
}
