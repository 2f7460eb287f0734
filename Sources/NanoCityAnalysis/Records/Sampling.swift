import NanoCityEngine

/// How a sweep's points were chosen, as `sweep.json`'s `sampling` names it: one enum from the
/// plan that writes it to every analysis that reads it (no string is compared anywhere else).
public enum Sampling: String, Sendable, CaseIterable, Decodable {
    case grid
    case latinHypercube = "latin-hypercube"
    case sobol = "sobol-saltelli"
    case morris
    case designFile = "design-file"
    /// A policy fork: the points are arms branched from one burned-in state.
    case fork

    /// Points sample a space (no two share the other levers' values): charts show clouds.
    public var isSampled: Bool {
        switch self {
        case .latinHypercube, .sobol, .morris, .designFile: true
        case .grid, .fork: false
        }
    }
    /// Designs `nanocity analyze` computes sensitivity indices for.
    public var hasIndices: Bool {
        switch self {
        case .sobol, .morris: true
        case .grid, .latinHypercube, .designFile, .fork: false
        }
    }

    /// Largest base sample count (Sobol') and trajectory count (Morris) accepted.
    public static let maxSamples = 1 << 22

    /// The seed of the design's own random stream (LHS, Morris): index 2⁶⁴−1 of the base seed,
    /// never a run index — so `analyze` rebuilds the design a sweep ran.
    public static func designSeed(base: UInt64) -> UInt64 { SplitMix64.derive(base: base, index: UInt64.max) }
}
