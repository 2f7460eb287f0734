/// A TOML date-time in one of its four kinds, fields as written (validated: real calendar
/// days, hours 0–23, minutes and seconds 0–59, offsets within ±23:59).
public struct TOMLDateTime: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// `1979-05-27T07:32:00Z` or with `±HH:MM`.
        case offsetDateTime = "datetime"
        /// `1979-05-27T07:32:00`
        case localDateTime = "datetime-local"
        /// `1979-05-27`
        case localDate = "date-local"
        /// `07:32:00`
        case localTime = "time-local"
    }

    public struct Date: Sendable, Equatable {
        public let year: Int, month: Int, day: Int
    }

    public struct Time: Sendable, Equatable {
        public let hour: Int, minute: Int, second: Int
        /// Fractional-second digits as written (may be empty), e.g. "999999" for .999999.
        public let fraction: String
    }

    public let date: Date?
    public let time: Time?
    /// Offset from UTC in minutes; nil for local kinds.
    public let offsetMinutes: Int?

    public var kind: Kind {
        switch (date != nil, time != nil, offsetMinutes != nil) {
        case (true, true, true): .offsetDateTime
        case (true, true, false): .localDateTime
        case (true, false, _): .localDate
        default: .localTime
        }
    }

    /// RFC 3339 text: `T` between date and time, `Z` for a zero offset.
    public var description: String {
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var s = ""
        if let d = date {
            let y = String(d.year)
            s += String(repeating: "0", count: max(0, 4 - y.count)) + y + "-" + two(d.month) + "-" + two(d.day)
        }
        if let t = time {
            if date != nil { s += "T" }
            s += two(t.hour) + ":" + two(t.minute) + ":" + two(t.second)
            if !t.fraction.isEmpty { s += "." + t.fraction }
        }
        if let o = offsetMinutes {
            if o == 0 { s += "Z" } else { s += (o < 0 ? "-" : "+") + two(abs(o) / 60) + ":" + two(abs(o) % 60) }
        }
        return s
    }
}
