import NanoCityAnalysis
import NanoCityIO
import NanoCityModel

/// One more summary column (or two) from a metric's series: `--reduce METRIC:REDUCER` on a
/// sweep, `reduce = [...]` in a sweep or targets file. The series is the metric's value at
/// each tick, or — for `<counter>_total` — the counter's running total.
///
/// | reducer | column | value |
/// |---|---|---|
/// | `max`, `min` | `m_max`, `m_min` | over ticks 1…N (tick 0 when N = 0) |
/// | `argmax`, `argmin` | `m_argmax`, `m_argmin` | the first tick of that extreme |
/// | `mean@A:B` | `m_mean_A_B` | mean over ticks A…B, both included; empty when the run ended before B |
/// | `first>X` (also `>=`, `<`, `<=`) | `m_first_gt_X`, `m_first_gt_X_reached` | the first tick (0…N) the series passes X, empty when it never does; 1 or 0 |
public struct OutcomeReducer: Sendable, Equatable {
    public enum Comparison: String, Sendable, CaseIterable {
        case atLeast = ">=", above = ">", atMost = "<=", below = "<"
        var code: String {
            switch self {
            case .above: "gt"
            case .atLeast: "ge"
            case .below: "lt"
            case .atMost: "le"
            }
        }
        func holds(_ v: Double, _ x: Double) -> Bool {
            switch self {
            case .above: v > x
            case .atLeast: v >= x
            case .below: v < x
            case .atMost: v <= x
            }
        }
    }

    public enum Kind: Sendable, Equatable {
        case max, min, argmax, argmin
        case windowMean(from: Int, to: Int)
        case firstPassage(Comparison, Double)
    }

    /// The spec as given (sweep.json records it).
    public let spec: String
    /// A metric, or `<counter>_total` for its running total.
    public let series: String
    public let kind: Kind
    /// The metric's index in the run's metrics row.
    let metric: Int
    let runningTotal: Bool

    public static let maxReducers = 256

    /// Parses `METRIC:REDUCER` against the metrics of `columns`; `ticks` bounds a window.
    /// `origin` names where the spec came from in messages (the flag, or a file's key).
    public init(_ text: String, columns: OutcomeColumns, ticks: Int, origin: String = "--reduce") throws(SweepError) {
        let quoted = text.count <= 80 ? text : String(text.prefix(60)) + "… (\(text.utf8.count) bytes)"
        func fail(_ m: String) -> SweepError {
            .badPlan("\(origin) \(quoted): \(m); a reducer is METRIC:max, :min, :argmax, :argmin, :mean@A:B or :first>X (>=, <, <=), "
                + "METRIC a metric or <counter>_total (docs/experiments.md#reducers)")
        }
        guard text.utf8.count <= 256 else { throw fail("at most 256 bytes") }
        guard let colon = text.firstIndex(of: ":") else { throw fail("expected METRIC:REDUCER") }
        let name = String(text[..<colon]).trimmingCharacters(in: .whitespaces)
        let reducer = String(text[text.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        var runningTotal = false
        var index = columns.metrics.firstIndex(of: name)
        if index == nil, name.hasSuffix("_total"), let i = columns.metrics.firstIndex(of: String(name.dropLast(6))), columns.counters[i] {
            index = i
            runningTotal = true
        }
        guard let metric = index else {
            let close = ParameterCatalog.suggestion(for: name, among: columns.metrics + columns.metrics.indices.filter { columns.counters[$0] }.map { columns.metrics[$0] + "_total" })
            throw fail("'\(name)' is not a metric" + (close.map { " (did you mean '\($0)'?)" } ?? ""))
        }
        let kind: Kind
        switch reducer {
        case "max": kind = .max
        case "min": kind = .min
        case "argmax": kind = .argmax
        case "argmin": kind = .argmin
        default:
            if reducer.hasPrefix("mean@") {
                let parts = reducer.dropFirst(5).split(separator: ":", omittingEmptySubsequences: false)
                guard parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]), a >= 0, b >= a else {
                    throw fail("a window is mean@A:B with whole ticks 0 ≤ A ≤ B")
                }
                guard b <= ticks else { throw fail("the window ends at tick \(b), after the run's last (\(ticks))") }
                kind = .windowMean(from: a, to: b)
            } else if reducer.hasPrefix("first") {
                let rest = reducer.dropFirst(5)
                guard let c = Comparison.allCases.first(where: { rest.hasPrefix($0.rawValue) }),
                      let x = Double(rest.dropFirst(c.rawValue.count).trimmingCharacters(in: .whitespaces)), x.isFinite else {
                    throw fail("a first passage is first>X, first>=X, first<X or first<=X with a finite number X")
                }
                kind = .firstPassage(c, x)
            } else {
                throw fail("'\(reducer)' is not a reducer")
            }
        }
        spec = name + ":" + reducer
        series = name
        self.kind = kind
        self.metric = metric
        self.runningTotal = runningTotal
    }

