/// Up to 8 options with weights, chosen with probability proportional to weight (or
/// uniformly): the neighbour choices of the tick loop, held inline (no heap allocation).
public struct WeightedChoice {
    @usableFromInline var options: (Int, Int, Int, Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0, 0, 0, 0)
    @usableFromInline var weights: (Double, Double, Double, Double, Double, Double, Double, Double) = (0, 0, 0, 0, 0, 0, 0, 0)
    @usableFromInline var storedCount = 0
    @usableFromInline var storedTotal = 0.0
    /// Options added so far.
    @inlinable public var count: Int { storedCount }
    /// Sum of the weights.
    @inlinable public var total: Double { storedTotal }

    @inlinable public init() {}

    /// Adds an option (at most 8).
    @inlinable public mutating func add(_ option: Int, weight: Double) {
        let k = storedCount
        precondition(k < 8, "WeightedChoice holds at most 8 options")
        withUnsafeMutableBytes(of: &options) { $0.bindMemory(to: Int.self)[k] = option }
        withUnsafeMutableBytes(of: &weights) { $0.bindMemory(to: Double.self)[k] = weight }
        storedCount += 1
        storedTotal += weight
    }

    /// One option uniformly at random, weights ignored: one `below(count)` draw.
    @inlinable public mutating func pickUniform<R: RandomDraws>(_ rng: inout R) -> Int {
        let k = rng.below(storedCount)
        return withUnsafeBytes(of: &options) { $0.bindMemory(to: Int.self)[k] }
    }

    /// One draw: u = uniform × total; the first option whose cumulative weight exceeds u
    /// (the last option if rounding leaves u unspent). Needs at least one option.
    @inlinable public mutating func pick<R: RandomDraws>(_ rng: inout R) -> Int {
        var u = rng.uniform() * total
        let n = storedCount
        let k: Int = withUnsafeBytes(of: &weights) { raw in
            let w = raw.bindMemory(to: Double.self)
            for j in 0..<n {
                u -= w[j]
                if u < 0 { return j }
            }
            return n - 1
        }
        return withUnsafeBytes(of: &options) { $0.bindMemory(to: Int.self)[k] }
    }
}
