/// A design named on the command line or in a sweep file (`--design`).
public enum DesignKind: String, Sendable, CaseIterable {
    case sobol
    case morris
}
