import Foundation
import NanoCityEngine

/// Approximate Bayesian computation by adaptive population Monte Carlo (APMC: M. Lenormand,
/// F. Jabot, G. Deffuant, "Adaptive approximate Bayesian computation for complex models",
/// Computational Statistics 28 (2013) 2777–2796), the sequential scheme of M. A. Beaumont,
/// J.-M. Cornuet, J.-M. Marin, C. P. Robert, "Adaptive approximate Bayesian computation",
/// Biometrika 96 (2009) 983–990, with the tolerance chosen from the distances as in
/// P. Del Moral, A. Doucet, A. Jasra, Statistics and Computing 22 (2012) 1009–1020.
///
/// Every generation is one batch of simulations, known before any of it runs (so a generation
/// is one sweep, on any number of jobs or Slurm shards):
/// - generation 0 draws `population` particles from the prior;
/// - the `kept = ⌊α·population⌋` closest are kept; ε is the largest distance kept;
/// - each later generation proposes `population − kept` particles: a kept particle drawn by
///   weight, moved by a normal kernel with twice the kept particles' weighted covariance
///   (drawn again until inside the prior's support), weighted by prior / Σⱼ w̄ⱼ K(θ − θⱼ);
/// - the kept and the new are pooled and the `kept` closest kept again (ties: earlier first);
/// - the acceptance rate is the share of new particles closer than the previous ε; the run
///   stops when it falls to `minAcceptance`, ε to `minEpsilon`, or at the generation or run budget.
///
/// Random draws: generation g uses its own xoshiro256** stream, seeded by
/// `SplitMix64.derive(base: seed, index: g)`, so a generation's proposals depend only on the
/// seed and the previous generation.
public struct AdaptivePopulationMonteCarlo: Sendable {
    public struct Settings: Sendable, Equatable {
        /// Particles per generation, N ≥ 4.
        public var population: Int
        /// Share kept each generation, α in (0, 1).
        public var alpha: Double
        /// Stop when the acceptance rate is at or below this, in [0, 1).
        public var minAcceptance: Double
        /// Stop when ε is at or below this (0: never).
        public var minEpsilon: Double
        /// Most generations, generation 0 included (≥ 1).
        public var maxGenerations: Int
        /// Most simulations in all (0: no budget).
        public var maxRuns: Int

        public init(population: Int, alpha: Double = 0.5, minAcceptance: Double = 0.05, minEpsilon: Double = 0,
                    maxGenerations: Int = 10, maxRuns: Int = 0) {
            self.population = population
            self.alpha = alpha
            self.minAcceptance = minAcceptance
            self.minEpsilon = minEpsilon
            self.maxGenerations = maxGenerations
            self.maxRuns = maxRuns
        }

        public var kept: Int { max(2, Int((alpha * Double(population)).rounded(.down))) }
    }

    public struct Particle: Sendable, Equatable {
        public var theta: [Double]
        public var distance: Double
        public var weight: Double
    }

    /// What a generation leaves: the particles kept (the posterior sample after the last).
    public struct Generation: Sendable, Equatable {
        public var index: Int
        public var kept: [Particle]
        /// The largest distance kept.
        public var epsilon: Double
        /// Share of this generation's new particles closer than the previous ε (nil for generation 0).
        public var acceptance: Double?
        /// Simulations this generation ran.
        public var runs: Int
        /// Kish's effective sample size of the kept weights, (Σw)² / Σw².
        public var effectiveSampleSize: Double {
            let s = kept.reduce(0) { $0 + $1.weight }, s2 = kept.reduce(0) { $0 + $1.weight * $1.weight }
            return s2 > 0 ? s * s / s2 : 0
        }
        /// The kept weights normalised to sum to 1.
        public var normalizedWeights: [Double] {
            let s = kept.reduce(0) { $0 + $1.weight }
            return kept.map { s > 0 ? $0.weight / s : 1 / Double(kept.count) }
        }
    }

    /// Why a run stopped.
    public enum Stop: String, Sendable, Equatable {
        case acceptance = "acceptance rate at or below min_acceptance"
        case epsilon = "epsilon at or below min_epsilon"
        case generations = "generations reached"
        case budget = "max_runs reached"
    }

    public let priors: [Prior]
    public let settings: Settings
    public let seed: UInt64
    /// Most kernel draws for one proposal before it takes its parent's value (a kernel far wider
    /// than the support would otherwise loop for long).
    public static let maxKernelDraws = 1000

    public init(priors: [Prior], settings: Settings, seed: UInt64) {
        precondition(!priors.isEmpty && settings.population >= 4 && settings.alpha > 0 && settings.alpha < 1)
        self.priors = priors
        self.settings = settings
        self.seed = seed
    }

    func stream(_ generation: Int) -> Xoshiro256StarStar {
        Xoshiro256StarStar(seed: SplitMix64.derive(base: seed, index: UInt64(generation)))
    }

    /// The particles generation `g` simulates, given the generation before it (nil for g = 0).
    public func proposals(generation g: Int, after previous: Generation?) -> [[Double]] {
        var rng = stream(g)
        guard let previous, g > 0 else {
            return (0..<settings.population).map { _ in priors.map { $0.sample(&rng) } }
        }
        let kernel = Self.kernel(previous)
        let w = previous.normalizedWeights
        var cumulative: [Double] = []
        var acc = 0.0
        for x in w { acc += x; cumulative.append(acc) }
        return (0..<(settings.population - settings.kept)).map { _ in
            let u = rng.uniform() * acc
            var lo = 0, hi = cumulative.count - 1
            while lo < hi { let mid = (lo + hi) / 2; if cumulative[mid] > u { hi = mid } else { lo = mid + 1 } }
            let parent = previous.kept[lo].theta
            for _ in 0..<Self.maxKernelDraws {
                let z = priors.indices.map { _ in rng.standardNormal() }
                let theta = kernel.shift(parent, by: z)
                if zip(priors, theta).allSatisfy({ $0.contains($1) }) { return theta }
            }
            return parent
        }
    }