    /// Its summary.csv columns.
    public var columns: [String] {
        switch kind {
        case .max: [series + "_max"]
        case .min: [series + "_min"]
        case .argmax: [series + "_argmax"]
        case .argmin: [series + "_argmin"]
        case .windowMean(let a, let b): [series + "_mean_\(a)_\(b)"]
        case .firstPassage(let c, let x):
            [series + "_first_\(c.code)_" + Self.code(x), series + "_first_\(c.code)_" + Self.code(x) + "_reached"]
        }
    }

    /// A threshold as a column name can hold it: 0.5 → 0p5, −2 → m2.
    static func code(_ x: Double) -> String {
        CSVNumber.format(x).replacingOccurrences(of: "-", with: "m").replacingOccurrences(of: ".", with: "p")
            .replacingOccurrences(of: "+", with: "")
    }

    /// Parses every spec; refuses two that give the same column.
    public static func parse(_ specs: [String], columns: OutcomeColumns, ticks: Int, origin: String = "--reduce") throws(SweepError) -> [OutcomeReducer] {
        try parse(specs.map { ($0, origin) }, columns: columns, ticks: ticks)
    }

    /// Specs from several places (a plan file's `reduce`, then `--reduce`), each with its origin.
    public static func parse(_ specs: [(text: String, origin: String)], columns: OutcomeColumns, ticks: Int) throws(SweepError) -> [OutcomeReducer] {
        guard specs.count <= maxReducers else { throw .badPlan("\(specs.last?.origin ?? "--reduce"): at most \(maxReducers) reducers") }
        var out: [OutcomeReducer] = []
        var seen = Set(columns.names)
        for s in specs {
            let r = try OutcomeReducer(s.text, columns: columns, ticks: ticks, origin: s.origin)
            for c in r.columns where !seen.insert(c).inserted {
                throw .badPlan("\(s.origin) \(r.spec): column \(c) is already a summary.csv column")
            }
            out.append(r)
        }
        return out
    }
}

/// Folds a run's metrics rows into its reducers' values, tick by tick, keeping no series.
public final class ReducerAccumulator: RunRecorder {
    let reducers: [OutcomeReducer]
    var running: [Double]
    var best: [Double]
    var bestTick: [Int]
    var sum: [Double]
    var count: [Int]
    var first: [Int?]
    var lastTick = -1

    public init(_ reducers: [OutcomeReducer]) {
        self.reducers = reducers
        running = Array(repeating: 0, count: reducers.count)
        best = Array(repeating: .nan, count: reducers.count)
        bestTick = Array(repeating: 0, count: reducers.count)
        sum = Array(repeating: 0, count: reducers.count)
        count = Array(repeating: 0, count: reducers.count)
        first = Array(repeating: nil, count: reducers.count)
    }

    public func record(_ city: City, metrics: [Double]) throws(OutputError) { observe(metrics, tick: city.tick) }

    /// One metrics row, at `tick` (tick 0 first).
    public func observe(_ row: [Double], tick: Int) {
        lastTick = tick
        for (k, r) in reducers.enumerated() {
            let raw = row[r.metric]
            if r.runningTotal && tick > 0 { running[k] += raw }
            let v = r.runningTotal ? running[k] : raw
            switch r.kind {
            case .max, .argmax, .min, .argmin:
                // Tick 0 counts only until tick 1 replaces it (as _mean does).
                let wantsMax = r.kind == .max || r.kind == .argmax
                if tick == 1 || best[k].isNaN || (wantsMax ? v > best[k] : v < best[k]) {
                    best[k] = v
                    bestTick[k] = tick
                }
            case .windowMean(let a, let b):
                if tick >= a && tick <= b { sum[k] += v; count[k] += 1 }
            case .firstPassage(let c, let x):
                if first[k] == nil && c.holds(v, x) { first[k] = tick }
            }
        }
    }

    /// The values, in the order of the reducers' columns (nil: undefined).
    public var values: [Double?] {
        var out: [Double?] = []
        for (k, r) in reducers.enumerated() {
            switch r.kind {
            case .max, .min: out.append(best[k].isNaN ? nil : best[k])
            case .argmax, .argmin: out.append(best[k].isNaN ? nil : Double(bestTick[k]))
            case .windowMean(_, let b): out.append(lastTick >= b && count[k] > 0 ? sum[k] / Double(count[k]) : nil)
            case .firstPassage:
                out.append(first[k].map(Double.init))
                out.append(first[k] == nil ? 0 : 1)
            }
        }
        return out
    }
}

extension ReducerAccumulator {
    /// The reducers' values over metrics rows kept row-major (`metrics` values each), the first
    /// at tick `firstTick`: a fork arm's ticks after the fork.
    static func values(_ reducers: [OutcomeReducer], rows: [Double], metrics: Int, firstTick: Int) -> [Double?] {
        guard !reducers.isEmpty, metrics > 0 else { return [] }
        let a = ReducerAccumulator(reducers)
        var start = 0, tick = firstTick
        while start + metrics <= rows.count {
            a.observe(Array(rows[start..<(start + metrics)]), tick: tick)
            start += metrics
            tick += 1
        }
        return a.values
    }
}
