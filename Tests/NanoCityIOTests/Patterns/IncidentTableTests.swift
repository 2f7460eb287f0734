import Foundation
import NanoCityPatterns
import Testing
@testable import NanoCityIO

@Suite struct IncidentTableTests {
    static func file(_ bytes: [UInt8], _ name: String = #function) -> String {
        let path = NSTemporaryDirectory() + "nanocity-incidents-\(getpid())-\(name.filter(\.isLetter)).csv"
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }
    static func file(_ text: String, _ name: String = #function) -> String { file(Array(text.utf8), name) }

    static func records(_ path: String) throws -> [([String], Int)] {
        var out: [([String], Int)] = []
        try CSVRecords.forEach(path) { out.append(($0, $1)); return true }
        return out
    }

    @Test func recordsWithQuotesBOMAndCRLF() throws {
        let text = "id,\"desc\",x\r\n1,\"a, \"\"quoted\"\"\r\nline\",3\r\n\r\n2,plain,4"
        let path = Self.file([0xEF, 0xBB, 0xBF] + Array(text.utf8))
        defer { unlink(path) }
        let r = try Self.records(path)
        #expect(r.map(\.0) == [["id", "desc", "x"], ["1", "a, \"quoted\"\r\nline", "3"], ["2", "plain", "4"]])
        #expect(r.map(\.1) == [1, 2, 5])
    }

    @Test func anUnclosedQuoteIsAnErrorAfterBoundedWork() throws {
        let path = Self.file("a,b\n1,\"" + String(repeating: "x", count: CSVRecords.maxRecordBytes + 10) + "\n")
        defer { unlink(path) }
        #expect(throws: CSVRecords.Failure.recordTooLong(line: 2)) { try Self.records(path) }
    }

    @Test func timeFormats() throws {
        let iso = TimeFormat.iso8601
        #expect(try iso.days("1970-01-02").get() == 1)
        #expect(try iso.days("2019-03-07T12:00").get() == 17962.5)
        #expect(try iso.days("2019-03-07 12:00:00Z").get() == 17962.5)
        #expect(try iso.days("2019-03-07T14:00:00+02:00").get() == 17962.5)
        #expect(try iso.days("2000-02-29").get() == 11016)
        #expect((try? iso.days("2019-02-29").get()) == nil)
        #expect((try? iso.days("2019-13-01").get()) == nil)
        let chicago = try TimeFormat(parsing: "%m/%d/%Y %I:%M:%S %p")
        #expect(try chicago.days("03/07/2019 12:00:00 PM").get() == 17962.5)
        #expect(try chicago.days("03/07/2019 12:00:00 AM").get() == 17962)
        #expect(try TimeFormat(parsing: "%d %b %Y").days("7 Mar 2019").get() == 17962)
        #expect(try TimeFormat(parsing: "%Y%j").days("2019066").get() == 17962)
        #expect(try TimeFormat(parsing: "%s").days("86400").get() == 1)
        #expect(try TimeFormat.days.days("12.5").get() == 12.5)
        #expect(throws: TimeFormat.Problem.self) { try TimeFormat(parsing: "%Q") }
        #expect((try? chicago.days("03/07/2019 13:00:00 PM").get()) == nil)
        #expect((try? TimeFormat.days.days("nan").get()) == nil)
    }

    static let columns = ObservedIncidents.Columns(place: .planar(x: "x", y: "y"), time: "date", timeFormat: .iso8601)

    @Test func badRowsAreCountedListedAndLimited() throws {
        var text = "x,y,date,kind\n"
        for i in 0..<200 { text += "\(i),\(2 * i),2020-01-" + String(format: "%02d", 1 + i % 28) + ",burglary\n" }
        text += "nan,1,2020-01-01,burglary\n"           // line 202
        text += "1,2,2020-02-30,burglary\n"             // 203
        text += "1,2\n"                                 // 204
        text += "5,5,2020-01-01,theft\n"                // filtered, not bad
        let path = Self.file(text)
        defer { unlink(path) }
        let o = try ObservedIncidents(path: path, columns: Self.columns, maxBadShare: 0.02)
        #expect(o.incidents.count == 201 && o.badRows == 3 && o.rows == 204)
        #expect(o.firstBadRows.map(\.line) == [202, 203, 204])
        var kept = Self.columns
        kept.kind = (column: "kind", values: ["burglary"])
        let b = try ObservedIncidents(path: path, columns: kept, maxBadShare: 0.02)
        #expect(b.incidents.count == 200 && b.filteredOut == 1)
        #expect {
            try ObservedIncidents(path: path, columns: Self.columns, maxBadShare: 0.01)
        } throws: { e in
            guard case .tooManyBadRows(_, 3, 204, _, let first) = e as? ObservedIncidents.Failure else { return false }
            return first.count == 3 && "\(e)".contains("line 203")
        }
    }

