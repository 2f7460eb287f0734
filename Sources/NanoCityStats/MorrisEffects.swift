import NanoCityEngine

/// Morris screening measures from outputs laid out as `MorrisDesign`: per factor μ (mean
/// elementary effect), μ* (mean absolute effect; F. Campolongo, J. Cariboni, A. Saltelli, Environ.
/// Model. Softw. 22 (2007) 1509–1518) and σ (SD of the effects), with a bootstrap 95% interval for
/// μ* as SALib gives it (μ* ± z₀.₉₇₅ · SD of resampled μ*).
///
/// The elementary effect of the factor that changes between two consecutive rows of a trajectory
/// is (y at its higher value − y at its lower value) / Δ, with Δ in unit coordinates (SALib's
/// unscaled effects).
public struct MorrisEffects: Sendable {
    public struct Factor: Sendable, Equatable {
        public let mu: Double
        public let muStar: Double
        /// SD of the effects (n − 1); nan with fewer than 2 trajectories.
        public let sigma: Double
        public let muStarConfidence: Double
    }

    public let factors: [Factor]
    /// effects[j][t]: factor j's elementary effect in trajectory t.
    public let effects: [[Double]]

    /// - Parameters: `design` rows (unit coordinates) and one output per row; bootstrap settings.
    public init(design: MorrisDesign, outputs: [Double], resamples: Int = 1000, seed: UInt64 = 1) {
        let k = design.factors
        precondition(outputs.count == design.rows.count && resamples >= 2)
        let delta = MorrisDesign.delta(levels: design.levels)
        var effects = [[Double]](repeating: [], count: k)
        for t in 0..<design.trajectories {
            for step in 0..<k {
                let i = t * (k + 1) + step
                let before = design.rows[i], after = design.rows[i + 1]
                guard let j = (0..<k).first(where: { before[$0] != after[$0] }) else { continue }
                let up = after[j] > before[j]
                effects[j].append((up ? outputs[i + 1] - outputs[i] : outputs[i] - outputs[i + 1]) / delta)
            }
        }
        self.effects = effects
        var rng = Xoshiro256StarStar(seed: seed)
        let z = StandardNormal.z975
        factors = effects.map { ee in
            let mu = SampleSummary(ee).mean
            let abs = ee.map { Swift.abs($0) }
            let muStar = SampleSummary(abs).mean
            let sigma = SampleSummary(ee).sd ?? .nan
            var boot: [Double] = []
            for _ in 0..<resamples {
                var s = 0.0
                for _ in 0..<abs.count { s += abs[rng.below(abs.count)] }
                boot.append(s / Double(abs.count))
            }
            return Factor(mu: mu, muStar: muStar, sigma: sigma, muStarConfidence: z * (SampleSummary(boot).sd ?? 0))
        }
    }
}
