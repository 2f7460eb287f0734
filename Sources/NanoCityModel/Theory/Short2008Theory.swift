import Foundation

/// What the continuum limit of the Short et al. (2008) burglary model predicts for a world's
/// parameters: the homogeneous equilibrium, whether it is stable (η against η_c), the band of
/// unstable wavelengths, the fastest-growing one and its growth rate, and the conserved
/// burglary rate. Derived in docs/short2008-theory.md from the model NanoCity runs (its
/// lattice Laplacian, reflecting edges ignored); times are in the model's time unit (δt per
/// tick), lengths in lattice cells.
public struct Short2008Theory: Sendable, Equatable {
    public let a0: Double, theta: Double, eta: Double, omega: Double, dt: Double, gamma: Double

    /// B̄ = θΓ/ω, Ā = A0 + B̄.
    public var equilibriumB: Double { theta * gamma / omega }
    public var equilibriumA: Double { a0 + equilibriumB }
    /// Burglars per cell: Γ/Ā in the continuum, Γδt / (1 − e^{−Āδt}) on the lattice (a burglar
    /// burgles with probability 1 − e^{−Aδt} per tick).
    public var burglarDensity: Double { gamma / equilibriumA }
    public var latticeBurglarDensity: Double { gamma * dt / (1 - exp(-equilibriumA * dt)) }
    /// Burglaries per cell per unit time, Γ at equilibrium — and on average at any state, since
    /// every burglar generated burgles once and leaves.
    public var burglaryRate: Double { gamma }

    /// Diffusion coefficients (cells²/time): the field's η/(4δt) and the burglars' 1/(4δt).
    var burglarDiffusion: Double { 1 / (4 * dt) }
    var fieldDiffusion: Double { eta * burglarDiffusion }

    /// η below which the equilibrium is unstable: η_c = (ω/Ā)(√(3B̄/Ā) − 1)²; 0 (never
    /// unstable) when 3B̄ ≤ Ā, i.e. 2B̄ ≤ A0.
    public var criticalEta: Double {
        let r = (3 * equilibriumB / equilibriumA).squareRoot() - 1
        return r > 0 ? omega / equilibriumA * r * r : 0
    }

    public var isStable: Bool { eta >= criticalEta }

    public init(a0: Double, theta: Double, eta: Double, omega: Double, dt: Double, gamma: Double) {
        (self.a0, self.theta, self.eta, self.omega, self.dt, self.gamma) = (a0, theta, eta, omega, dt, gamma)
    }

    public init(_ p: WorldParameters) {
        self.init(a0: p.crime.a0, theta: p.crime.theta, eta: p.crime.eta, omega: p.crime.omega, dt: p.crime.dt, gamma: p.crew.spawnRate)
    }

    /// The lattice Laplacian's eigenvalue (negated) for wave number k (radians per cell) along an
    /// axis: 2(1 − cos k), ≈ k² for long waves.
    static func q(_ k: Double) -> Double { 2 * (1 - cos(k)) }

    /// det and trace of the linearised system at Laplacian eigenvalue q.
    func determinant(_ q: Double) -> Double {
        let (b, a) = (equilibriumB, equilibriumA), (dB, dn) = (fieldDiffusion, burglarDiffusion)
        return dB * dn * q * q + q * (dB * a + omega * dn / a * (a0 - 2 * b)) + omega * a
    }

    func trace(_ q: Double) -> Double {
        -(fieldDiffusion + burglarDiffusion) * q - omega * a0 / equilibriumA - equilibriumA
    }

    /// The larger growth rate (1/time) of a perturbation of wave number k (radians per cell).
    public func growthRate(k: Double) -> Double {
        let (t, d) = (trace(Self.q(k)), determinant(Self.q(k)))
        let disc = t * t - 4 * d
        return disc >= 0 ? (t + disc.squareRoot()) / 2 : t / 2
    }

    /// The fastest-growing mode on the lattice (0 < k ≤ π): its wave number, wavelength 2π/k
    /// (cells) and growth rate (1/time; negative when the equilibrium is stable).
    public var fastestMode: (k: Double, wavelength: Double, growthRate: Double) {
        var best = (k: Double.pi, rate: growthRate(k: Double.pi))
        let steps = 4096
        for i in 1...steps {
            let k = Double.pi * Double(i) / Double(steps)
            let r = growthRate(k: k)
            if r > best.rate { best = (k, r) }
        }
        // Golden-section refinement within one grid step either side.
        var lo = max(1e-9, best.k - Double.pi / Double(steps)), hi = min(Double.pi, best.k + Double.pi / Double(steps))
        let g = (5.0.squareRoot() - 1) / 2
        for _ in 0..<80 {
            let (m1, m2) = (hi - g * (hi - lo), lo + g * (hi - lo))
            if growthRate(k: m1) < growthRate(k: m2) { lo = m1 } else { hi = m2 }
        }
        let k = (lo + hi) / 2
        return (k, 2 * Double.pi / k, growthRate(k: k))
    }

    /// Wavelengths (cells) whose perturbations grow: between the two roots of det(q) = 0 that
    /// the lattice can hold; nil when the equilibrium is stable.
    public var unstableWavelengths: ClosedRange<Double>? {
        let (b, a) = (equilibriumB, equilibriumA), (dB, dn) = (fieldDiffusion, burglarDiffusion)
        let qa = dB * dn, qb = dB * a + omega * dn / a * (a0 - 2 * b), qc = omega * a
        guard qb < 0 else { return nil }
        // η = 0: no field diffusion, det is linear in q and every mode above its root grows.
        let q1: Double, q2: Double
        if qa == 0 {
            (q1, q2) = (-qc / qb, 4)
        } else {
            let disc = qb * qb - 4 * qa * qc
            guard disc > 0 else { return nil }
            // The form without cancellation for the small root (tiny η makes qa tiny).
            let big = -qb + disc.squareRoot()
            (q1, q2) = (2 * qc / big, min(4, big / (2 * qa)))
        }
        guard q1 < q2, q1 < 4 else { return nil }
        func wavelength(_ q: Double) -> Double { 2 * Double.pi / acos(1 - q / 2) }
        return wavelength(q2)...wavelength(q1)
    }
}
