import NanoCityPatterns

/// Incidents read from a table of observed crimes (a police open-data export): which columns
/// hold the place and time, which rows to keep, and what was wrong with the rows left out.
public struct ObservedIncidents: Sendable {
    public enum Place: Sendable, Equatable {
        /// Planar coordinates in metres (a projected CRS such as a UTM zone or a national grid).
        case planar(x: String, y: String)
        /// Degrees, projected with `LocalProjection`.
        case geographic(lon: String, lat: String)
    }

    public struct Columns: Sendable {
        public var place: Place
        public var time: String
        public var timeFormat: TimeFormat
        /// Keep only rows whose `kind.column` is one of `kind.values` (exact text).
        public var kind: (column: String, values: Set<String>)?
        public init(place: Place, time: String, timeFormat: TimeFormat, kind: (column: String, values: Set<String>)? = nil) {
            self.place = place; self.time = time; self.timeFormat = timeFormat; self.kind = kind
        }
    }

    /// A row left out, with its line and the reason.
    public struct BadRow: Sendable, Equatable, CustomStringConvertible {
        public let line: Int
        public let reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case csv(path: String, CSVRecords.Failure)
        case empty(path: String)
        case missingColumn(path: String, name: String, available: [String])
        case tooManyBadRows(path: String, bad: Int, rows: Int, limit: Double, first: [BadRow])
        case tooManyIncidents(path: String, limit: Int)
        case noIncidents(path: String, rows: Int, filtered: Int)
        case notOneCity(path: String, kilometres: Double)
        case duplicateColumn(path: String, name: String, columns: [Int])

        public var description: String {
            switch self {
            case .csv(let p, let f): return "\(p): \(f)"
            case .empty(let p): return "\(p): no header line"
            case .missingColumn(let p, let n, let a):
                return "\(p): no column \"\(n)\" in the header; it has " + a.prefix(40).map { "\"\($0)\"" }.joined(separator: ", ")
            case .tooManyBadRows(let p, let bad, let rows, let limit, let first):
                return "\(p): \(bad) of \(rows) rows cannot be read (more than --max-bad-rows \(CSVNumberText.percent(limit))):\n  "
                    + first.map(\.description).joined(separator: "\n  ")
            case .tooManyIncidents(let p, let limit):
                return "\(p): more than \(limit) incidents selected; filter with --kind or split the file"
            case .noIncidents(let p, let rows, let filtered):
                return "\(p): no incidents to analyse (\(rows) rows, \(filtered) left out by --kind)"
            case .duplicateColumn(let p, let n, let c):
                return "\(p): column \"\(n)\" appears \(c.count) times in the header (columns \(c.map(String.init).joined(separator: ", "))); rename one"
            case .notOneCity(let p, let km):
                return "\(p): the incidents span \(Int(km)) km — more than one city's \(Int(ObservedIncidents.maxSpanMetres / 1000)) km; check the coordinate columns or filter the file"
                    + " (a city across the ±180° meridian is not supported: shift its longitudes first)"
            }
        }
    }

    public static let maxIncidents = 2_000_000
    public static let maxSpanMetres = 500_000.0
    /// Bad rows listed in a message or summary.
    public static let listedBadRows = 10

    public let incidents: [Incident]
    /// Data rows read (after the header), rows the kind filter left out, and bad rows.
    public let rows: Int
    public let filteredOut: Int
    public let badRows: Int
    public let firstBadRows: [BadRow]
    /// Set when the places were longitude and latitude.
    public let projection: LocalProjection?

