import Foundation
import NanoCityModel
import NanoCityPatterns

/// The crimes of a finished run as incidents: its `events.csv` rows of the chosen kinds in a
/// tick window, placed at their cells' centres in metres and timed in days by the run's own
/// `scale.metres_per_cell` and `scale.hours_per_tick` (from its manifest).
public struct RunIncidents: Sendable {
    public static let defaultKinds = ["theft", "dump", "burglary"]

    public let incidents: [Incident]
    /// Row-major map cell of each incident.
    public let cells: [Int]
    public let width: Int, height: Int
    public let metresPerCell: Double, hoursPerTick: Double
    /// Whether the scale came from the manifest (false: a run older than the scale
    /// parameters, read with their defaults).
    public let scaleRecorded: Bool
    /// The tick window read, inclusive.
    public let fromTick: Int, toTick: Int
    public let kinds: [String]
    /// Events of the kinds without a place (x or y = −1), left out.
    public let withoutPlace: Int

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case notARun(String)
        case manifest(String, String)
        case events(String, String)
        case unknownKind(String, known: [String])
        case ticks(String)
        case tooMany(String)

        public var description: String {
            switch self {
            case .notARun(let d): "\(d) holds no run (no manifest.json and events.csv); give a run folder or --events FILE.csv"
            case .manifest(let p, let why): "\(p): \(why)"
            case .events(let p, let why): "\(p): \(why)"
            case .unknownKind(let k, let known): "--kind \(k) is not an event kind; kinds with a place: " + known.joined(separator: ", ")
            case .ticks(let why): why
            case .tooMany(let p): "\(p): more than \(ObservedIncidents.maxIncidents) events selected; narrow --kind or --from-tick/--to-tick"
            }
        }
    }

    /// Event kinds that happen at a place (the ones a pattern can be about).
    public static var placedKinds: [String] { EventKind.allCases.filter(\.hasPlace).map(\.rawValue) }

    /// An event in cell (x, y) of a map `height` cells tall at `tick`: at the cell's centre in
    /// metres, north up, and in days.
    public static func incident(x: Int, y: Int, tick: Int, height: Int, metresPerCell: Double, hoursPerTick: Double) -> Incident {
        Incident(x: (Double(x) + 0.5) * metresPerCell, y: (Double(height - y) - 0.5) * metresPerCell, day: Double(tick) * hoursPerTick / 24)
    }

    /// The window of ticks `from`…`to` in days, as the persistence windows tile it.
    public static func span(fromTick: Int, toTick: Int, hoursPerTick: Double) -> ClosedRange<Double> {
        Double(fromTick) * hoursPerTick / 24...Double(max(fromTick, toTick) + 1) * hoursPerTick / 24
    }

    public init(directory dir: String, kinds: [String], fromTick: Int?, toTick: Int?) throws(Failure) {
        for k in kinds where !Self.placedKinds.contains(k) { throw .unknownKind(k, known: Self.placedKinds) }
        let manifestPath = dir + "/" + OutputNames.manifest, eventsPath = dir + "/" + OutputNames.events
        guard FileManager.default.fileExists(atPath: manifestPath), FileManager.default.fileExists(atPath: eventsPath) else {
            throw .notARun(dir)
        }
        let m: ManifestRecord
        do throws(OutputError) { m = try ManifestRecord.read(manifestPath) } catch { throw .manifest(manifestPath, error.message) }
        guard let w = m.map?.width, let h = m.map?.height, (1...16384).contains(w), (1...16384).contains(h) else {
            throw .manifest(manifestPath, "has no map width and height in 1…16384")
        }
        let defaults = WorldParameters().scale
        let mpc = m.parameters?["scale.metres_per_cell"]?.number, hpt = m.parameters?["scale.hours_per_tick"]?.number
        metresPerCell = mpc ?? defaults.metresPerCell
        hoursPerTick = hpt ?? defaults.hoursPerTick
        guard metresPerCell > 0, hoursPerTick > 0, metresPerCell.isFinite, hoursPerTick.isFinite else {
            throw .manifest(manifestPath, "scale.metres_per_cell and scale.hours_per_tick must be positive")
        }
        scaleRecorded = mpc != nil && hpt != nil
        guard let lastTick = m.ticksCompleted ?? m.ticks, (0...1_000_000_000).contains(lastTick) else {
            throw .manifest(manifestPath, "has no ticks_completed in 0…10⁹ (not a finished run of this nanocity)")
        }
        let from = fromTick ?? 0, to = toTick ?? lastTick
        guard from >= 0, from <= lastTick else { throw .ticks("--from-tick \(from) is outside the run's ticks 0…\(lastTick)") }
        guard to >= from, to <= lastTick else { throw .ticks("--to-tick \(to) is outside the run's ticks \(from)…\(lastTick)") }
        self.fromTick = from
        self.toTick = to
        width = w; height = h
        self.kinds = kinds
        let wanted = Set(kinds)
        var incidents: [Incident] = [], cells: [Int] = []
        var noPlace = 0
        var failure: Failure?
        var sawHeader = false
        let (m2, hours) = (metresPerCell, hoursPerTick)
        do {
            try LineReader.forEachLine(eventsPath) { line, number in
                if number == 1 {
                    guard line.hasPrefix("tick,kind,x,y") else { failure = .events(eventsPath, "line 1 is not the events header tick,kind,x,y,…"); return false }
                    sawHeader = true
                    return true
                }
                let f = line.split(separator: ",", maxSplits: 5, omittingEmptySubsequences: false)
                guard f.count >= 4, let tick = Int(f[0]), let x = Int(f[2]), let y = Int(f[3]) else {
                    failure = .events(eventsPath, "line \(number) is not tick,kind,x,y,…"); return false
                }
                guard wanted.contains(String(f[1])), tick >= from, tick <= to else { return true }
                guard x >= 0, y >= 0 else {
                    guard x == -1, y == -1 else { failure = .events(eventsPath, "line \(number): cell (\(x), \(y)) is outside the \(w)×\(h) map"); return false }
                    noPlace += 1
                    return true
                }
                guard x < w, y < h else { failure = .events(eventsPath, "line \(number): cell (\(x), \(y)) is outside the \(w)×\(h) map"); return false }
                incidents.append(Self.incident(x: x, y: y, tick: tick, height: h, metresPerCell: m2, hoursPerTick: hours))
                cells.append(y * w + x)
                if incidents.count > ObservedIncidents.maxIncidents { failure = .tooMany(eventsPath); return false }
                return true
            }
        } catch {
            throw .events(eventsPath, "\(error)")
        }
        if let f = failure { throw f }
        guard sawHeader else { throw .events(eventsPath, "is empty: no header line tick,kind,x,y,…") }
        self.incidents = incidents
        self.cells = cells
        withoutPlace = noPlace
    }

    /// The window read, in days.
    public var span: ClosedRange<Double> { Self.span(fromTick: fromTick, toTick: toTick, hoursPerTick: hoursPerTick) }
}
