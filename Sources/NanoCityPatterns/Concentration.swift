/// How concentrated incidents are over places (the law of crime concentration, Weisburd
/// 2015): every cell of the grid is a place, including those without incidents.
public struct Concentration: Sendable, Equatable {
    /// Incidents and places counted.
    public let incidents: Double
    public let places: Int
    /// Places with at least one incident.
    public let placesWithIncidents: Int
    /// Smallest share of places (0…1), taken from the most to the least affected, that holds at
    /// least 25% / 50% of incidents — Weisburd's "50% of crime at 2.1–6.0% of street segments".
    public let share25: Double
    public let share50: Double
    /// Gini coefficient over all places: Σᵢ (2i − n − 1) xᵢ / (n Σ x) with x ascending (0…1).
    public let gini: Double
    /// Bernasco & Steenbeek's (2017) generalised Gini for sparse counts: compared with maximal
    /// equality given the data (each incident at its own place when incidents < places),
    /// G′ = 1 − (n/N)(1 − G); equal to G when there are at least as many incidents as places.
    public let generalisedGini: Double

    public init(_ grid: CountGrid) {
        let ascending = grid.counts.sorted()
        let n = ascending.count
        let total = ascending.reduce(0, +)
        incidents = total
        places = n
        placesWithIncidents = ascending.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
        func share(_ q: Double) -> Double {
            guard total > 0 else { return 0 }
            var sum = 0.0, k = 0
            for v in ascending.reversed() {
                sum += v
                k += 1
                if sum >= q * total { break }
            }
            return Double(k) / Double(n)
        }
        share25 = share(0.25)
        share50 = share(0.5)
        var weighted = 0.0
        for (i, v) in ascending.enumerated() { weighted += Double(2 * (i + 1) - n - 1) * v }
        let g = total > 0 ? weighted / (Double(n) * total) : 0
        gini = g
        generalisedGini = total > 0 && total < Double(n) ? max(0, 1 - Double(n) / total * (1 - g)) : g
    }

    /// The Lorenz curve: share of incidents (0…1) held by the least affected `placeShare` of
    /// places, at `points` evenly spaced place shares 0, 1/(points−1), …, 1, interpolated
    /// linearly between places.
    public static func lorenz(_ grid: CountGrid, points: Int = 1001) -> [(placeShare: Double, incidentShare: Double)] {
        let ascending = grid.counts.sorted()
        let n = ascending.count
        let total = ascending.reduce(0, +)
        var cumulative = [0.0]
        cumulative.reserveCapacity(n + 1)
        for v in ascending { cumulative.append(cumulative[cumulative.count - 1] + v) }
        return (0..<points).map { k in
            let p = Double(k) / Double(points - 1)
            let pos = p * Double(n)
            let i = min(n - 1, Int(pos.rounded(.down)))
            let frac = pos - Double(i)
            let c = cumulative[i] + frac * (cumulative[i + 1] - cumulative[i])
            return (p, total > 0 ? min(1, c / total) : 0)
        }
    }
}
