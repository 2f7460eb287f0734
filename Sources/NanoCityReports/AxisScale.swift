import Foundation

/// A linear axis with "nice" tick values (Heckbert, "Nice numbers for graph labels",
/// Graphics Gems, 1990): steps of 1, 2 or 5 × 10ⁿ that cover the data.
public struct AxisScale: Sendable {
    public let lower: Double
    public let upper: Double
    public let step: Double

    /// A scale covering `low…high` with about `ticks` labelled ticks. Equal or non-finite bounds
    /// are widened so that every axis has extent.
    public init(low: Double, high: Double, ticks: Int = 5) {
        var lo = low.isFinite ? low : 0, hi = high.isFinite ? high : 1
        if lo > hi { swap(&lo, &hi) }
        if hi - lo < 1e-12 * max(1, abs(hi)) {
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            lo -= pad; hi += pad
        }
        let range = Self.nice(hi - lo, round: false)
        let step = Self.nice(range / Double(max(1, ticks - 1)), round: true)
        self.step = step
        lower = (lo / step).rounded(.down) * step
        upper = (hi / step).rounded(.up) * step
    }

    static func nice(_ x: Double, round: Bool) -> Double {
        let e = (log10(x)).rounded(.down), f = x / pow(10, e)
        let nf: Double
        if round { nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10 } else { nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10 }
        return nf * pow(10, e)
    }

    /// The tick values, lower to upper.
    public var ticks: [Double] {
        var out: [Double] = []
        var k = 0.0
        while lower + k * step <= upper + step * 1e-9, out.count < 100 { out.append(lower + k * step); k += 1 }
        return out
    }

    /// A tick label with as many decimals as the step needs.
    public func label(_ v: Double) -> String {
        let decimals = max(0, Int(-(log10(step)).rounded(.down)))
        if abs(v) >= 1e6 || (abs(v) < 1e-4 && v != 0) { return String(format: "%.2g", v) }
        let s = String(format: "%.\(min(decimals, 8))f", abs(v) < step * 1e-9 ? 0 : v)
        return s
    }

    /// `v`'s position along an axis of `length` (0 at `lower`).
    public func position(_ v: Double, length: Double) -> Double { (v - lower) / (upper - lower) * length }
}
