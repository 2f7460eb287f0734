import Foundation
import NanoCityEngine

/// Problems with a closed-form posterior, to check a calibration method against the exact
/// answer (and against pyabc, `scripts/abc-crosscheck.py`). Each simulates its sufficient
/// statistic directly, so the ABC posterior tends to the exact one as ε → 0.
public enum CalibrationTestProblem: String, Sendable, CaseIterable {
    /// θ ~ U(−10, 10); 20 observations N(θ, 1), observed mean 1.3: posterior N(1.3, 1/20)
    /// (the uniform prior truncates nothing of it).
    case gaussianMean = "gaussian-mean"
    /// θ ∈ ℝ², prior N(0, 3²) per coordinate (truncated to ±15); 10 observations N₂(θ, Σ), Σ
    /// with unit variances and correlation 0.8, observed mean (1, −0.5): posterior normal with
    /// precision I/9 + 10 Σ⁻¹ and mean (its inverse)·10 Σ⁻¹ ȳ.
    case gaussian2D = "gaussian-2d"

    public var keys: [String] {
        switch self {
        case .gaussianMean: ["theta"]
        case .gaussian2D: ["theta1", "theta2"]
        }
    }

    public var priors: [Prior] {
        switch self {
        case .gaussianMean: [.uniform(low: -10, high: 10)]
        case .gaussian2D: [.normal(mean: 0, sd: 3, low: -15, high: 15), .normal(mean: 0, sd: 3, low: -15, high: 15)]
        }
    }

    public var observed: [Double] {
        switch self {
        case .gaussianMean: [1.3]
        case .gaussian2D: [1.0, -0.5]
        }
    }

    static let n1 = 20.0, n2 = 10.0, rho = 0.8

    /// The simulated summary (the sample mean) at `theta`.
    public func simulate<G: RandomDraws>(_ theta: [Double], _ rng: inout G) -> [Double] {
        switch self {
        case .gaussianMean:
            return [theta[0] + rng.standardNormal() / Self.n1.squareRoot()]
        case .gaussian2D:
            let z1 = rng.standardNormal(), z2 = rng.standardNormal()
            let s = 1 / Self.n2.squareRoot()
            return [theta[0] + s * z1, theta[1] + s * (Self.rho * z1 + (1 - Self.rho * Self.rho).squareRoot() * z2)]
        }
    }

    /// The exact posterior's mean and covariance.
    public var posterior: (mean: [Double], covariance: [[Double]]) {
        switch self {
        case .gaussianMean:
            return ([1.3], [[1 / Self.n1]])
        case .gaussian2D:
            // Σ⁻¹ for unit variances and correlation ρ.
            let d = 1 - Self.rho * Self.rho
            let si = [[1 / d, -Self.rho / d], [-Self.rho / d, 1 / d]]
            let p = [[1 / 9 + Self.n2 * si[0][0], Self.n2 * si[0][1]], [Self.n2 * si[1][0], 1 / 9 + Self.n2 * si[1][1]]]
            let det = p[0][0] * p[1][1] - p[0][1] * p[1][0]
            let cov = [[p[1][1] / det, -p[0][1] / det], [-p[1][0] / det, p[0][0] / det]]
            let y = observed
            let b = [Self.n2 * (si[0][0] * y[0] + si[0][1] * y[1]), Self.n2 * (si[1][0] * y[0] + si[1][1] * y[1])]
            return ([cov[0][0] * b[0] + cov[0][1] * b[1], cov[1][0] * b[0] + cov[1][1] * b[1]], cov)
        }
    }
}

/// Multi-objective problems with a known Pareto front, to check NSGA-II against pymoo
/// (E. Zitzler, K. Deb, L. Thiele, "Comparison of multiobjective evolutionary algorithms:
/// empirical results", Evolutionary Computation 8 (2000) 173–195): 30 variables in [0, 1].
public enum MultiObjectiveTestProblem: String, Sendable, CaseIterable {
    /// f₁ = x₁, f₂ = g (1 − √(f₁/g)), g = 1 + 9 Σᵢ₌₂ xᵢ / 29: a convex front.
    case zdt1
    /// The same with f₂ = g (1 − (f₁/g)²): a concave front.
    case zdt2

    public static let variables = 30
    public var keys: [String] { (1...Self.variables).map { "x\($0)" } }

    public func objectives(_ x: [Double]) -> [Double] {
        let f1 = x[0]
        let g = 1 + 9 * x.dropFirst().reduce(0, +) / Double(x.count - 1)
        switch self {
        case .zdt1: return [f1, g * (1 - (f1 / g).squareRoot())]
        case .zdt2: return [f1, g * (1 - (f1 / g) * (f1 / g))]
        }
    }

    /// The hypervolume of the true front with reference (1.1, 1.1), by quadrature on f₁ ∈ [0, 1]:
    /// ∫ (1.1 − f₂*(f₁)) df₁ plus the strip 0.1 × 1.1 right of f₁ = 1.
    public var optimalHypervolume: Double {
        let n = 100_000
        var s = 0.0
        for i in 0..<n {
            let f1 = (Double(i) + 0.5) / Double(n)
            let f2 = self == .zdt1 ? 1 - f1.squareRoot() : 1 - f1 * f1
            s += (1.1 - f2) / Double(n)
        }
        return s + 0.1 * 1.1
    }
}
