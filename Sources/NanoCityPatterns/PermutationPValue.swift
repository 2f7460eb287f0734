/// Pseudo p-values from a permutation null, and the False Discovery Rate over many of them.
public enum PermutationPValue {
    /// The folded one-sided pseudo p-value of PySAL's `esda`: (1 + m) / (N + 1), where m is the
    /// number of the N permuted statistics at or above the observed one, or at or below it when
    /// fewer lie that side — the tail the observed value is in.
    public static func folded(atOrAbove: Int, permutations: Int) -> Double {
        let m = min(atOrAbove, permutations - atOrAbove)
        return Double(m + 1) / Double(permutations + 1)
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
