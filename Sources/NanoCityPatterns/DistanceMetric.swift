/// How the distance between two incidents is measured (metres).
public enum DistanceMetric: String, Sendable, CaseIterable {
    /// Straight-line distance √(Δx² + Δy²).
    case euclidean
    /// City-block distance |Δx| + |Δy| (the Near Repeat Calculator's "Manhattan").
    case manhattan

    @inlinable public func distance(_ dx: Double, _ dy: Double) -> Double {
        switch self {
        case .euclidean: (dx * dx + dy * dy).squareRoot()
        case .manhattan: abs(dx) + abs(dy)
        }
    }
}
