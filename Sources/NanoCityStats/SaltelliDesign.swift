/// Saltelli's sampling scheme for first-order and total Sobol' indices, laid out as SALib's
/// `sobol.sample(problem, N, calc_second_order=False)`: for each base sample i, the rows
/// A_i, AB_{i,1} … AB_{i,k}, B_i, so N·(k + 2) rows in all.
///
/// A and B are the first and last k coordinates of point i of a 2k-dimensional Sobol' sequence
/// (unscrambled, starting at point `skip`); AB_j is A with column j taken from B.
public struct SaltelliDesign: Sendable {
    public let factors: Int
    public let baseSamples: Int
    /// Rows in unit coordinates, N·(k + 2) of them, each with k values in [0, 1).
    public let rows: [[Double]]

    /// - Parameters: factors k ≥ 1 with 2k ≤ `SobolSequence.maxDimensions`; baseSamples N ≥ 2.
    public init(factors k: Int, baseSamples n: Int, skip: Int = 0) {
        precondition(k >= 1 && 2 * k <= SobolSequence.maxDimensions && n >= 2 && skip >= 0)
        factors = k
        baseSamples = n
        let sequence = SobolSequence(dimensions: 2 * k)
        var rows: [[Double]] = []
        rows.reserveCapacity(n * (k + 2))
        for i in 0..<n {
            let p = sequence.point(UInt32(truncatingIfNeeded: i + skip))
            let a = Array(p[0..<k]), b = Array(p[k...])
            rows.append(a)
            for j in 0..<k {
                var ab = a
                ab[j] = b[j]
                rows.append(ab)
            }
            rows.append(b)
        }
        self.rows = rows
    }

    /// Rows per base sample (k + 2).
    public var blockSize: Int { factors + 2 }
}