    /// A file with more incidents than the limit (10⁷ rows against 2 × 10⁶ in use) stops at the
    /// limit with an error, after reading no further.
    @Test func moreIncidentsThanTheLimitStopReading() throws {
        var text = "x,y,date\n"
        for i in 0..<500 { text += "\(i),0,2020-01-01\n" }
        let path = Self.file(text)
        defer { unlink(path) }
        #expect(throws: ObservedIncidents.Failure.tooManyIncidents(path: path, limit: 100)) {
            try ObservedIncidents(path: path, columns: Self.columns, maxBadShare: 0, limit: 100)
        }
        #expect(try ObservedIncidents(path: path, columns: Self.columns, maxBadShare: 0, limit: 500).incidents.count == 500)
    }

    @Test func missingColumnsAndFarApartPlacesAreRefused() throws {
        let path = Self.file("lon,lat,when\n-87.6,41.8,2020-01-01\n-87.7,41.9,2020-01-02\n0.0,51.5,2020-01-03\n")
        defer { unlink(path) }
        #expect { try ObservedIncidents(path: path, columns: Self.columns, maxBadShare: 0) } throws: { e in
            "\(e)".contains("no column \"x\"") && "\(e)".contains("\"lon\"")
        }
        let geo = ObservedIncidents.Columns(place: .geographic(lon: "lon", lat: "lat"), time: "when", timeFormat: .iso8601)
        #expect { try ObservedIncidents(path: path, columns: geo, maxBadShare: 0) } throws: { e in
            if case .notOneCity = e as? ObservedIncidents.Failure { return true } else { return false }
        }
    }

    @Test func projectionKeepsDistances() throws {
        // 0.01° of latitude is 1,111.95 m on the mean sphere; of longitude at 41.85°, × cos φ.
        let p = LocalProjection(centreOf: [(-87.6, 41.8), (-87.7, 41.9)])
        let a = p.metres(lon: -87.65, lat: 41.85), b = p.metres(lon: -87.65, lat: 41.86)
        #expect(abs((b.y - a.y) - 1111.95) < 0.01 && a.x == 0)
        let c = p.metres(lon: -87.64, lat: 41.85)
        #expect(abs(c.x - 1111.95 * cos(41.85 * Double.pi / 180)) < 0.01)
    }

    @Test func gridBinsNorthUp() throws {
        let e = [Incident(x: 5, y: 5, day: 0), Incident(x: 250, y: 5, day: 0), Incident(x: 5, y: 150, day: 0)]
        let g = try IncidentGrid(covering: e, cellMetres: 100)
        #expect(g.width == 3 && g.height == 2 && g.originX == 0 && g.originY == 0)
        #expect(e.map(g.cell(of:)) == [3, 5, 0])
        #expect(throws: IncidentGrid.Failure.self) { try IncidentGrid(covering: [e[0], Incident(x: 1e6, y: 1e6, day: 0)], cellMetres: 1) }
    }
}

/// What a hostile pass found: each now a clear refusal or a bad row, never a silent misreading.
@Suite struct IncidentTableHostileTests {
    static let columns = ObservedIncidents.Columns(place: .planar(x: "x", y: "y"), time: "date", timeFormat: .iso8601)

    @Test func aNulByteOrHexInANumberIsABadRowNotATruncatedNumber() throws {
        let path = IncidentTableTests.file(Array("x,y,date\n1,5,2019-03-01\n".utf8) + Array("1".utf8) + [0] + Array("999,5,2019-03-01\n0x10,5,2019-03-01\n2,3,2019-03-02\n".utf8))
        defer { unlink(path) }
        let o = try ObservedIncidents(path: path, columns: Self.columns, maxBadShare: 1)
        #expect(o.incidents.count == 2 && o.badRows == 2 && o.firstBadRows.map(\.line) == [3, 4])
    }

    @Test func anUnclosedQuoteDuplicateColumnsAndLoneCRsAreRefused() throws {
        let quote = IncidentTableTests.file("x,y,date\n1,2,2019-03-01\n\"1,2,2019-03-01\n3,4,2019-03-02\n", "quote")
        let dup = IncidentTableTests.file("x,x,y,date\n1,2,3,2019-03-01\n", "dup")
        let cr = IncidentTableTests.file("x,y,date\r1,2,2019-03-01\r", "cr")
        defer { unlink(quote); unlink(dup); unlink(cr) }
        #expect(throws: ObservedIncidents.Failure.csv(path: quote, .unclosedQuote(line: 3))) {
            try ObservedIncidents(path: quote, columns: Self.columns, maxBadShare: 1)
        }
        #expect(throws: ObservedIncidents.Failure.duplicateColumn(path: dup, name: "x", columns: [1, 2])) {
            try ObservedIncidents(path: dup, columns: Self.columns, maxBadShare: 1)
        }
        #expect(throws: ObservedIncidents.Failure.csv(path: cr, .loneCarriageReturns)) {
            try ObservedIncidents(path: cr, columns: Self.columns, maxBadShare: 1)
        }
    }

    @Test func halfDayFormatsMustComeInPairsAndImpossibleDatesSaySo() throws {
        #expect(throws: TimeFormat.Problem.self) { try TimeFormat(parsing: "%H %p") }
        #expect(throws: TimeFormat.Problem.self) { try TimeFormat(parsing: "%m/%d/%Y %I:%M") }
        guard case .failure(let p) = TimeFormat.iso8601.days("2019-02-29") else { Issue.record("accepted"); return }
        #expect(p.message.contains("no such date"))
    }
}