    /// The generation `g` makes of its proposals and their distances (same order).
    public func update(generation g: Int, after previous: Generation?, proposed: [[Double]], distances: [Double]) -> Generation {
        precondition(proposed.count == distances.count)
        let keep = settings.kept
        guard let previous, g > 0 else {
            let order = Self.closest(distances, keep)
            let kept = order.map { Particle(theta: proposed[$0], distance: distances[$0], weight: 1) }
            return Generation(index: 0, kept: kept, epsilon: kept.map(\.distance).max() ?? .infinity, acceptance: nil, runs: proposed.count)
        }
        let kernel = Self.kernel(previous)
        let w = previous.normalizedWeights
        let fresh: [Particle] = zip(proposed, distances).map { theta, d in
            let logPrior = zip(priors, theta).reduce(0) { $0 + $1.0.logDensity($1.1) }
            var mix = 0.0
            for (j, p) in previous.kept.enumerated() { mix += w[j] * kernel.density(theta, around: p.theta) }
            let weight = mix > 0 && logPrior.isFinite ? exp(logPrior) / mix : 0
            return Particle(theta: theta, distance: d, weight: weight)
        }
        let accepted = distances.filter { $0 < previous.epsilon }.count
        let pool = previous.kept + fresh
        let order = Self.closest(pool.map(\.distance), keep)
        let kept = order.map { pool[$0] }
        return Generation(index: g, kept: kept, epsilon: kept.map(\.distance).max() ?? .infinity,
                          acceptance: proposed.isEmpty ? 0 : Double(accepted) / Double(proposed.count), runs: proposed.count)
    }

    /// Whether to stop after `last`, having run `runs` simulations in all (nil: go on).
    public func stop(after last: Generation, runs: Int) -> Stop? {
        if let a = last.acceptance, a <= settings.minAcceptance { return .acceptance }
        if settings.minEpsilon > 0 && last.epsilon <= settings.minEpsilon { return .epsilon }
        if last.index + 1 >= settings.maxGenerations { return .generations }
        if settings.maxRuns > 0 && runs + (settings.population - settings.kept) > settings.maxRuns { return .budget }
        return nil
    }

    /// Indices of the `k` smallest values, ascending by value, ties by index; NaN counts as +∞.
    static func closest(_ d: [Double], _ k: Int) -> [Int] {
        let key = d.map { $0.isNaN ? Double.infinity : $0 }
        return Array(d.indices.sorted { key[$0] != key[$1] ? key[$0] < key[$1] : $0 < $1 }.prefix(k))
    }

    /// The perturbation kernel: normal, covariance twice the weighted covariance of the kept
    /// particles (Beaumont et al. 2009), with a small ridge so that a degenerate population
    /// still gives a usable kernel.
    static func kernel(_ g: Generation) -> GaussianKernel {
        let k = g.kept.first?.theta.count ?? 0
        let w = g.normalizedWeights
        var mean = [Double](repeating: 0, count: k)
        for (p, wi) in zip(g.kept, w) { for i in 0..<k { mean[i] += wi * p.theta[i] } }
        var cov = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        for (p, wi) in zip(g.kept, w) {
            for i in 0..<k { for j in 0..<k { cov[i][j] += wi * (p.theta[i] - mean[i]) * (p.theta[j] - mean[j]) } }
        }
        for i in 0..<k {
            for j in 0..<k { cov[i][j] *= 2 }
            let scale = max(abs(mean[i]), 1)
            cov[i][i] = max(cov[i][i], 1e-12 * scale * scale)
        }
        return GaussianKernel(covariance: cov)
    }
}

/// A multivariate normal kernel with a fixed covariance: draws by its Cholesky factor, and its
/// normalised density.
public struct GaussianKernel: Sendable {
    /// Lower-triangular L with L·Lᵀ = covariance.
    public let cholesky: [[Double]]

    public init(covariance: [[Double]]) {
        let k = covariance.count
        var l = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        for i in 0..<k {
            for j in 0...i {
                var s = covariance[i][j]
                for m in 0..<j { s -= l[i][m] * l[j][m] }
                if i == j { l[i][i] = s > 0 ? s.squareRoot() : 1e-12 } else { l[i][j] = s / l[j][j] }
            }
        }
        cholesky = l
    }

    /// centre + L·z.
    public func shift(_ centre: [Double], by z: [Double]) -> [Double] {
        centre.indices.map { i in centre[i] + (0...i).reduce(0) { $0 + cholesky[i][$1] * z[$1] } }
    }

    /// (2π)^(−k/2) |Σ|^(−1/2) exp(−½ (x − c)ᵀ Σ⁻¹ (x − c)), by solving L·y = x − c.
    public func density(_ x: [Double], around c: [Double]) -> Double {
        var y = [Double](repeating: 0, count: x.count)
        var q = 0.0, logDet = 0.0
        for i in x.indices { logDet += log(cholesky[i][i]) }
        for i in x.indices {
            var s = x[i] - c[i]
            for m in 0..<i { s -= cholesky[i][m] * y[m] }
            y[i] = s / cholesky[i][i]
            q += y[i] * y[i]
        }
        return exp(-0.5 * q - logDet - 0.5 * Double(x.count) * log(2 * Double.pi))
    }
}
