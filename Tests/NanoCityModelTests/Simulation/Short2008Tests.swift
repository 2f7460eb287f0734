import Testing
@testable import NanoCityModel
import NanoCityEngine
import NanoCityTestSupport

/// The `short2008` mode reproduces the homogeneous equilibrium of Short et al. (2008):
/// B̄ = θΓ/ω and burglar density n̄ = Γδt / (1 − exp(−Āδt)), Ā = A0 + B̄.
@Suite struct Short2008Tests {
    static func parameters(eta: Double) -> WorldParameters {
        var p = TestWorlds.quiet()
        p.crew.behavior = .short2008
        p.crime.dt = 0.01
        p.crime.omega = 1.0 / 15
        p.crime.a0 = 1.0 / 30
        p.crime.theta = 0.56
        p.crime.eta = eta
        p.crew.spawnRate = 0.019
        return p
    }

    @Test func homogeneousEquilibriumHolds() throws {
        var p = Self.parameters(eta: 0.2)
        let side = 40
        let m = try MapGenerator.generate(.init(width: side, height: side, seed: 3, block: 8, centres: 1, stations: 1, hideouts: 1))
        let bBar = p.crime.theta * p.crew.spawnRate / p.crime.omega
        let aBar = p.crime.a0 + bBar
        let nBar = p.crew.spawnRate * p.crime.dt / (1 - exp(-aBar * p.crime.dt))
        let cells = Double(side * side)
        p.crew.count = Int((nBar * cells).rounded())
        var city = City(map: m, parameters: p, seed: 11)
        city.attractiveness.values = [Float](repeating: Float(bBar), count: m.size.count)
        var bSum = 0.0, nSum = 0.0, samples = 0.0
        for t in 1...4000 {
            city.step()
            if t > 1000 {
                bSum += city.attractiveness.total() / cells
                nSum += Double(city.freeCrew)
                samples += 1
            }
        }
        let bMean = bSum / samples, nMean = nSum / samples / cells
        #expect(abs(bMean - bBar) / bBar < 0.12, "mean B \(bMean) vs θΓ/ω = \(bBar)")
        #expect(abs(nMean - nBar) / nBar < 0.12, "burglar density \(nMean) vs \(nBar)")
    }

    @Test func burglarsLeaveAfterBurglingAndBurglaryRaisesB() {
        var p = Self.parameters(eta: 0)
        p.crime.dt = 1
        p.crime.a0 = 1000  // burgle with probability ≈ 1
        p.crime.omega = 0
        p.crew.spawnRate = 0
        p.crew.count = 3
        var city = TestWorlds.city(p)
        city.step()
        #expect(city.freeCrew == 0)
        #expect(city.counters.burglaries == 3)
        #expect(abs(city.attractiveness.total() - 3 * 0.56) < 1e-5)
    }
}

#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
