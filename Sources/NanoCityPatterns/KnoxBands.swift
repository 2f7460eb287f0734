/// Which side of a band edge is inclusive in the Knox table.
public enum KnoxBandConvention: String, Sendable, CaseIterable {
    /// What the Near Repeat Calculator's labels state: same location = distance 0; space band
    /// k = ((k−1)B, kB]; time band k = ((k−1)W, kW], the first including 0.
    case labelled
    /// What the Near Repeat Calculator computes (Ratcliffe 2009; shown by Davies'
    /// NearRepeat notebook "Inconsistency with Near Repeat Calculator"): same location =
    /// distance < 1 m; space band k = [(k−1)B, kB) with lower end 1 m for k = 1; time band
    /// k = [(k−1)W, kW) in whole days.
    case nrc
}

/// Equal-width bands of one axis (space in metres, time in days) and the rule that places a
/// separation in one of them. The last index (`count`) is "more than count·width".
public struct KnoxAxis: Sendable, Equatable {
    /// Band width (m or days), > 0.
    public let width: Double
    /// Number of bands below the open-ended last one, 1…64.
    public let count: Int
    public let convention: KnoxBandConvention
    /// Upper edges of bands 0..<count with the tolerance folded in (see `band(of:)`).
    @usableFromInline let edges: [Double]

    /// Edges are compared within 10⁻⁹ of a band width, so that separations computed from ticks
    /// or cells (2 × 0.5 days, 3 cells × 12.5 m) land on the side the convention states
    /// instead of the side a rounding error puts them.
    public static let tolerance = 1e-9

    /// `WIDTH:COUNT` as flags and files spell an axis (WIDTH > 0 and at most 10⁷, COUNT
    /// 1…`KnoxBands.maxBands`); nil for anything else.
    public static func parse(_ text: String) -> (width: Double, count: Int)? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let w = Double(parts[0]), w.isFinite, w > 0, w <= 1e7,
              let n = Int(parts[1]), (1...KnoxBands.maxBands).contains(n) else { return nil }
        return (w, n)
    }

    public init(width: Double, count: Int, convention: KnoxBandConvention) {
        self.width = width
        self.count = count
        self.convention = convention
        let slack = Self.tolerance * width
        edges = (1...max(1, count)).map { Double($0) * width + (convention == .labelled ? slack : -slack) }
    }

    /// The band (0..<count, or `count` for beyond the last) of a separation ≥ 0: under
    /// `.labelled` band k holds separations ≤ edge k and above edge k−1; under `.nrc` below
    /// edge k and at or above edge k−1.
    @inlinable public func band(of separation: Double) -> Int {
        var k = Int(min(Double(count), max(0, (separation / width).rounded(.down))))
        if convention == .labelled {
            while k > 0 && separation <= edges[k - 1] { k -= 1 }
            while k < count && separation > edges[k] { k += 1 }
        } else {
            while k > 0 && separation < edges[k - 1] { k -= 1 }
            while k < count && separation >= edges[k] { k += 1 }
        }
        return k
    }

    /// Whether `separation` is at most the last band's upper edge (the pairs the test indexes).
    @inlinable public func isWithinLastBand(_ separation: Double) -> Bool {
        convention == .labelled ? separation <= edges[count - 1] : separation < edges[count - 1]
    }
}

/// The space and time bands of a Knox table, with the Near Repeat Calculator's labels.
public struct KnoxBands: Sendable, Equatable {
    public let space: KnoxAxis
    public let time: KnoxAxis

    /// Limits that keep the table and its labels readable; the test's work is bounded elsewhere.
    public static let maxBands = 64

    public init(space: KnoxAxis, time: KnoxAxis) {
        self.space = space
        self.time = time
    }

    /// Rows of the table: "same location", the `space.count` bands, "more than …".
    public var spaceRows: Int { space.count + 2 }
    /// Columns: the `time.count` bands and "more than …".
    public var timeColumns: Int { time.count + 1 }

    /// The row of a pair at distance `d` (m): 0 = same location, 1…count = the bands,
    /// count + 1 = beyond.
    @inlinable public func spaceRow(_ d: Double) -> Int {
        switch space.convention {
        case .labelled: if d == 0 { return 0 }
        case .nrc: if d < 1 { return 0 }
        }
        return space.band(of: d) + 1
    }

    /// The NRC's label of a space row, e.g. "same location", "1 to 100 meters", "more than 300
    /// meters" (whole-metre widths of 2 m or more, as the NRC offers); other widths are labelled
    /// as intervals in the convention's form, e.g. "(0.5, 1] meters".
    public func spaceLabel(_ row: Int) -> String {
        if row == 0 { return "same location" }
        let top = Double(space.count) * space.width
        if row == space.count + 1 { return "more than \(Self.number(top)) meters" }
        let (a, b) = (Double(row - 1) * space.width, Double(row) * space.width)
        guard Self.isWhole(space.width) else { return Self.interval(a, b, space.convention, first: false) + " meters" }
        return "\(Self.number(row == 1 ? 1 : a + 1)) to \(Self.number(b)) meters"
    }

    /// The NRC's label of a time column, e.g. "0 to 2 days", "3 to 4 days", "more than 4 days".
    public func timeLabel(_ column: Int) -> String {
        let top = Double(time.count) * time.width
        if column == time.count { return "more than \(Self.number(top)) days" }
        let (a, b) = (Double(column) * time.width, Double(column + 1) * time.width)
        guard Self.isWhole(time.width) else { return Self.interval(a, b, time.convention, first: column == 0) + " days" }
        return "\(Self.number(column == 0 ? 0 : a + 1)) to \(Self.number(b)) days"
    }

    static func isWhole(_ w: Double) -> Bool { w >= 2 && w == w.rounded() && w < 1e9 }

    static func interval(_ a: Double, _ b: Double, _ c: KnoxBandConvention, first: Bool) -> String {
        switch c {
        case .labelled: return (first ? "[" : "(") + "\(number(a)), \(number(b))]"
        case .nrc: return "[\(number(a)), \(number(b)))"
        }
    }

    /// A band's part of an outcome name: "same", "1_100", "101_200" for space rows and "0_7",
    /// "8_14" for time columns, as the labels read (whole widths of 2 or more); "s1", "t1" … for
    /// other widths.
    public func spaceCode(_ row: Int) -> String {
        if row == 0 { return "same" }
        guard Self.isWhole(space.width) else { return "s\(row)" }
        return "\(row == 1 ? 1 : Int(Double(row - 1) * space.width) + 1)_\(Int(Double(row) * space.width))"
    }

    public func timeCode(_ column: Int) -> String {
        guard Self.isWhole(time.width) else { return "t\(column + 1)" }
        return "\(column == 0 ? 0 : Int(Double(column) * time.width) + 1)_\(Int(Double(column + 1) * time.width))"
    }

    static func number(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }
}
