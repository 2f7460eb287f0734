import Foundation

/// How the time column of an incident table is written, read into days since 1970-01-01
/// (UTC when the text carries an offset, else the local clock as written).
public enum TimeFormat: Sendable, Equatable {
    /// ISO 8601: `2019-03-07`, `2019-03-07T14:05`, `2019-03-07 14:05:09.25`, optionally with
    /// `Z` or `±hh:mm` (applied).
    case iso8601
    /// A number of days (any origin), e.g. a synthetic data set's `day` column.
    case days
    /// A strftime-style pattern of `%Y %y %m %d %e %j %H %I %M %S %f %p %b %B %F %T %s %%` and
    /// literal characters (a space matches one or more spaces).
    case pattern([Directive])

    public enum Directive: Sendable, Equatable {
        case year4, year2, month, day, dayOfYear, hour24, hour12, minute, second, fraction, ampm
        case monthAbbreviation, monthName, epochSeconds
        case literal(UInt8), space
    }

    public struct Problem: Error, Equatable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// `iso`, `days` or a pattern.
    public init(parsing text: String) throws(Problem) {
        switch text {
        case "iso", "iso8601": self = .iso8601; return
        case "days": self = .days; return
        default: break
        }
        var out: [Directive] = []
        var bytes = Array(text.utf8)[...]
        guard bytes.count <= 200 else { throw Problem(message: "a time format is at most 200 characters") }
        while let b = bytes.popFirst() {
            if b == 0x20 { out.append(.space); continue }
            guard b == 0x25 else { out.append(.literal(b)); continue }
            guard let d = bytes.popFirst() else { throw Problem(message: "the time format ends in a lone %") }
            switch UnicodeScalar(d) {
            case "Y": out.append(.year4)
            case "y": out.append(.year2)
            case "m": out.append(.month)
            case "d", "e": out.append(.day)
            case "j": out.append(.dayOfYear)
            case "H": out.append(.hour24)
            case "I": out.append(.hour12)
            case "M": out.append(.minute)
            case "S": out.append(.second)
            case "f": out.append(.fraction)
            case "p": out.append(.ampm)
            case "b", "h": out.append(.monthAbbreviation)
            case "B": out.append(.monthName)
            case "s": out.append(.epochSeconds)
            case "F": out += [.year4, .literal(0x2D), .month, .literal(0x2D), .day]
            case "T": out += [.hour24, .literal(0x3A), .minute, .literal(0x3A), .second]
            case "%": out.append(.literal(0x25))
            default:
                let shown = d < 0x80 ? "%" + String(Character(UnicodeScalar(d))) : "a % before a non-ASCII character"
                throw Problem(message: "the time format has \(shown), which is not one of %Y %y %m %d %e %j %H %I %M %S %f %p %b %B %F %T %s %%")
            }
        }
        guard !out.isEmpty else { throw Problem(message: "the time format is empty") }
        // A 12-hour clock needs its half of the day, and a half of the day needs a 12-hour clock.
        if out.contains(.hour12) != out.contains(.ampm) {
            throw Problem(message: out.contains(.hour12) ? "the time format has %I (12-hour clock) without %p (AM/PM)" : "the time format has %p (AM/PM) without %I; with %H (24-hour clock) leave %p out")
        }
        self = .pattern(out)
    }

    static let months = ["january", "february", "march", "april", "may", "june", "july", "august",
                         "september", "october", "november", "december"]

    /// Days since 1970-01-01 (fractional), or why the text does not match.
    public func days(_ text: String) -> Result<Double, Problem> {
        let t = text.trimmingCharacters(in: .whitespaces)
        switch self {
        case .days:
            guard let v = CSVNumber.decimal(t), abs(v) < 1e9 else { return .failure(Problem(message: "\"\(t)\" is not a number of days")) }
            return .success(v)
        case .iso8601: return Self.iso(t)
        case .pattern(let ds): return Self.match(ds, Array(t.utf8)[...], original: t)
        }
    }

    static func iso(_ t: String) -> Result<Double, Problem> {
        let bad = Problem(message: "\"\(t)\" is not an ISO 8601 date or date-time (like 2019-03-07 or 2019-03-07T14:05:00)")
        var b = Array(t.utf8)[...]
        func number(_ digits: Int) -> Int? {
            guard b.count >= digits else { return nil }
            var v = 0
            for _ in 0..<digits { guard let d = b.first, d >= 0x30 && d <= 0x39 else { return nil }; v = v * 10 + Int(d - 0x30); b.removeFirst() }
            return v
        }
        func eat(_ c: UInt8) -> Bool { if b.first == c { b.removeFirst(); return true }; return false }
        guard let y = number(4), eat(0x2D), let m = number(2), eat(0x2D), let d = number(2) else { return .failure(bad) }
        var seconds = 0.0
        if eat(0x54) || eat(0x20) {
            guard let h = number(2), eat(0x3A), let mi = number(2), h < 24, mi < 60 else { return .failure(bad) }
            seconds = Double(h * 3600 + mi * 60)
            if eat(0x3A) {
                guard let s = number(2), s <= 60 else { return .failure(bad) }
                seconds += Double(s)
                if eat(0x2E) || eat(0x2C) {
                    var scale = 0.1, any = false
                    while let c = b.first, c >= 0x30 && c <= 0x39 { seconds += Double(c - 0x30) * scale; scale /= 10; b.removeFirst(); any = true }
                    if !any { return .failure(bad) }
                }
            }
            if eat(0x5A) {
            } else if let sign = b.first, sign == 0x2B || sign == 0x2D {
                b.removeFirst()
                guard let oh = number(2) else { return .failure(bad) }
                _ = eat(0x3A)
                guard let om = number(2), oh < 24, om < 60 else { return .failure(bad) }
                seconds -= Double(sign == 0x2B ? 1 : -1) * Double(oh * 3600 + om * 60)
            }
        }
        guard b.isEmpty else { return .failure(bad) }
        guard let day = civilDays(year: y, month: m, day: d) else { return .failure(Problem(message: "\"\(t)\": no such date")) }
        return .success(Double(day) + seconds / 86400)
    }

