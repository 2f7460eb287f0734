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
