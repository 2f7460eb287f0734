/// Pseudo p-values from a permutation null, and the False Discovery Rate over many of them.
public enum PermutationPValue {
    /// The one-sided pseudo p-value in the tail the observed statistic lies in:
    /// (1 + m) / (N + 1), m the number of the N permuted statistics at or above the observed one,
    /// or at or below it when that is fewer. Ties count for the observed value on both sides —
    /// PySAL's `esda` counts them only upwards, which makes a cell with the smallest possible
    /// sum (an empty neighbourhood in sparse data) a "significant" cold spot.
    public static func folded(atOrAbove: Int, atOrBelow: Int, permutations: Int) -> Double {
        Double(min(atOrAbove, atOrBelow) + 1) / Double(permutations + 1)
    }

    /// Benjamini & Hochberg's (1995) step-up threshold at level `q`: the largest p₍ₖ₎ with
    /// p₍ₖ₎ ≤ k q / m; every p at or below it is a discovery. Nil when there is none.
    public static func falseDiscoveryThreshold(_ p: [Double], q: Double) -> Double? {
        let sorted = p.filter { !$0.isNaN }.sorted()
        let m = Double(sorted.count)
        var threshold: Double?
        for (k, v) in sorted.enumerated() where v <= Double(k + 1) * q / m { threshold = v }
        return threshold
    }
}
