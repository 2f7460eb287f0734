import Foundation
import Testing
@testable import NanoCityModel

/// The linear-stability predictions for the shipped short2008 world, and the model on both
/// sides of η_c.
@Suite struct Short2008TheoryTests {
    static let shipped = Short2008Theory(a0: 1.0 / 30, theta: 0.56, eta: 0.2, omega: 1.0 / 15, dt: 0.01, gamma: 0.019)

    @Test func predictionsForTheShippedWorld() {
        let t = Self.shipped
        #expect(abs(t.equilibriumB - 0.1596) < 1e-12)
        #expect(abs(t.latticeBurglarDensity - 0.0986) < 5e-5)
        // η_c = (ω/Ā)(√(3B̄/Ā) − 1)² with B̄ = 0.1596, Ā = 0.19293…
        let a = 1.0 / 30 + 0.1596
        #expect(abs(t.criticalEta - (1.0 / 15) / a * pow((3 * 0.1596 / a).squareRoot() - 1, 2)) < 1e-12)
        #expect(abs(t.criticalEta - 0.1144) < 1e-4)
        #expect(t.isStable && t.unstableWavelengths == nil && t.fastestMode.growthRate < 0)
        let c = Short2008Theory(a0: t.a0, theta: t.theta, eta: 0.03, omega: t.omega, dt: t.dt, gamma: t.gamma)
        #expect(!c.isStable)
        let band = try! #require(c.unstableWavelengths)
        #expect(abs(band.lowerBound - 18.19) < 0.01 && abs(band.upperBound - 82.45) < 0.01, "\(band)")
        let f = c.fastestMode
        #expect(abs(f.wavelength - 33.7) < 0.1 && abs(f.growthRate - 0.0398) < 1e-4)
        #expect(band.contains(f.wavelength))
        // The growth rate is an eigenvalue of the linearised system: at the band's edges it is 0.
        #expect(abs(c.growthRate(k: 2 * Double.pi / band.lowerBound)) < 1e-9)
        #expect(abs(c.growthRate(k: 2 * Double.pi / band.upperBound)) < 1e-9)
    }

    /// Started at the equilibrium, the field's spatial variance grows by orders of magnitude
    /// below η_c (an e-fold of the fastest mode every ~2,500 ticks) and stays at its noise
    /// level above it.
    @Test(arguments: [(0.03, true), (0.2, false)])
    func theModelIsUnstableExactlyBelowTheCriticalEta(eta: Double, grows: Bool) throws {
        var p = Short2008Tests.parameters(eta: eta)
        let side = 48
        let m = try MapGenerator.generate(.init(width: side, height: side, seed: 3, block: 8, centres: 1, stations: 1, hideouts: 1))
        let theory = Short2008Theory(p)
        p.crew.count = Int((theory.latticeBurglarDensity * Double(side * side)).rounded())
        var city = City(map: m, parameters: p, seed: 5)
        city.attractiveness.values = [Float](repeating: Float(theory.equilibriumB), count: m.size.count)
        // Variance of the 7×7 moving mean: the unstable wavelengths (≥ 18 cells) pass, the
        // cell-scale noise of single burglaries does not.
        func variance() -> Double {
            let b = city.attractiveness.values.map(Double.init)
            var v = [Double]()
            for y in 0..<side {
                for x in 0..<side {
                    var sum = 0.0, k = 0
                    for ny in max(0, y - 3)...min(side - 1, y + 3) { for nx in max(0, x - 3)...min(side - 1, x + 3) { sum += b[ny * side + nx]; k += 1 } }
                    v.append(sum / Double(k))
                }
            }
            let mean = v.reduce(0, +) / Double(v.count)
            return v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(v.count)
        }
        for _ in 0..<1500 { city.step() }
        let early = variance()
        for _ in 0..<8500 { city.step() }
        let late = variance()
        #expect(theory.isStable != grows)
        if grows { #expect(late > 8 * early, "variance \(early) → \(late)") } else { #expect(late < 3 * early, "variance \(early) → \(late)") }
    }
}
