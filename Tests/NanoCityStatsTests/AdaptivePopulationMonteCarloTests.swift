import Foundation
import Testing
import NanoCityEngine
@testable import NanoCityStats

/// APMC against closed-form posteriors: the weighted posterior mean and covariance within a
/// few Monte-Carlo standard errors of the exact ones.
@Suite struct AdaptivePopulationMonteCarloTests {
    /// Runs APMC on `problem` to its stop; returns the last generation and the runs made.
    static func calibrate(_ problem: CalibrationTestProblem, population: Int, seed: UInt64)
        -> (AdaptivePopulationMonteCarlo.Generation, Int, [AdaptivePopulationMonteCarlo.Generation]) {
        let abc = AdaptivePopulationMonteCarlo(priors: problem.priors,
                                               settings: .init(population: population, alpha: 0.5, minAcceptance: 0.02, maxGenerations: 40),
                                               seed: seed)
        var last: AdaptivePopulationMonteCarlo.Generation? = nil
        var runs = 0, all: [AdaptivePopulationMonteCarlo.Generation] = []
        for g in 0..<40 {
            let points = abc.proposals(generation: g, after: last)
            var rng = Xoshiro256StarStar(seed: SplitMix64.derive(base: seed ^ 0xABC, index: UInt64(g)))
            let d = points.map { theta -> Double in
                let s = problem.simulate(theta, &rng)
                return zip(s, problem.observed).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
            }
            let gen = abc.update(generation: g, after: last, proposed: points, distances: d)
            runs += points.count
            all.append(gen)
            last = gen
            if abc.stop(after: gen, runs: runs) != nil { break }
        }
        return (last!, runs, all)
    }

    static func moments(_ g: AdaptivePopulationMonteCarlo.Generation) -> ([Double], [[Double]]) {
        let w = g.normalizedWeights, k = g.kept[0].theta.count
        var mean = [Double](repeating: 0, count: k)
        for (p, wi) in zip(g.kept, w) { for i in 0..<k { mean[i] += wi * p.theta[i] } }
        var cov = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        for (p, wi) in zip(g.kept, w) { for i in 0..<k { for j in 0..<k { cov[i][j] += wi * (p.theta[i] - mean[i]) * (p.theta[j] - mean[j]) } } }
        return (mean, cov)
    }

    @Test(arguments: CalibrationTestProblem.allCases)
    func posteriorMatchesTheClosedForm(_ problem: CalibrationTestProblem) {
        let (last, runs, all) = Self.calibrate(problem, population: 1000, seed: 11)
        let (mean, cov) = Self.moments(last)
        let exact = problem.posterior
        let ess = last.effectiveSampleSize
        #expect(ess > 100, "effective sample size \(ess)")
        for i in mean.indices {
            let se = (exact.covariance[i][i] / ess).squareRoot()
            #expect(abs(mean[i] - exact.mean[i]) < 5 * se, "mean[\(i)] \(mean[i]) vs \(exact.mean[i]) (SE \(se))")
            #expect(abs(cov[i][i] / exact.covariance[i][i] - 1) < 0.25, "var[\(i)] \(cov[i][i]) vs \(exact.covariance[i][i])")
        }
        if mean.count == 2 {
            let r = cov[0][1] / (cov[0][0] * cov[1][1]).squareRoot()
            let r0 = exact.covariance[0][1] / (exact.covariance[0][0] * exact.covariance[1][1]).squareRoot()
            #expect(abs(r - r0) < 0.1, "correlation \(r) vs \(r0)")
        }
        // ε never grows; generation 0 ran the population, later ones N − ⌊αN⌋.
        #expect(zip(all, all.dropFirst()).allSatisfy { $1.epsilon <= $0.epsilon })
        #expect(runs == 1000 + (all.count - 1) * 500)
    }

    @Test func sameSeedSameParticles() {
        let a = Self.calibrate(.gaussianMean, population: 200, seed: 5).0
        let b = Self.calibrate(.gaussianMean, population: 200, seed: 5).0
        let c = Self.calibrate(.gaussianMean, population: 200, seed: 6).0
        #expect(a == b && a != c)
    }

    @Test func priorsDrawInsideTheirSupportWithTheirDensity() {
        var rng = Xoshiro256StarStar(seed: 1)
        let p = Prior.normal(mean: 0, sd: 1, low: 0.5, high: 3)
        let x = (0..<20_000).map { _ in p.sample(&rng) }
        #expect(x.allSatisfy { $0 >= 0.5 && $0 <= 3 })
        // E[X | 0.5 ≤ X ≤ 3] for a standard normal: (φ(0.5) − φ(3)) / (Φ(3) − Φ(0.5)).
        let phi = { (z: Double) in exp(-z * z / 2) / (2 * Double.pi).squareRoot() }
        let expected = (phi(0.5) - phi(3)) / (StandardNormal.cdf(3) - StandardNormal.cdf(0.5))
        #expect(abs(x.reduce(0, +) / 20_000 - expected) < 0.02)
        // The density integrates to 1 on the support (trapezoids).
        let h = 2.5 / 10_000
        let mass = (0...10_000).reduce(0.0) { acc, i in acc + exp(p.logDensity(0.5 + Double(i) * h)) * (i == 0 || i == 10_000 ? 0.5 : 1) } * h
        #expect(abs(mass - 1) < 1e-4)
        let lu = Prior.logUniform(low: 0.01, high: 10)
        let massLU = (0...100_000).reduce(0.0) { acc, i in
            let t = log(0.01) + Double(i) * (log(10) - log(0.01)) / 100_000
            return acc + exp(lu.logDensity(exp(t))) * exp(t) * (i == 0 || i == 100_000 ? 0.5 : 1)
        } * (log(10) - log(0.01)) / 100_000
        #expect(abs(massLU - 1) < 1e-4)
    }
}
