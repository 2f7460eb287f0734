import NanoCityModel
import NanoCityAnalysis

/// One varied parameter: a list of values, or a continuous range for Latin-hypercube sampling.
public struct SweepAxis: Sendable, Equatable {
    public enum Values: Sendable, Equatable {
        /// Explicit values (from a list, or an inclusive stepped range), in order.
        case list([ParameterValue])
        /// `low:high` without a step: sampled by Latin hypercube (`--lhs N`).
        case continuous(low: Double, high: Double)
    }

    public var key: String
    public var values: Values

    /// Values one stepped range may hold.
    public static let maxRangeValues = 1_000_000

    /// Parses `key=v1,v2,…` (a list), `key=a:b:step` (inclusive range) or `key=a:b` (a range
    /// for Latin-hypercube sampling). Values are checked against the parameter's type and range.
    public static func parse(_ text: String) throws(SweepError) -> SweepAxis {
        guard let eq = text.firstIndex(of: "=") else {
            throw .badVary(spec: text, message: "expected key=values, e.g. guards.count=0,10,20 or sensors.density=0:0.1:0.02")
        }
        let key = String(text[..<eq]).filter { $0 != " " }
        let body = String(text[text.index(after: eq)...]).filter { $0 != " " }
        return try make(key: key, body: body, spec: text)
    }

    static func make(key: String, body: String, spec text: String) throws(SweepError) -> SweepAxis {
        let param: ParameterSpec
        switch VariedKey.lookup(key) {
        case .success(let p): param = p
        case .failure(let e): throw .badVary(spec: text, message: e.description)
        }
        guard !body.isEmpty else { throw .badVary(spec: text, message: "no values given") }
        if body.contains(":") {
            let parts = body.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2 || parts.count == 3 else {
                throw .badVary(spec: text, message: "a range is low:high:step (inclusive) or low:high (for --lhs)")
            }
            let numeric: Bool
            switch param.type {
            case .int, .double: numeric = true
            default: numeric = false
            }
            guard numeric else { throw .badVary(spec: text, message: "\(key) takes \(param.type.allowed); ranges need a numeric key") }
            guard let lo = Double(parts[0]), let hi = Double(parts[1]) else {
                throw .badVary(spec: text, message: "range bounds must be numbers, got '\(parts[0])' and '\(parts[1])'")
            }
            guard lo <= hi else { throw .badVary(spec: text, message: "empty range: low \(parts[0]) is above high \(parts[1])") }
            for bound in [parts[0], parts[1]] {
                if case .failure(let e) = param.parse(bound) { throw .badVary(spec: text, message: e.description) }
            }
            if parts.count == 2 { return SweepAxis(key: key, values: .continuous(low: lo, high: hi)) }
            guard let step = Double(parts[2]), step.isFinite else { throw .badVary(spec: text, message: "step '\(parts[2])' is not a number") }
            guard step > 0 else { throw .badVary(spec: text, message: "step must be positive, got \(parts[2])") }
            if case .int = param.type, step != step.rounded() || lo != lo.rounded() {
                throw .badVary(spec: text, message: "\(key) takes integers: bounds and step must be integers")
            }
            // The count as a Double first: (hi − lo) / step can exceed any Int (or be infinite),
            // and converting that would trap.
            let steps = ((hi - lo) / step + 1e-9).rounded(.down)
            guard steps.isFinite, steps < Double(Self.maxRangeValues) else {
                let many = steps.isFinite ? "about \(SweepPlan.grouped(Int(min(steps, 9e18))))" : "more than 2⁶³"
                throw .badVary(spec: text, message: "range has \(many) values; at most \(SweepPlan.grouped(Self.maxRangeValues))")
            }
            let count = Int(steps) + 1
            var values: [ParameterValue] = []
            for k in 0..<count {
                // lo + k·step, rounded to 12 significant digits so 0.1-steps print as 0.3, not 0.30000000000000004.
                let v = lo + Double(k) * step
                let text: String
                if case .int = param.type { text = String(Int(v.rounded())) } else { text = tidy(v) }
                switch param.parse(text) {
                case .success(let pv): values.append(pv)
                case .failure(let e): throw .badVary(spec: text, message: e.description)
                }
            }
            return SweepAxis(key: key, values: .list(values))
        }
        var values: [ParameterValue] = []
        for item in body.split(separator: ",", omittingEmptySubsequences: false) {
            guard !item.isEmpty else { throw .badVary(spec: text, message: "empty value in the list") }
            switch param.parse(String(item)) {
            case .success(let v): values.append(v)
            case .failure(let e): throw .badVary(spec: text, message: e.description)
            }
        }
        return SweepAxis(key: key, values: .list(values))
    }

    /// `v` with binary noise from repeated addition removed (12 significant digits).
    static func tidy(_ v: Double) -> String {
        guard v != 0 else { return "0.0" }
        let digits = 12 - Int((abs(v)).log10Floor) - 1
        let scale = pow10(max(0, min(digits, 300)))
        let r = (v * scale).rounded() / scale
        return r.description
    }

    static func pow10(_ n: Int) -> Double {
        var r = 1.0
        for _ in 0..<n { r *= 10 }
        return r
    }
}

extension Double {
    var log10Floor: Int {
        var n = 0
        var v = self
        if v >= 1 { while v >= 10 { v /= 10; n += 1 } } else { while v < 1 && v > 0 { v *= 10; n -= 1 } }
        return n
    }
}
