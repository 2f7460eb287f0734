import NanoCityModel

/// A stop condition on a run (`--stop-when "heist_losses_total > 500"`): an expression over
/// the metrics, checked at the end of every tick 1…N; the first tick at which it holds is the
/// run's last, and the run is complete.
///
/// Grammar (`or` binds loosest):
///
///     expr    := and ("or" and)*           ("||" also)
///     and     := not ("and" not)*          ("&&" also)
///     not     := "not" not | compare       ("!" also)
///     compare := sum (("<" | "<=" | ">" | ">=" | "==" | "!=") sum)?
///     sum     := product (("+" | "-") product)*
///     product := unary (("*" | "/") unary)*
///     unary   := "-" unary | number | name | "(" expr ")"
///
/// Names: a metric (its value this tick), `<counter>_total` (the running total over ticks 1…t),
/// `<metric>_mean` and `<metric>_max` (over ticks 1…t), and `tick`. A comparison is 1 or 0; `and`,
/// `or` and `not` read any non-zero number as true. The expression is compiled to a postfix
/// program and evaluated on a stack: no recursion at run time, and parsing nests at most
/// `maxDepth` deep.
public struct StopRule: Sendable, Equatable {
    public enum Series: Sendable, Equatable {
        case value(Int), total(Int), mean(Int), max(Int), tick
    }

    enum Op: Sendable, Equatable {
        case number(Double)
        case load(Series)
        case negate, not
        case add, subtract, multiply, divide
        case less, lessEqual, greater, greaterEqual, equal, notEqual
        case and, or
    }

    /// The expression as given.
    public let text: String
    let program: [Op]
    /// The metrics whose running mean or max the rule reads.
    let tracked: [Int]
    /// The counters whose running total the rule reads.
    let totalled: [Int]

    public static let maxBytes = 1024
    public static let maxTokens = 256
    public static let maxDepth = 32

    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// Parses `text` against the run's metric names (in metrics-row order) and which are counters.
    /// `origin` names where the text came from in messages (the flag, or a file's key).
    public init(_ text: String, metrics: [String], counters: [Bool], origin: String = "--stop-when") throws(ParseError) {
        // A long expression is quoted by its start, so the reason stays in view.
        let quoted = text.count <= 80 ? text : String(text.prefix(60)) + "… (\(text.utf8.count) bytes)"
        func fail(_ at: Int?, _ m: String) -> ParseError {
            ParseError(message: "\(origin) \"\(quoted)\": " + (at.map { "at character \($0 + 1): " } ?? "") + m)
        }
        guard text.utf8.count <= Self.maxBytes else { throw fail(nil, "at most \(Self.maxBytes) bytes") }
        // Tokens: (kind, text, offset).
        enum Kind { case number, name, symbol }
        var tokens: [(kind: Kind, text: String, at: Int)] = []
        let chars = Array(text.unicodeScalars)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == " " || c == "\t" { i += 1; continue }
            let start = i
            if c.properties.numericType != nil && c.isASCII || (c == "." && i + 1 < chars.count && chars[i + 1].isASCII && chars[i + 1].properties.numericType != nil) {
                while i < chars.count, chars[i].isASCII, chars[i].properties.numericType != nil || chars[i] == "." || chars[i] == "e" || chars[i] == "E"
                        || ((chars[i] == "-" || chars[i] == "+") && (chars[i - 1] == "e" || chars[i - 1] == "E")) { i += 1 }
                tokens.append((.number, String(String.UnicodeScalarView(chars[start..<i])), start))
            } else if c.isASCII && (c.properties.isAlphabetic || c == "_") {
                while i < chars.count, chars[i].isASCII, chars[i].properties.isAlphabetic || chars[i] == "_" || chars[i] == "." || chars[i].properties.numericType != nil { i += 1 }
                tokens.append((.name, String(String.UnicodeScalarView(chars[start..<i])), start))
            } else {
                let two = i + 1 < chars.count ? String(String.UnicodeScalarView(chars[i...(i + 1)])) : ""
                if ["<=", ">=", "==", "!=", "&&", "||"].contains(two) {
                    tokens.append((.symbol, two, start)); i += 2
                } else if "<>+-*/()!".unicodeScalars.contains(c) {
                    tokens.append((.symbol, String(c), start)); i += 1
                } else {
                    throw fail(start, "'\(c)' is not part of an expression (numbers, names, + - * /, < <= > >= == !=, and or not, parentheses)")
                }
            }
            guard tokens.count <= Self.maxTokens else { throw fail(start, "at most \(Self.maxTokens) tokens") }
        }
        guard !tokens.isEmpty else { throw fail(nil, "empty; e.g. \"heist_losses_total > 500\"") }

