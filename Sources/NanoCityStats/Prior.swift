import Foundation
import NanoCityEngine

/// A prior over one parameter, on a bounded support (calibration never proposes outside it).
public enum Prior: Sendable, Equatable {
    /// Uniform on [low, high].
    case uniform(low: Double, high: Double)
    /// log θ uniform on [log low, log high]; 0 < low < high.
    case logUniform(low: Double, high: Double)
    /// Normal(mean, sd) truncated to [low, high].
    case normal(mean: Double, sd: Double, low: Double, high: Double)

    public var low: Double {
        switch self { case .uniform(let l, _), .logUniform(let l, _), .normal(_, _, let l, _): l }
    }
    public var high: Double {
        switch self { case .uniform(_, let h), .logUniform(_, let h), .normal(_, _, _, let h): h }
    }

    /// Why this prior is not a proper distribution, or nil.
    public var problem: String? {
        guard low.isFinite, high.isFinite, low < high else { return "needs finite low < high (got \(low), \(high))" }
        switch self {
        case .uniform: return nil
        case .logUniform: return low > 0 ? nil : "log-uniform needs low > 0 (got \(low))"
        case .normal(let m, let sd, _, _):
            return m.isFinite && sd.isFinite && sd > 0 ? nil : "normal needs a finite mean and sd > 0 (got \(m), \(sd))"
        }
    }

    public func contains(_ x: Double) -> Bool { x >= low && x <= high }

    /// log of the normalised density at `x` (−∞ outside the support). Normalised, not up to a
    /// constant: importance weights of particles drawn from the prior (weight π/π = 1) and of
    /// particles drawn from a kernel mixture (π/q) are pooled, so both densities must be proper.
    public func logDensity(_ x: Double) -> Double {
        guard contains(x) else { return -.infinity }
        switch self {
        case .uniform(let l, let h): return -log(h - l)
        case .logUniform(let l, let h): return -log(x) - log(log(h) - log(l))
        case .normal(let m, let sd, let l, let h):
            let z = (x - m) / sd
            let mass = StandardNormal.cdf((h - m) / sd) - StandardNormal.cdf((l - m) / sd)
            return -0.5 * z * z - log(sd * (2 * Double.pi).squareRoot() * max(mass, 1e-300))
        }
    }

    /// One draw: `quantile` of one uniform (no rejection loop).
    public func sample<G: RandomDraws>(_ rng: inout G) -> Double { quantile(rng.uniform()) }

    /// The value with prior CDF `u` ∈ [0, 1) (the truncated normal inverts the normal CDF
    /// restricted to [low, high]).
    public func quantile(_ u: Double) -> Double {
        switch self {
        case .uniform(let l, let h): return l + (h - l) * u
        case .logUniform(let l, let h): return exp(log(l) + (log(h) - log(l)) * u)
        case .normal(let m, let sd, let l, let h):
            let a = StandardNormal.cdf((l - m) / sd), b = StandardNormal.cdf((h - m) / sd)
            let p = min(max(a + (b - a) * u, 1e-300), 1 - 1e-16)
            return min(h, max(l, m + sd * StandardNormal.quantile(p)))
        }
    }
}

extension RandomDraws {
    /// A standard normal draw by the Box–Muller transform (two uniforms, the cosine branch).
    public mutating func standardNormal() -> Double {
        let u1 = 1 - uniform(), u2 = uniform()  // u1 in (0, 1]
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
