import ArgumentParser
import Foundation
import NanoCityIO
import NanoCityModel

struct TheoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "theory",
        abstract: "What the continuum limit of the Short et al. (2008) model predicts for a short2008 world: equilibrium, stability, hotspot wavelengths, burglary rate.",
        discussion: "Derivation and its assumptions: docs/short2008-theory.md."
    )

    @Argument(help: "A world with crew.behavior = \"short2008\" (e.g. worlds/short2008.toml).")
    var world: String

    @OptionGroup var overrides: OverrideOptions

    func run() throws {
        let w = try loadWorld(path: world, overrides: overrides.assignments)
        let p = w.parameters
        guard p.crew.behavior == .short2008 else {
            printError("error: \(world): crew.behavior is \"\(p.crew.behavior.rawValue)\"; the theory is of the Short et al. (2008) burglars (crew.behavior = \"short2008\")")
            throw ExitCodes.badInput
        }
        let t = Short2008Theory(p)
        // Degenerate parameters have no equilibrium to linearise about: said, not printed as inf.
        let degenerate: String? = p.crime.omega <= 0 ? "crime.omega = 0: B only grows (no decay), there is no equilibrium"
            : p.crew.spawnRate <= 0 ? "crew.spawn_rate = 0: no burglars are generated, the equilibrium is empty"
            : t.equilibriumA <= 0 ? "Ā = A0 + θΓ/ω = 0: nothing is ever burgled" : nil
        if let degenerate {
            printError("error: \(world): \(degenerate); the theory needs ω > 0, Γ > 0 and A0 + θΓ/ω > 0")
            throw ExitCodes.badInput
        }
        let cells = Double(p.map.width * p.map.height)
        func n(_ v: Double) -> String { PatternSummary.n(v, 4) }
        var lines = [
            "Short et al. (2008), continuum limit on the lattice, for \(world)"
                + " (η = \(n(p.crime.eta)), θ = \(n(p.crime.theta)), Γ = \(n(p.crew.spawnRate)), ω = \(n(p.crime.omega)), A0 = \(n(p.crime.a0)), δt = \(n(p.crime.dt)) per tick):",
            "  equilibrium            B̄ = θΓ/ω = \(n(t.equilibriumB)), Ā = A0 + B̄ = \(n(t.equilibriumA))",
            "  burglars per cell      n̄ = Γ/Ā = \(n(t.burglarDensity)) (lattice Γδt/(1 − e^{−Āδt}) = \(n(t.latticeBurglarDensity)); \(n(t.latticeBurglarDensity * cells)) on the \(p.map.width)×\(p.map.height) lattice)",
            "  burglary rate          Γ = \(n(t.burglaryRate)) per cell per unit time = \(n(t.burglaryRate * p.crime.dt * cells)) per tick on the lattice",
            "  critical η             η_c = (ω/Ā)(√(3B̄/Ā) − 1)² = \(n(t.criticalEta)): " + (t.isStable ? "η ≥ η_c, the equilibrium is stable (no hotspots)" : "η < η_c, the equilibrium is unstable (hotspots form)"),
        ]
        let f = t.fastestMode
        if let band = t.unstableWavelengths {
            lines.append("  unstable wavelengths   \(n(band.lowerBound))–\(n(band.upperBound)) cells (\(n(band.lowerBound * p.scale.metresPerCell))–\(n(band.upperBound * p.scale.metresPerCell)) m)")
            lines.append("  fastest-growing mode   wavelength \(n(f.wavelength)) cells (\(n(f.wavelength * p.scale.metresPerCell)) m), growth rate \(n(f.growthRate)) per unit time: an e-fold every \(n(1 / f.growthRate / p.crime.dt)) ticks")
            lines.append("  note: the hotspot lattice that finally settles can have another spacing inside the unstable band (coarsening); compare `nanocity patterns` wavelength_m")
            if f.growthRate / p.crime.omega < 0.1 || p.crime.eta > 0.8 * t.criticalEta {
                lines.append("  warning: η is near η_c, where growth is very slow (\(n(1 / f.growthRate / p.crime.dt)) ticks per e-fold); hotspots may take far longer than a run to appear")
            }
        } else {
            let side = Double(max(p.map.width, p.map.height))
            lines.append("  slowest-decaying mode  " + (f.wavelength > side ? "waves longer than the lattice" : "wavelength \(n(f.wavelength)) cells")
                         + ", rate \(n(f.growthRate)) per unit time (all perturbations decay)")
            if t.criticalEta > 0 && p.crime.eta < 1.25 * t.criticalEta {
                lines.append("  warning: η is near η_c, where perturbations decay very slowly; a run may show transient patterns")
            }
        }
        if p.crime.moveBias != 1 {
            lines.append("  warning: crime.move_bias = \(n(p.crime.moveBias)); the theory assumes moves ∝ A (1), so its stability figures do not hold")
        }
        print(lines.joined(separator: "\n"))
    }
}