        var program: [Op] = []
        var tracked: [Int] = []
        var totalled: [Int] = []
        var p = 0
        func peek() -> String? { p < tokens.count ? tokens[p].text : nil }
        func at() -> Int { p < tokens.count ? tokens[p].at : chars.count }
        func series(_ name: String) -> Series? {
            if name == "tick" { return .tick }
            if let k = metrics.firstIndex(of: name) { return .value(k) }
            for (suffix, make) in [("_total", Series.total), ("_mean", Series.mean), ("_max", Series.max)] where name.hasSuffix(suffix) {
                guard let k = metrics.firstIndex(of: String(name.dropLast(suffix.count))) else { continue }
                if suffix == "_total" && !counters[k] { return nil }
                return make(k)
            }
            return nil
        }
        // Recursive descent, each level bounded by `maxDepth` (parentheses and unary chains).
        func expr(_ depth: Int) throws(ParseError) {
            guard depth <= Self.maxDepth else { throw fail(at(), "nested more than \(Self.maxDepth) deep") }
            try and(depth)
            while peek() == "or" || peek() == "||" { p += 1; try and(depth); program.append(.or) }
        }
        func and(_ depth: Int) throws(ParseError) {
            try not(depth)
            while peek() == "and" || peek() == "&&" { p += 1; try not(depth); program.append(.and) }
        }
        func not(_ depth: Int) throws(ParseError) {
            if peek() == "not" || peek() == "!" {
                guard depth < Self.maxDepth else { throw fail(at(), "nested more than \(Self.maxDepth) deep") }
                p += 1
                try not(depth + 1)
                program.append(.not)
                return
            }
            try compare(depth)
        }
        func compare(_ depth: Int) throws(ParseError) {
            try sum(depth)
            let ops: [String: Op] = ["<": .less, "<=": .lessEqual, ">": .greater, ">=": .greaterEqual, "==": .equal, "!=": .notEqual]
            if let s = peek(), let op = ops[s] {
                p += 1
                try sum(depth)
                program.append(op)
                if let s2 = peek(), ops[s2] != nil { throw fail(at(), "comparisons do not chain; write a < b and b < c") }
            }
        }
        func sum(_ depth: Int) throws(ParseError) {
            try product(depth)
            while let s = peek(), s == "+" || s == "-" { p += 1; try product(depth); program.append(s == "+" ? .add : .subtract) }
        }
        func product(_ depth: Int) throws(ParseError) {
            try unary(depth)
            while let s = peek(), s == "*" || s == "/" { p += 1; try unary(depth); program.append(s == "*" ? .multiply : .divide) }
        }
        func unary(_ depth: Int) throws(ParseError) {
            guard p < tokens.count else { throw fail(nil, "ends too soon: expected a number, a name or '('") }
            let t = tokens[p]
            switch t.kind {
            case .number:
                guard let v = Double(t.text), v.isFinite else { throw fail(t.at, "'\(t.text)' is not a number") }
                p += 1
                program.append(.number(v))
            case .name:
                guard !["and", "or", "not"].contains(t.text) else { throw fail(t.at, "'\(t.text)' needs something before it") }
                guard let s = series(t.text) else {
                    let all = metrics + ["tick"] + metrics.indices.filter { counters[$0] }.map { metrics[$0] + "_total" }
                        + metrics.flatMap { [$0 + "_mean", $0 + "_max"] }
                    let close = ParameterCatalog.suggestion(for: t.text, among: all)
                    throw fail(t.at, "'\(t.text)' is not a metric" + (close.map { " (did you mean '\($0)'?)" } ?? "")
                        + "; names are metrics (`nanocity params --metrics`), <counter>_total, <metric>_mean, <metric>_max and tick")
                }
                switch s {
                case .mean(let k), .max(let k): if !tracked.contains(k) { tracked.append(k) }
                case .total(let k): if !totalled.contains(k) { totalled.append(k) }
                default: break
                }
                p += 1
                program.append(.load(s))
            case .symbol:
                if t.text == "-" {
                    guard depth < Self.maxDepth else { throw fail(t.at, "nested more than \(Self.maxDepth) deep") }
                    p += 1
                    try unary(depth + 1)
                    program.append(.negate)
                } else if t.text == "(" {
                    p += 1
                    try expr(depth + 1)
                    guard peek() == ")" else { throw fail(at(), "expected ')'") }
                    p += 1
                } else {
                    throw fail(t.at, "expected a number, a name or '(' before '\(t.text)'")
                }
            }
        }
        try expr(0)
        guard p == tokens.count else { throw fail(tokens[p].at, "unexpected '\(tokens[p].text)'") }
        self.text = text
        self.program = program
        self.tracked = tracked
        self.totalled = totalled
    }
}

