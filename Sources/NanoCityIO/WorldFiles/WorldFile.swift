import Foundation
import NanoCityEngine
import NanoCityModel
import NanoCityTOML

/// A world as loaded: the model's parameters and the frame settings (after overrides), where
/// it came from and its text.
public struct World: Sendable {
    public var parameters: WorldParameters
    /// The `[frames]` table (presentation only; the model never reads it).
    public var frames = FrameSettings()
    /// The path as given, or `<embedded default>`.
    public var origin: String
    /// Directory against which `map.file` and `map.image` are resolved.
    public var baseDirectory: String
    /// Overrides applied on top of the file, in order (`key`, value).
    public var overrides: [(key: String, value: ParameterValue)] = []
    /// FNV-1a 64 (hex) of the world file's bytes; nil for the embedded default. Sweeps record
    /// it so a resume after the file was edited is refused, naming the file.
    public var fileFingerprint: String?
    let locator: KeyLines

    init(parameters: WorldParameters, frames: FrameSettings = FrameSettings(), origin: String, baseDirectory: String,
         overrides: [(key: String, value: ParameterValue)] = [], locator: KeyLines = KeyLines()) {
        self.parameters = parameters
        self.frames = frames
        self.origin = origin
        self.baseDirectory = baseDirectory
        self.overrides = overrides
        self.locator = locator
    }
}

/// Reads TOML world files into `WorldParameters` and `FrameSettings`, reporting every problem
/// with its line.
///
/// A world file is a TOML document whose tables and keys are the dotted parameter keys of
/// `ParameterCatalog` (`[guards]` + `count = 6` is `guards.count`) and the `[frames]` keys of
/// `FrameSettings.catalog`, plus any number of
/// `[[schedule]]` tables, each with `tick = N` and `set = { "dotted.key" = value, … }`.
public enum WorldFile {
    /// Problems listed per file at most; the rest are counted.
    public static let maxListedProblems = 200

    public static let embeddedOrigin = "<embedded default>"

    /// Largest world or plan file read, in bytes (the parser also reads at most
    /// `TOMLParser.maxValues` values, which bounds its memory near 250 MB).
    public static let maxBytes = 16 << 20

    /// The world compiled into the binary (identical to `worlds/default.toml`).
    /// The embedded default world's text (worlds/default.toml).
    public static var embeddedDefaultText: String { EmbeddedWorlds.defaultTOML }

    public static func embeddedDefault() throws(WorldError) -> World {
        try parse(text: EmbeddedWorlds.defaultTOML, origin: embeddedOrigin, baseDirectory: FileManager.default.currentDirectoryPath)
    }

    /// An ASCII map file is at most this many bytes (a 2²⁶-cell map with its line ends fits).
    public static let maxMapFileBytes = 1 << 28

    /// Loads and checks a world file.
    public static func load(path: String) throws(WorldError) -> World {
        let url = URL(fileURLWithPath: path)
        let data: Data
        switch BoundedRead.read(path, limit: maxBytes) {
        case .success(let d): data = d
        case .failure(.missing): throw WorldError([WorldProblem(file: path, message: "no such file")])
        case .failure(.notAFile(let what)): throw WorldError([WorldProblem(file: path, message: "is \(what), not a world file")])
        case .failure(.tooLarge):
            throw WorldError([WorldProblem(file: path, message: "is larger than \(maxBytes >> 20) MiB; a world file is at most that "
                + "(big layouts belong in map.file or map.image, which have their own limits)")])
        case .failure(let p): throw WorldError([WorldProblem(file: path, message: p.description)])
        }
        guard let text = String(validating: data, as: UTF8.self) else {  // keeps a byte-order mark for the parser to judge
            throw WorldError([WorldProblem(file: path, message: "is not UTF-8 text")])
        }
        var world = try parse(text: text, origin: path, baseDirectory: url.deletingLastPathComponent().path)
        world.fileFingerprint = FNV1a.hex(data)
        return world
    }

