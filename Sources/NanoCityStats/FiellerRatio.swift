/// The ratio of two means from paired samples, with Fieller's 95% interval (Fieller 1954,
/// "Some problems in interval estimation", J. R. Stat. Soc. B 16:175–185): the set of ρ for
/// which mean(x) − ρ·mean(y) is not significantly different from 0 by a t test with n − 1
/// degrees of freedom, i.e. the ρ solving
///
///     (x̄ − ρ ȳ)² ≤ t² (v_xx − 2ρ v_xy + ρ² v_yy),   v = sample (co)variance / n.
///
/// The interval is bounded only when the denominator's mean is itself significantly away from
/// 0 (ȳ² > t² v_yy); otherwise it is the whole line or two half-lines, and `interval` is nil
/// — never a finite interval that would mislead.
public struct FiellerRatio: Sendable, Equatable {
    /// x̄ / ȳ; NaN when ȳ = 0.
    public let estimate: Double
    /// The bounded 95% interval, or nil when it is unbounded.
    public let interval: ClosedRange<Double>?
    /// Pairs used.
    public let n: Int

    /// Paired samples `numerator[i]`, `denominator[i]`; nil for fewer than 2 pairs.
    public init?(numerator x: [Double], denominator y: [Double]) {
        precondition(x.count == y.count, "paired samples must have equal length")
        let n = x.count
        guard n >= 2 else { return nil }
        let mx = x.reduce(0, +) / Double(n), my = y.reduce(0, +) / Double(n)
        var sxx = 0.0, syy = 0.0, sxy = 0.0
        for i in 0..<n {
            let dx = x[i] - mx, dy = y[i] - my
            sxx += dx * dx; syy += dy * dy; sxy += dx * dy
        }
        let d = Double(n - 1) * Double(n)
        let vxx = sxx / d, vyy = syy / d, vxy = sxy / d
        let t = StudentT.critical95(df: n - 1), t2 = t * t
        self.n = n
        estimate = my == 0 ? .nan : mx / my + 0  // + 0: no −0 in tables
        // a ρ² − 2 b ρ + c ≤ 0
        let a = my * my - t2 * vyy, b = mx * my - t2 * vxy, c = mx * mx - t2 * vxx
        let disc = b * b - a * c
        if a > 0 && disc >= 0 {
            let r = disc.squareRoot()
            interval = ((b - r) / a + 0)...((b + r) / a + 0)
        } else {
            interval = nil
        }
    }
}