/// A `StopRule` watching one run: fed every metrics row, it holds the first tick the rule held.
public final class StopMonitor: RunRecorder {
    public let rule: StopRule
    /// The first tick (≥ 1) at whose end the rule held; nil while it has not.
    public private(set) var stoppedAt: Int?
    var totals: [Double] = []
    var sums: [Double] = []
    var maxima: [Double] = []
    var stack: [Double] = []

    public init(_ rule: StopRule) {
        self.rule = rule
        stack.reserveCapacity(rule.program.count)
    }

    public func record(_ city: City, metrics: [Double]) throws(OutputError) { observe(metrics, tick: city.tick) }

    public func observe(_ row: [Double], tick: Int) {
        if totals.isEmpty {
            totals = Array(repeating: 0, count: row.count)
            sums = totals
            maxima = Array(repeating: -.infinity, count: row.count)
        }
        guard tick > 0, stoppedAt == nil else { return }
        for k in rule.totalled { totals[k] += row[k] }
        for k in rule.tracked {
            sums[k] += row[k]
            maxima[k] = Swift.max(maxima[k], row[k])
        }
        if evaluate(row, tick: tick) != 0 { stoppedAt = tick }
    }

    func evaluate(_ row: [Double], tick: Int) -> Double {
        stack.removeAll(keepingCapacity: true)
        func pop() -> Double { stack.removeLast() }
        for op in rule.program {
            switch op {
            case .number(let v): stack.append(v)
            case .load(let s):
                switch s {
                case .value(let k): stack.append(row[k])
                case .total(let k): stack.append(totals[k])
                case .mean(let k): stack.append(sums[k] / Double(tick))
                case .max(let k): stack.append(maxima[k])
                case .tick: stack.append(Double(tick))
                }
            case .negate: stack.append(-pop())
            case .not: stack.append(pop() == 0 ? 1 : 0)
            default:
                let b = pop(), a = pop()
                let v: Double
                switch op {
                case .add: v = a + b
                case .subtract: v = a - b
                case .multiply: v = a * b
                case .divide: v = a / b
                case .less: v = a < b ? 1 : 0
                case .lessEqual: v = a <= b ? 1 : 0
                case .greater: v = a > b ? 1 : 0
                case .greaterEqual: v = a >= b ? 1 : 0
                case .equal: v = a == b ? 1 : 0
                case .notEqual: v = a != b ? 1 : 0
                case .and: v = a != 0 && b != 0 ? 1 : 0
                case .or: v = a != 0 || b != 0 ? 1 : 0
                default: v = .nan
                }
                stack.append(v)
            }
        }
        let v = stack.last ?? 0
        return v.isNaN ? 0 : v
    }
}
