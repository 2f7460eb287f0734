// Tick phase 10, health (the order: `TickPhase`, Tick.swift).
extension City {
    /// Public health = exp(−T̄ / health.toxicity_scale), T̄ the mean toxicity over residential
    /// cells (over all cells when the map has none).
    func computePublicHealth() -> Double {
        let cells = map.residential
        var sum = 0.0
        if cells.isEmpty {
            sum = toxicity.total()
            return expD(-(sum / Double(map.size.count)) / params.health.toxicityScale)
        }
        toxicity.values.withUnsafeBufferPointer { t in
            for c in cells { sum += Double(t[Int(c)]) }
        }
        return expD(-(sum / Double(cells.count)) / params.health.toxicityScale)
    }
}