    /// Parses world-file text (TOML 1.0; a byte-order mark and CRLF line ends are fine). Every
    /// problem is collected before throwing; a syntax error stops at the first.
    public static func parse(text: String, origin: String, baseDirectory: String) throws(WorldError) -> World {
        let table: TOMLTable
        do {
            table = try TOMLParser.parse(text)
        } catch {
            throw WorldError([WorldProblem(file: origin, line: error.line, message: "TOML syntax: \(error.message) (column \(error.position.column))")])
        }
        let locator = KeyLines(table)
        var world = World(parameters: WorldParameters(), origin: origin, baseDirectory: baseDirectory, locator: locator)
        var problems: [WorldProblem] = []
        // Listing is capped: a file with 200,000 bad keys gets the first problems and a count.
        var unlisted = 0
        func problem(_ key: String?, _ message: String, line: Int? = nil) {
            guard problems.count < WorldFile.maxListedProblems else { unlisted += 1; return }
            problems.append(WorldProblem(file: origin, line: line ?? key.flatMap { locator.line(of: $0) }, key: key, message: message))
        }

        // Zones first: the levers (`[zones.<name>]`) below are checked against their names.
        if let zones = table["zone"] {
            world.parameters.zones = ZoneTables.read(zones, lines: locator.zoneLines) { problem($0, $1, line: $2) }
        }
        var flat: [(String, TOMLValue)] = []
        flatten(table, into: &flat, schedule: { value in
            guard let array = value.array else { problem("schedule", "must be an array of tables: [[schedule]]"); return }
            for (i, item) in array.enumerated() {
                let line = i < locator.scheduleLines.count ? locator.scheduleLines[i] : nil
                guard let t = item.table else { problem("schedule", "entry \(i + 1) must be a table", line: line); continue }
                var tick: Int?
                var name: String?
                var changes: [(key: String, value: ParameterValue)] = []
                for key in t.keys {
                    let v = t[key]!
                    switch key {
                    case "name":
                        guard let n = v.string, ScheduleTick.isValidName(n) else {
                            problem("schedule[\(i)].name", "a schedule entry's name is \(ZoneDeclaration.nameRule)", line: line); continue
                        }
                        if world.parameters.schedule.contains(where: { $0.name == n }) {
                            problem("schedule[\(i)].name", "two [[schedule]] entries are named \"\(n)\"; names must be unique", line: line); continue
                        }
                        name = n
                    case "tick":
                        if let n = v.int, n >= 0 { tick = n } else { problem("schedule[\(i)].tick", "schedule tick must be an integer ≥ 0", line: line) }
                    case "set":
                        guard let st = v.table else { problem("schedule[\(i)].set", "must be a table of dotted keys", line: line); continue }
                        var inner: [(String, TOMLValue)] = []
                        flatten(st, into: &inner, schedule: nil)
                        for (k, iv) in inner {
                            let where_ = locator.line(of: "schedule[\(i)].set.\(k)") ?? line
                            switch WorldKey.lookup(k) {
                            case .failure(let e): problem(k, "in [[schedule]] \(i + 1): \(e)", line: where_)
                            case .success(.frame):
                                problem(k, "in [[schedule]] \(i + 1): \(k) is a frame setting, fixed for the run (not schedulable)", line: where_)
                            case .success(.parameter(let spec)):
                                if let e = ParameterCatalog.undeclaredName(k, in: world.parameters) {
                                    problem(k, "in [[schedule]] \(i + 1): \(e)", line: where_); continue
                                }
                                guard spec.schedulable else { problem(k, "in [[schedule]] \(i + 1): \(ParameterError.notSchedulable(key: k))", line: where_); continue }
                                switch convert(iv, for: .parameter(spec)) {
                                case .success(let pv): changes.append((k, pv))
                                case .failure(let e): problem(k, "in [[schedule]] \(i + 1): \(e)", line: where_)
                                }
                            }
                        }
                    default:
                        problem("schedule[\(i)].\(key)", "unknown key '\(key)' in [[schedule]]; allowed: tick, set, name", line: line)
                    }
                }
                guard let tick else {
                    if t["tick"] == nil { problem("schedule", "[[schedule]] entry \(i + 1) has no tick", line: line) }
                    continue
                }
                changes.sort { (locator.line(of: "schedule[\(i)].set.\($0.key)") ?? 0, $0.key) < (locator.line(of: "schedule[\(i)].set.\($1.key)") ?? 0, $1.key) }
                world.parameters.schedule.append(ScheduleEntry(tick: tick, changes: changes, name: name))
            }
        })
        for (key, value) in flat {
            // Past the listing cap an unknown key is only counted: no suggestion is searched.
            if problems.count >= WorldFile.maxListedProblems && WorldKey.known(key) == nil { unlisted += 1; continue }
            if let e = ParameterCatalog.undeclaredName(key, in: world.parameters) { problem(key, e.description); continue }
            switch WorldKey.lookup(key) {
            case .failure(let e): problem(key, e.description)
            case .success(let spec):
                switch convert(value, for: spec) {
                case .success(let v): spec.apply(v, to: &world)
                case .failure(let e): problem(key, e.description)
                }
            }
        }
        world.parameters.schedule.sort { $0.tick < $1.tick }
        if unlisted > 0 {
            problems.append(WorldProblem(file: origin, line: nil, key: nil,
                                         message: "… and \(unlisted) more problems not listed (fix these and check again)"))
        }
        // Inline ASCII maps report their own line numbers relative to the world file.
        if !problems.isEmpty { throw WorldError(problems) }
        return world
    }