    static func match(_ ds: [Directive], _ input: ArraySlice<UInt8>, original: String) -> Result<Double, Problem> {
        var b = input
        let fail = { (why: String) in Result<Double, Problem>.failure(Problem(message: "\"\(original)\" does not match the time format: \(why)")) }
        func number(max digits: Int) -> Int? {
            var v = 0, n = 0
            while n < digits, let d = b.first, d >= 0x30 && d <= 0x39 { v = v * 10 + Int(d - 0x30); b.removeFirst(); n += 1 }
            return n > 0 ? v : nil
        }
        var year = 1970, month = 1, day = 1, yday: Int?, hour = 0, minute = 0, second = 0.0
        var pm: Bool?, twelve = false, epoch: Double?
        for d in ds {
            switch d {
            case .year4: guard let v = number(max: 4) else { return fail("expected a 4-digit year") }; year = v
            case .year2: guard let v = number(max: 2) else { return fail("expected a 2-digit year") }; year = v < 69 ? 2000 + v : 1900 + v
            case .month: guard let v = number(max: 2), (1...12).contains(v) else { return fail("expected a month 1–12") }; month = v
            case .day: while b.first == 0x20 { b.removeFirst() }
                guard let v = number(max: 2), (1...31).contains(v) else { return fail("expected a day 1–31") }; day = v
            case .dayOfYear: guard let v = number(max: 3), (1...366).contains(v) else { return fail("expected a day of the year 1–366") }; yday = v
            case .hour24: guard let v = number(max: 2), v < 24 else { return fail("expected an hour 0–23") }; hour = v
            case .hour12: guard let v = number(max: 2), (1...12).contains(v) else { return fail("expected an hour 1–12") }; hour = v; twelve = true
            case .minute: guard let v = number(max: 2), v < 60 else { return fail("expected minutes 0–59") }; minute = v
            case .second: guard let v = number(max: 2), v <= 60 else { return fail("expected seconds 0–60") }; second += Double(v)
            case .fraction:
                var scale = 0.1, any = false
                while let c = b.first, c >= 0x30 && c <= 0x39 { second += Double(c - 0x30) * scale; scale /= 10; b.removeFirst(); any = true }
                if !any { return fail("expected fractional seconds") }
            case .ampm:
                let word = String(decoding: b.prefix(2), as: UTF8.self).uppercased()
                guard word == "AM" || word == "PM" else { return fail("expected AM or PM") }
                pm = word == "PM"; b.removeFirst(2)
            case .monthAbbreviation, .monthName:
                var letters: [UInt8] = []
                while let c = b.first, (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A { letters.append(c | 0x20); b.removeFirst() }
                let word = String(decoding: letters, as: UTF8.self)
                guard let i = months.firstIndex(where: { d == .monthName ? $0 == word : $0.prefix(3) == word }) else {
                    return fail("expected a month name")
                }
                month = i + 1
            case .epochSeconds:
                var text: [UInt8] = []
                if b.first == 0x2D { text.append(0x2D); b.removeFirst() }
                while let c = b.first, (c >= 0x30 && c <= 0x39) || c == 0x2E { text.append(c); b.removeFirst() }
                guard let v = Double(String(decoding: text, as: UTF8.self)), v.isFinite, abs(v) < 1e14 else { return fail("expected seconds since 1970") }
                epoch = v
            case .literal(let c): guard b.first == c else { return fail("expected \"\(Character(UnicodeScalar(c)))\"") }; b.removeFirst()
            case .space: guard b.first == 0x20 else { return fail("expected a space") }; while b.first == 0x20 { b.removeFirst() }
            }
        }
        guard b.isEmpty else { return fail("text left over after the format") }
        if let e = epoch { return .success(e / 86400) }
        if twelve {
            guard let p = pm else { return fail("%I needs %p (AM or PM)") }
            hour = hour % 12 + (p ? 12 : 0)
        }
        let base: Int
        if let yd = yday {
            guard let jan1 = civilDays(year: year, month: 1, day: 1), yd <= (isLeap(year) ? 366 : 365) else { return fail("day of the year beyond the year") }
            base = jan1 + yd - 1
        } else {
            guard let d = civilDays(year: year, month: month, day: day) else { return fail("no such date \(year)-\(month)-\(day)") }
            base = d
        }
        return .success(Double(base) + (Double(hour * 3600 + minute * 60) + second) / 86400)
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Hinnant's `days_from_civil`); nil
    /// for an impossible date or a year outside 1…9999.
    static func civilDays(year: Int, month: Int, day: Int) -> Int? {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1 else { return nil }
        let lengths = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard day <= lengths[month - 1] else { return nil }
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The date `YYYY-MM-DD` of day `days` since 1970-01-01 (Hinnant's `civil_from_days`, the
    /// inverse of `civilDays`); days outside years 1…9999 are clamped to them.
    public static func isoDate(days: Double) -> String {
        let z = Int(min(max(days.rounded(.down), -719_162), 2_932_896)) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func pad(_ v: Int, _ n: Int) -> String { String(repeating: "0", count: max(0, n - String(v).count)) + String(v) }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }
}
