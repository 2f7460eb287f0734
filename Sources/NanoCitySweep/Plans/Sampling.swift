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
    public var isSampled: Bool { self == .latinHypercube || self == .sobol || self == .morris || self == .designFile }
    /// Designs `nanocity analyze` computes sensitivity indices for.
    public var hasIndices: Bool { self == .sobol || self == .morris }
}