    /// The document's values under their dotted keys, in document order; the top-level
    /// `schedule` goes to `schedule` instead (nil: it is an ordinary key).
    static func flatten(_ table: TOMLTable, into out: inout [(String, TOMLValue)], schedule: ((TOMLValue) -> Void)?) {
        for (key, value, _) in table.flattened() where schedule == nil || !(key == "schedule" || key.hasPrefix("schedule.")
                                                                           || key == "zone" || key.hasPrefix("zone.") || key.hasPrefix("zone[")) {
            out.append((key, value))
        }
        if let schedule, let value = table["schedule"] { schedule(value) }
    }

    /// A TOML value for a model parameter, typed as a world file types it (a string is only a
    /// string: "3" is no integer); what arms files use too.
    public static func value(_ value: TOMLValue, for spec: ParameterSpec) -> Result<ParameterValue, ParameterError> {
        convert(value, for: .parameter(spec))
    }

    static func convert(_ value: TOMLValue, for spec: WorldKey) -> Result<ParameterValue, ParameterError> {
        let pv: ParameterValue
        switch value {
        case .integer(let i): pv = .int(Int(i))
        case .float(let d): pv = .double(d)
        case .boolean(let b): pv = .bool(b)
        case .string(let s):
            switch spec.type {
            case .int, .double, .bool:
                // Quoted, so `guards = "3"` is not read as the number it looks like.
                return .failure(.badValue(key: spec.key, got: "\"\(s)\" (a string: write the value without quotes)", allowed: spec.type.allowed))
            case .choice, .text: pv = .string(s)
            }
        default:
            return .failure(.badValue(key: spec.key, got: "a TOML \(value.typeName)", allowed: spec.type.allowed))
        }
        return spec.coerce(pv)
    }
}

extension World {
    /// Applies `--set key=value` overrides in order; problems name the override.
    public mutating func applyOverrides(_ assignments: [String]) throws(WorldError) {
        var problems: [WorldProblem] = []
        for a in assignments {
            if case .success(let s) = ParameterCatalog.splitAssignment(a), let e = ParameterCatalog.undeclaredName(s.key, in: parameters) {
                problems.append(WorldProblem(file: "--set \(a)", key: s.key, message: e.description))
                continue
            }
            switch assign(a) {
            case .success(let kv): overrides.append((kv.0, kv.1))
            case .failure(let e): problems.append(WorldProblem(file: "--set \(a)", key: e.key, message: e.description))
            }
        }
        if !problems.isEmpty { throw WorldError(problems) }
    }

    /// Applies `key=value` text (as given to `--set`) to the parameters or the frame settings.
    mutating func assign(_ text: String) -> Result<(String, ParameterValue), ParameterError> {
        let split: (key: String, raw: String)
        switch ParameterCatalog.splitAssignment(text) {
        case .failure(let e): return .failure(e)
        case .success(let s): split = s
        }
        switch WorldKey.lookup(split.key).flatMap({ spec in spec.parse(split.raw).map { (spec, $0) } }) {
        case .failure(let e): return .failure(e)
        case .success(let (spec, v)):
            spec.apply(v, to: &self)
            return .success((split.key, v))
        }
    }