    /// Reads `path`. Rows that cannot be read are counted and listed; when more than
    /// `maxBadShare` of the rows are bad the whole file is refused.
    public init(path: String, columns: Columns, maxBadShare: Double, limit: Int = maxIncidents) throws(Failure) {
        var header: [String]?
        var index: (a: Int, b: Int, t: Int, k: Int?) = (0, 0, 0, nil)
        var raw: [(a: Double, b: Double, day: Double)] = []
        var rows = 0, filtered = 0, bad = 0
        var firstBad: [BadRow] = []
        var failure: Failure?
        func reject(_ line: Int, _ why: String) {
            bad += 1
            if firstBad.count < Self.listedBadRows { firstBad.append(BadRow(line: line, reason: why)) }
        }
        let (aName, bName): (String, String)
        switch columns.place {
        case .planar(let x, let y): (aName, bName) = (x, y)
        case .geographic(let lon, let lat): (aName, bName) = (lon, lat)
        }
        do {
            try CSVRecords.forEach(path) { fields, line in
                guard let h = header else {
                    let names = fields.map { $0.trimmingCharacters(in: .whitespaces) }
                    header = names
                    if names.contains(where: { $0.contains("\r") }) { failure = .csv(path: path, .loneCarriageReturns); return false }
                    for wanted in [aName, bName, columns.time] + (columns.kind.map { [$0.column] } ?? []) {
                        let at = names.indices.filter { names[$0] == wanted }
                        if at.count > 1 {
                            failure = .duplicateColumn(path: path, name: wanted, columns: at.map { $0 + 1 })
                            return false
                        }
                    }
                    func find(_ n: String) -> Int? {
                        if let i = names.firstIndex(of: n) { return i }
                        failure = .missingColumn(path: path, name: n, available: names)
                        return nil
                    }
                    guard let a = find(aName), let b = find(bName), let t = find(columns.time) else { return false }
                    var k: Int?
                    if let kind = columns.kind { guard let i = find(kind.column) else { return false }; k = i }
                    index = (a, b, t, k)
                    return true
                }
                rows += 1
                guard fields.count == h.count else { reject(line, "\(fields.count) fields where the header has \(h.count)"); return true }
                if let k = index.k, let kind = columns.kind, !kind.values.contains(fields[k]) { filtered += 1; return true }
                guard let a = CSVNumber.decimal(fields[index.a]) else {
                    reject(line, "\(aName) \"\(fields[index.a].prefix(40))\" is not a finite number"); return true
                }
                guard let b = CSVNumber.decimal(fields[index.b]) else {
                    reject(line, "\(bName) \"\(fields[index.b].prefix(40))\" is not a finite number"); return true
                }
                if case .geographic = columns.place, !((-180...180).contains(a) && (-90...90).contains(b)) {
                    reject(line, "longitude \(a) or latitude \(b) is out of range"); return true
                }
                if case .planar = columns.place, !(abs(a) < 1e9 && abs(b) < 1e9) {
                    reject(line, "coordinates beyond ±10⁹ m"); return true
                }
                switch columns.timeFormat.days(String(fields[index.t].prefix(200))) {
                case .success(let d): raw.append((a, b, d))
                case .failure(let p): reject(line, p.message); return true
                }
                if raw.count > limit { failure = .tooManyIncidents(path: path, limit: limit); return false }
                return true
            }
        } catch let f as CSVRecords.Failure {
            throw .csv(path: path, f)
        } catch {
            throw .csv(path: path, .file(.read("\(error)")))
        }
        if let f = failure { throw f }
        guard header != nil else { throw .empty(path: path) }
        if bad > 0 && Double(bad) > maxBadShare * Double(rows) {
            throw .tooManyBadRows(path: path, bad: bad, rows: rows, limit: maxBadShare, first: firstBad)
        }
        guard !raw.isEmpty else { throw .noIncidents(path: path, rows: rows, filtered: filtered) }
        var projection: LocalProjection?
        var incidents: [Incident]
        switch columns.place {
        case .planar:
            incidents = raw.map { Incident(x: $0.a, y: $0.b, day: $0.day) }
        case .geographic:
            let p = LocalProjection(centreOf: raw.map { ($0.a, $0.b) })
            projection = p
            incidents = raw.map { let m = p.metres(lon: $0.a, lat: $0.b); return Incident(x: m.x, y: m.y, day: $0.day) }
        }
        let xs = incidents.map(\.x), ys = incidents.map(\.y)
        let span = max(xs.max()! - xs.min()!, ys.max()! - ys.min()!)
        if span > Self.maxSpanMetres { throw .notOneCity(path: path, kilometres: span / 1000) }
        self.incidents = incidents
        self.rows = rows
        filteredOut = filtered
        badRows = bad
        firstBadRows = firstBad
        self.projection = projection
    }
}

enum CSVNumberText {
    static func percent(_ share: Double) -> String {
        let v = share * 100
        return (v == v.rounded() ? String(Int(v)) : String(v)) + "%"
    }
}
