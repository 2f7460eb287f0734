import ArgumentParser
import Foundation
import NanoCityEngine
import NanoCityIO
import NanoCityModel
import NanoCityPatterns
import NanoCityStats
import NanoCityAnalysis
import NanoCityExperiments

struct PatternsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patterns",
        abstract: "Crime-pattern statistics of a run or of observed incidents: Knox near-repeat test, concentration, Gi* hot spots, Moran's I, persistence.",
        discussion: """
            On a run folder: its events of --kind (default theft,dump,burglary), placed at cell \
            centres in metres and timed in days by the run's scale.metres_per_cell and \
            scale.hours_per_tick; files go to DIR/patterns/. On observed incidents (--events \
            FILE.csv with --x/--y in metres or --lon/--lat, and --time): binned onto --grid cells; \
            files go to --out (default output/patterns-NNN). On a sweep kept with --keep runs: every \
            run's patterns (DIR/runs/NNNNNN/patterns/) and DIR/patterns/runs.csv and points.csv \
            (per point: n, mean, sd, 95% CI of every outcome). Band conventions and every file: \
            docs/patterns.md.
            """
    )

    @Argument(help: "A run folder (its manifest.json and events.csv), or a sweep folder kept with --keep runs.")
    var directory: String?

    @Option(help: ArgumentHelp("A CSV of observed incidents instead of a run.", valueName: "FILE.csv"))
    var events: String?

    @Option(help: ArgumentHelp("Run: event kinds, comma-separated (default theft,dump,burglary). Observed: COLUMN=VALUE[,VALUE…] keeps rows whose COLUMN is one of the values.", valueName: "kinds"))
    var kind: String?

    @Option(name: .customLong("from-tick"), parsing: .unconditional, help: "Run: first tick analysed (default 0).")
    var fromTick: Int?
    @Option(name: .customLong("to-tick"), parsing: .unconditional, help: "Run: last tick analysed (default the run's last).")
    var toTick: Int?

    @Option(help: ArgumentHelp("Observed: column of planar x (m).", valueName: "COL")) var x: String?
    @Option(help: ArgumentHelp("Observed: column of planar y (m, north).", valueName: "COL")) var y: String?
    @Option(help: ArgumentHelp("Observed: column of longitude (degrees).", valueName: "COL")) var lon: String?
    @Option(help: ArgumentHelp("Observed: column of latitude (degrees).", valueName: "COL")) var lat: String?
    @Option(help: ArgumentHelp("Observed: column of the date or date-time.", valueName: "COL")) var time: String?
    @Option(name: .customLong("time-format"), help: ArgumentHelp("Observed: iso (default: 2019-03-07, 2019-03-07T14:05:00, with Z or ±hh:mm), days (a number), or a strftime pattern such as '%m/%d/%Y %I:%M:%S %p'.", valueName: "format"))
    var timeFormat = "iso"
    @Option(name: .customLong("max-bad-rows"), parsing: .unconditional, help: ArgumentHelp("Observed: refuse the file when more than this percentage of rows cannot be read (they are counted and listed either way).", valueName: "percent"))
    var maxBadRows = 1.0
    @Option(parsing: .unconditional, help: ArgumentHelp("Observed: grid cell side for the grid statistics.", valueName: "metres"))
    var grid = 100.0
    @Flag(name: .customLong("export-grid"), help: "Also write the incident counts per cell as counts.npy and counts.png.")
    var exportGrid = false

    @Option(name: .customLong("space-bands"), help: ArgumentHelp("Knox space bands: width in metres and count.", valueName: "METRES:COUNT"))
    var spaceBands = "100:3"
    @Option(name: .customLong("time-bands"), help: ArgumentHelp("Knox time bands: width in days and count.", valueName: "DAYS:COUNT"))
    var timeBands = "7:4"
    @Flag(name: .customLong("nrc-bands"), help: "Use the edges the Near Repeat Calculator computes (half-open [a, b), same location < 1 m, whole days) instead of the ones its labels state.")
    var nrcBands = false
    @Option(help: "Distance between incidents: euclidean or manhattan.")
    var distance: DistanceMetric = .euclidean
    @Option(parsing: .unconditional, help: "Knox permutations of the incidents' times (1…100000).")
    var iterations = 99
    @Option(parsing: .unconditional, help: "Gi* and Moran's I permutations (0…100000; 0 = analytic p-values only).")
    var permutations = 999
    @Option(parsing: .unconditional, help: "Seed of every permutation and subsample.")
    var seed: UInt64 = 1
    @Option(help: ArgumentHelp("Gi* and Moran's I weights: queen, or distance:METRES (cell centres within METRES).", valueName: "weights"))
    var weights = "queen"
    @Option(parsing: .unconditional, help: "False Discovery Rate level of the Gi* hot-spot map.")
    var fdr = 0.05
    @Option(parsing: .unconditional, help: ArgumentHelp("Persistence: percentage of cells counted as the top (hot) cells.", valueName: "percent"))
    var top = 5.0
    @Option(parsing: .unconditional, help: ArgumentHelp("Persistence window; consecutive complete windows are compared (default: the span's two halves).", valueName: "days"))
    var window: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("The period before an intervention: ticks A:B of a run with zones, or days FROM..TO of observed incidents (with --zones; iso dates, both included). With --after: the zones' weighted displacement quotients (wdq.csv) instead of the pattern statistics.", valueName: "A:B|FROM..TO"))
    var before: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("The period after (see --before).", valueName: "C:D|FROM..TO"))
    var after: String?

    @Option(help: ArgumentHelp("Observed: [[zone]] tables (as in a world file) in cells of the --grid, e.g. a mask painted on --export-grid's counts.png; for --before/--after.", valueName: "FILE.toml"))
    var zones: String?

    @Option(help: "Output folder (default: DIR/patterns for a run, output/patterns-NNN for --events).")
    var out: String?

    @OptionGroup var threadsOption: ThreadsOption

    func validate() throws {
        if (directory == nil) == (events == nil) { throw ValidationError("give a run folder or --events FILE.csv (one of them)") }
        if events != nil {
            if (x == nil) != (y == nil) || (lon == nil) != (lat == nil) || (x == nil) == (lon == nil) {
                throw ValidationError("--events needs --x and --y (metres) or --lon and --lat (degrees)")
            }
            if time == nil { throw ValidationError("--events needs --time COL") }
            if fromTick != nil || toTick != nil { throw ValidationError("--from-tick and --to-tick are for runs; filter observed incidents in the file") }
            guard grid.isFinite, grid >= 0.01, grid <= 1_000_000 else { throw ValidationError("--grid must be 0.01…1000000 metres, got \(grid)") }
        } else {
            for (name, given) in [("--x", x), ("--y", y), ("--lon", lon), ("--lat", lat), ("--time", time)] where given != nil {
                throw ValidationError("\(name) is for --events; a run's events carry their own cells and ticks")
            }
        }
        if let f = fromTick, let t = toTick, f > t { throw ValidationError("--from-tick \(f) is after --to-tick \(t)") }
        guard (1...100_000).contains(iterations) else { throw ValidationError("--iterations must be 1…100000, got \(iterations)") }
        guard (0...100_000).contains(permutations) else { throw ValidationError("--permutations must be 0…100000, got \(permutations)") }
        guard fdr > 0, fdr < 1 else { throw ValidationError("--fdr must be between 0 and 1, got \(fdr)") }
        guard top > 0, top <= 100 else { throw ValidationError("--top must be a percentage in (0, 100], got \(top)") }
        guard maxBadRows >= 0, maxBadRows <= 100 else { throw ValidationError("--max-bad-rows must be a percentage 0…100, got \(maxBadRows)") }
        if let w = window, !(w.isFinite && w > 0 && w <= 1e7) { throw ValidationError("--window must be a positive number of days, got \(w)") }
        _ = try bands()
        _ = try weightKind()
    }

    static func axis(_ text: String, flag: String, unit: String) throws -> (Double, Int) {
        guard let (w, n) = KnoxAxis.parse(text) else {
            throw ValidationError("\(flag) must be WIDTH:COUNT with WIDTH > 0 \(unit) and COUNT 1…\(KnoxBands.maxBands), got \"\(text)\"")
        }
        return (w, n)
    }

    func bands() throws -> KnoxBands {
        let (sw, sn) = try Self.axis(spaceBands, flag: "--space-bands", unit: "metres")
        let (tw, tn) = try Self.axis(timeBands, flag: "--time-bands", unit: "days")
        if nrcBands {
            guard sw > 1 else { throw ValidationError("--nrc-bands: the first space band is [1 m, width), so the width must exceed 1 m") }
            guard tw == tw.rounded() else { throw ValidationError("--nrc-bands counts whole days: the time band width must be a whole number, got \(tw)") }
        }
        let c: KnoxBandConvention = nrcBands ? .nrc : .labelled
        return KnoxBands(space: KnoxAxis(width: sw, count: sn, convention: c), time: KnoxAxis(width: tw, count: tn, convention: c))
    }

    func weightKind() throws -> CrimePatterns.Neighbourhood {
        if weights == "queen" { return .queen }
        if weights.hasPrefix("distance:"), let m = Double(weights.dropFirst(9)), m.isFinite, m > 0, m <= 1e6 { return .withinMetres(m) }
        throw ValidationError("--weights must be queen or distance:METRES, got \"\(weights)\"")
    }

    static func period(_ text: String, flag: String) throws -> ClosedRange<Int> {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        let digits = { (s: Substring) in !s.isEmpty && s.count <= 9 && s.allSatisfy { $0.isASCII && $0.isNumber } }
        guard parts.count == 2, digits(parts[0]), digits(parts[1]), let a = Int(parts[0]), let b = Int(parts[1]), a >= 1, a <= b else {
            throw ValidationError("\(flag) must be FIRST:LAST, ticks of the run with 1 ≤ FIRST ≤ LAST (both included), got \"\(text)\"")
        }
        return a...b
    }

    /// `--before` and `--after` on a run with zones: wdq.csv and its table.
    func periods(_ dir: String, before: ClosedRange<Int>, after: ClosedRange<Int>) throws {
        let d: PeriodDisplacement
        do throws(PeriodDisplacement.Failure) { d = try PeriodDisplacement(directory: dir, before: before, after: after) } catch {
            printError("error: \(error)")
            throw ExitCodes.badInput
        }
        try writeWDQ(d, folder: out ?? dir + "/patterns",
                     header: "events in ticks \(before.lowerBound)–\(before.upperBound) (before) and \(after.lowerBound)–\(after.upperBound) (after); "
                         + "control = the city outside the zone and its buffer")
    }

    /// wdq.csv in `folder`, and the table: counts before → after, the success measure, WDQ, net effect.
    func writeWDQ(_ d: PeriodDisplacement, folder: String, header: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data(d.csv().utf8).write(to: URL(fileURLWithPath: folder + "/" + PeriodDisplacement.fileName), options: .atomic)
        } catch {
            printError("error: \(folder): \(error.localizedDescription)")
            throw ExitCodes.runFailed
        }
        print("weighted displacement quotient (Bowers & Johnson 2003): " + header)
        print("success = target after/control after − target before/control before: read the WDQ only where it is < 0 (the target improved); "
            + "then WDQ < 0 is displacement into the buffer, > 0 a diffusion of benefits; undefined (–) when the target did not change relative "
            + "to the control; net effect = events prevented in target and buffer (the control's change standing for what would have happened)\n")
        var table: [[String]] = [["zone", "events", "target", "buffer", "control", "success", "WDQ", "net effect"]]
        for r in d.rows where r.before.target + r.after.target + r.before.buffer + r.after.buffer > 0 {
            func pair(_ a: Double, _ b: Double) -> String { "\(Self.num(a)) → \(Self.num(b))" }
            table.append([r.zone, r.measure, pair(r.before.target, r.after.target), pair(r.before.buffer, r.after.buffer),
                          pair(r.before.control, r.after.control), r.quotient.success.map { Self.num($0) } ?? "–",
                          r.quotient.wdq.map { Self.num($0) } ?? "–", r.quotient.totalNetEffect.map { Self.num($0) } ?? "–"])
        }
        print(TextTable.render(table))
        print(folder + "/" + PeriodDisplacement.fileName)
    }

    func run() throws {
        if (before == nil) != (after == nil) { throw ValidationError("--before and --after go together") }
        if zones != nil && (events == nil || before == nil) { throw ValidationError("--zones goes with --events and --before/--after") }
        if let b = before, let a = after, let dir = directory {
            if kind != nil || fromTick != nil || toTick != nil {
                throw ValidationError("--before/--after on a run count every zone measure (thefts, burglaries, dumps, arrests) in the two periods; "
                    + "--kind, --from-tick and --to-tick do not apply")
            }
            let pb = try Self.period(b, flag: "--before"), pa = try Self.period(a, flag: "--after")
            guard pa.lowerBound > pb.upperBound else { throw ValidationError("--after \(a) must begin after --before \(b) ends") }
            return try periods(dir, before: pb, after: pa)
        }
        if before != nil && zones == nil { throw ValidationError("--before and --after on observed incidents need --zones FILE.toml") }
        var options = CrimePatterns.Options(bands: try bands())
        options.metric = distance
        options.iterations = iterations
        options.permutations = permutations
        options.weights = try weightKind()
        options.fdr = fdr
        options.topShare = top / 100
        options.windowDays = window
        options.seed = seed
        options.threads = threadsOption.resolved

        let incidents: [Incident], cells: [Int], size: (width: Int, height: Int), cellMetres: Double
        let span: ClosedRange<Double>
        var provenance: [(String, JSONValue)] = []
        var describe: [String] = []
        let folder: String
        if let dir = directory, FileManager.default.fileExists(atPath: dir + "/sweep.json") {
            try runSweep(dir, options: options)
            return
        }
        if let dir = directory {
            let r: RunIncidents
            do throws(RunIncidents.Failure) { r = try RunIncidents(directory: dir, kinds: kinds, fromTick: fromTick, toTick: toTick) } catch {
                printError("error: \(error)")
                throw ExitCodes.badInput
            }
            guard r.incidents.count >= 2 else {
                printError("error: \(dir): \(r.incidents.count) events of kinds \(kinds.joined(separator: ", ")) in ticks \(r.fromTick)–\(r.toTick); the statistics need at least 2")
                throw ExitCodes.badInput
            }
            (incidents, cells, size, cellMetres, span) = (r.incidents, r.cells, (r.width, r.height), r.metresPerCell, r.span)
            folder = out ?? dir + "/patterns"
            provenance = [("source", .string(dir)), ("kinds", .array(kinds.map { .string($0) })),
                          ("from_tick", .int(r.fromTick)), ("to_tick", .int(r.toTick)),
                          ("metres_per_cell", .number(r.metresPerCell)), ("hours_per_tick", .number(r.hoursPerTick)),
                          ("scale_recorded", .bool(r.scaleRecorded)), ("events_without_place", .int(r.withoutPlace))]
            describe.append("\(r.incidents.count) incidents (\(kinds.joined(separator: ", "))) of \(dir), ticks \(r.fromTick)–\(r.toTick) "
                            + "= days \(Self.num(span.lowerBound))–\(Self.num(span.upperBound)); \(r.width)×\(r.height) cells of \(Self.num(r.metresPerCell)) m, \(Self.num(r.hoursPerTick)) h per tick"
                            + (r.scaleRecorded ? "" : " (the run predates scale.*: defaults)"))
        } else {
            let path = events!
            let place: ObservedIncidents.Place = x != nil ? .planar(x: x!, y: y!) : .geographic(lon: lon!, lat: lat!)
            let format: TimeFormat
            do throws(TimeFormat.Problem) { format = try TimeFormat(parsing: timeFormat) } catch {
                printError("error: --time-format: \(error)")
                throw ExitCodes.badInput
            }
            var filter: (column: String, values: Set<String>)?
            if let k = kind {
                guard let eq = k.firstIndex(of: "="), eq != k.startIndex else {
                    printError("error: with --events, --kind is COLUMN=VALUE[,VALUE…], got \"\(k)\"")
                    throw ExitCodes.badInput
                }
                filter = (String(k[..<eq]), Set(k[k.index(after: eq)...].split(separator: ",").map(String.init)))
            }
            let o: ObservedIncidents
            do throws(ObservedIncidents.Failure) {
                o = try ObservedIncidents(path: path, columns: .init(place: place, time: time!, timeFormat: format, kind: filter),
                                          maxBadShare: maxBadRows / 100)
            } catch {
                printError("error: \(error)")
                throw ExitCodes.badInput
            }
            let g: IncidentGrid
            do throws(IncidentGrid.Failure) { g = try IncidentGrid(covering: o.incidents, cellMetres: grid) } catch {
                printError("error: \(error)")
                throw ExitCodes.badInput
            }
            if let b = before, let a = after, let z = zones {
                return try observedPeriods(o, grid: g, zones: z, before: b, after: a)
            }
            incidents = o.incidents
            cells = o.incidents.map(g.cell(of:))
            size = (g.width, g.height)
            cellMetres = grid
            let days = o.incidents.map(\.day)
            span = days.min()!.rounded(.down)...max(days.min()!.rounded(.down) + 1, days.max()!)
            if let out { folder = out } else {
                do throws(OutputError) { folder = try OutputDirectory.fresh(root: "output", name: "patterns") } catch {
                    printError("error: \(error)")
                    throw ExitCodes.runFailed
                }
            }
            provenance = [("source", .string(path)), ("rows", .int(o.rows)), ("filtered_out", .int(o.filteredOut)),
                          ("bad_rows", .int(o.badRows)), ("first_bad_rows", .array(o.firstBadRows.map { .string($0.description) })),
                          ("grid_origin_m", .array([.number(g.originX), .number(g.originY)])),
                          ("projection", o.projection.map { .object([("kind", .string("equirectangular")), ("centre_lon", .number($0.longitude)), ("centre_lat", .number($0.latitude))]) } ?? .null)]
            describe.append("\(o.incidents.count) incidents of \(path) (\(o.rows) rows, \(o.filteredOut) left out by --kind, \(o.badRows) bad)"
                            + "; \(g.width)×\(g.height) cells of \(Self.num(grid)) m from (\(Self.num(g.originX)), \(Self.num(g.originY))) m"
                            + (o.projection.map { "; lon/lat projected about (\(Self.num($0.longitude)), \(Self.num($0.latitude)))" } ?? ""))
            if let p = o.projection, abs(p.latitude) > 60 {
                describe.append("warning: the incidents lie at latitude \(Self.num(p.latitude))°; beyond 60° the local projection's distances are off by more than 0.3% within 10 km — give projected --x/--y for polar cities")
            }
            if !o.firstBadRows.isEmpty {
                describe.append("bad rows (left out): " + o.firstBadRows.map(\.description).joined(separator: "; ")
                                + (o.badRows > o.firstBadRows.count ? "; …" : ""))
            }
        }

        let patterns: CrimePatterns
        do throws(CrimePatterns.Failure) {
            patterns = try CrimePatterns(incidents: incidents, cells: cells, grid: size, cellMetres: cellMetres, span: span, options: options)
        } catch {
            printError("error: \(directory ?? events ?? ""): \(error)")
            throw ExitCodes.badInput
        }
        do throws(OutputError) {
            try OutputDirectory.createDirectory(folder)
            try PatternFiles.write(patterns, to: folder, provenance: provenance, exportGrid: exportGrid)
        } catch {
            printError("error: \(error)")
            throw ExitCodes.runFailed
        }
        print(PatternSummary.render(patterns, header: describe))
        printError("→ \(folder)/")
    }

    static func num(_ v: Double) -> String { PatternSummary.n(v, 4) }

    /// Days FROM..TO (iso dates, both whole days included) as [first day, day after the last).
    static func days(_ text: String, flag: String) throws -> Range<Double> {
        let parts = text.components(separatedBy: "..")
        let iso = try TimeFormat(parsing: "iso")
        guard parts.count == 2, case .success(let a) = iso.days(parts[0]), case .success(let b) = iso.days(parts[1]), a <= b else {
            throw ValidationError("\(flag) on observed incidents is FROM..TO, two iso dates (2019-01-01..2019-06-30), FROM not after TO; got \"\(text)\"")
        }
        return a.rounded(.down)..<(b.rounded(.down) + 1)
    }

    /// `--events … --zones FILE --before FROM..TO --after FROM..TO`: the WDQ of each zone for
    /// the selected incidents, control = the grid outside the zone and its buffer.
    func observedPeriods(_ o: ObservedIncidents, grid g: IncidentGrid, zones path: String, before b: String, after a: String) throws {
        let before = try Self.days(b, flag: "--before"), after = try Self.days(a, flag: "--after")
        guard before.upperBound <= after.lowerBound else { throw ValidationError("--after \(a) must begin after --before \(b) ends") }
        let layout: ZoneLayout
        do throws(WorldError) {
            let w = try WorldFile.load(path: path)
            guard !w.parameters.zones.isEmpty else { throw WorldError([WorldProblem(file: path, message: "declares no [[zone]]")]) }
            layout = try w.layZones(size: GridSize(width: g.width, height: g.height))
        } catch {
            printError("error: --zones \(error)")
            throw ExitCodes.badInput
        }
        let iso = { (d: Double) in TimeFormat.isoDate(days: d) }
        var rows: [PeriodDisplacement.Row] = []
        for z in 0..<layout.count {
            var n = [Double](repeating: 0, count: 6)  // target, buffer, control before; the same after
            for e in o.incidents {
                let p = before.contains(e.day) ? 0 : after.contains(e.day) ? 1 : -1
                guard p >= 0 else { continue }
                let c = g.cell(of: e)
                let area = Int(layout.zoneOfCell[c]) == z + 1 ? 0 : layout.buffers[z].contains(c) ? 1 : 2
                n[p * 3 + area] += 1
            }
            rows.append(PeriodDisplacement.Row(zone: layout.names[z], measure: "incidents", before: .init(target: n[0], buffer: n[1], control: n[2]),
                                               after: .init(target: n[3], buffer: n[4], control: n[5])))
        }
        let folder: String
        if let out { folder = out } else {
            do throws(OutputError) { folder = try OutputDirectory.fresh(root: "output", name: "patterns") } catch {
                printError("error: \(error)")
                throw ExitCodes.runFailed
            }
        }
        let b0 = iso(before.lowerBound), b1 = iso(before.upperBound - 1), a0 = iso(after.lowerBound), a1 = iso(after.upperBound - 1)
        try writeWDQ(PeriodDisplacement(rows: rows, before: (b0, b1), after: (a0, a1)), folder: folder,
                     header: "\(o.incidents.count) incidents of \(events ?? ""), before \(b0)–\(b1), after \(a0)–\(a1); "
                         + "\(g.width)×\(g.height) cells of \(Self.num(g.cellMetres)) m from (\(Self.num(g.originX)), \(Self.num(g.originY))) m; "
                         + "control = the grid outside each zone and its buffer")
    }

    var kinds: [String] {
        (kind ?? RunIncidents.defaultKinds.joined(separator: ",")).split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
    }

    func runSweep(_ dir: String, options: CrimePatterns.Options) throws {
        let sweep: SweepPatterns
        let report: (Int, Int) -> Void = { k, n in
            if k % max(1, n / 10) == 0 { printError("patterns: run \(k + 1) of \(n)") }
        }
        do throws(SweepError) {
            sweep = try SweepPatterns(directory: dir, options: options, kinds: kinds, fromTick: fromTick, toTick: toTick,
                                      writeRunFiles: true, progress: report)
        } catch {
            printError("error: \(error)")
            throw error.exitCode
        }
        let folder = out ?? dir + "/patterns"
        do throws(OutputError) {
            try OutputDirectory.createDirectory(folder)
            try BufferedFile.writeAtomically(Array(sweep.runsCSV().utf8), to: folder + "/" + SweepPatterns.runsFile)
            try BufferedFile.writeAtomically(Array(sweep.pointsCSV().utf8), to: folder + "/" + SweepPatterns.pointsFile)
        } catch {
            printError("error: \(error)")
            throw ExitCodes.runFailed
        }
        print(PatternSummary.sweepTable(sweep, kinds: kinds))
        printError("→ \(folder)/ (and each run's runs/NNNNNN/patterns/)")
    }
}

extension DistanceMetric: ExpressibleByArgument {}