    /// Cross-key checks, located at the key's line in the world file.
    public func consistencyProblems() -> [WorldProblem] {
        // A problem that an override takes part in is the override's, not a line of the file.
        let overridden = Set(overrides.map(\.key))
        return ParameterCatalog.consistencyProblems(parameters).map { p in
            let involved = overridden.filter { $0 == p.key || p.description.contains($0) }.sorted()
            guard involved.isEmpty else {
                let set = overrides.filter { involved.contains($0.key) }.map { "--set \($0.key)=\($0.value)" }.joined(separator: " ")
                return WorldProblem(file: origin, line: nil, key: p.key, message: p.description + " (after \(set))")
            }
            return WorldProblem(file: origin, line: p.key.flatMap { locator.line(of: $0) }, key: p.key, message: p.description)
        }
    }

    /// Builds the map the world names (procedural, ASCII inline or file, PNG image), with the
    /// world's zones laid on it. `threads`: cores that may build the map's lookup tables (the
    /// map is the same for any).
    public func buildMap(threads: Int = 1) throws(WorldError) -> CityMap {
        var map = try buildLayout(threads: threads)
        map.zones = try layZones(size: map.size)
        return map
    }

    func buildLayout(threads: Int) throws(WorldError) -> CityMap {
        let m = parameters.map
        do {
            switch m.kind {
            case .procedural:
                return try MapGenerator.generate(m, threads: threads)
            case .ascii where !m.ascii.isEmpty:
                // TOML drops the newline right after an opening """, so map row 1 is the next line.
                return try CityMap(ascii: m.ascii, lineOffset: locator.line(of: "map.ascii") ?? 0, threads: threads)
            case .ascii:
                let path = resolve(m.file)
                let text: String
                switch BoundedRead.read(path, limit: WorldFile.maxMapFileBytes) {
                case .success(let data):
                    guard let t = String(validating: data, as: UTF8.self) else {
                        throw WorldError([WorldProblem(file: origin, line: locator.line(of: "map.file"), key: "map.file",
                                                       message: "map.file '\(m.file)' is not UTF-8 text (\(path))")])
                    }
                    text = t
                case .failure(let p):
                    throw WorldError([WorldProblem(file: origin, line: locator.line(of: "map.file"), key: "map.file",
                                                   message: "map.file '\(m.file)' \(p) (looked for \(path))")])
                }
                do { return try CityMap(ascii: text, threads: threads) } catch {
                    throw WorldError([WorldProblem(file: path, line: error.line, message: error.detail)])
                }
            case .image:
                let path = resolve(m.image)
                let image: PNGImage
                do { image = try PNGImage.read(path: path) } catch {
                    throw WorldError([WorldProblem(file: origin, line: locator.line(of: "map.image"), key: "map.image",
                                                   message: "map.image '\(m.image)': \(error)")])
                }
                do { return try CityMap(rgb: image.pixels, width: image.width, height: image.height, threads: threads) } catch {
                    throw WorldError([WorldProblem(file: path, message: error.description)])
                }
            }
        } catch let e as MapError {
            let key: String
            switch (m.kind, e) {
            case (.procedural, .tooLarge): key = "map.width"
            case (.procedural, _): key = "map.block"
            case (.image, _): key = "map.image"
            case (.ascii, _): key = "map.ascii"
            }
            let line = e.line ?? locator.line(of: m.kind == .procedural ? "map" : key)
            let named = m.kind == .image ? "" : "\(key): "
            throw WorldError([WorldProblem(file: origin, line: line, key: key, message: named + e.detail)])
        } catch let e as WorldError {
            throw e
        } catch {
            throw WorldError([WorldProblem(file: origin, message: "\(error)")])
        }
    }

    /// FNV-1a 64 (hex) of the map file the world reads (`map.file` or `map.image`), nil for
    /// procedural and inline maps: sweeps record it so a resume after the file changed is refused.
    public var mapFileFingerprint: String? {
        let m = parameters.map
        let file: String
        switch m.kind {
        case .ascii where m.ascii.isEmpty: file = m.file
        case .image: file = m.image
        default: return nil
        }
        guard let data = BoundedRead.data(resolve(file), limit: WorldFile.maxMapFileBytes + 1) else { return "unreadable" }
        return FNV1a.hex(data)
    }

    public func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : URL(fileURLWithPath: baseDirectory).appendingPathComponent(path).path
    }

    /// Everything `nanocity validate` checks: consistency and the map.
    public func validate() -> [WorldProblem] {
        var problems = consistencyProblems()
        if problems.isEmpty {
            do { _ = try buildMap() } catch { problems += error.problems }
        }
        return problems
    }
}
