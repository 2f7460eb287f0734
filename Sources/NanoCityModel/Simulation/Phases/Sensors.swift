import NanoCityEngine

extension City {
    /// Phase 7: alerts older than their time-to-live close; zones clean their toxicity
    /// (`toxicity_cleanup`); where containment holds (city-wide, or in a zone with
    /// `containment` on) every active sensor, in list order, removes `containment.clean_rate`
    /// of the toxicity in each such cell of its radius and the reservoir gains
    /// `containment.recovery` stock per unit cleaned.
    mutating func runSensors() {
        var k = 0
        while k < alertCell.count {
            if tick - Int(alertTick[k]) >= Int(alertTTL[k]) {
                alertCell.remove(at: k); alertTick.remove(at: k); alertTTL.remove(at: k)
            } else {
                k += 1
            }
        }
        cleanZoneToxicity()
        guard params.containment.enabled || zoneContainment, params.containment.cleanRate > 0 else { return }
        let rate = Float(params.containment.cleanRate)
        var cleaned = 0.0
        for s in 0..<sensors.count where !sensors.hacked[s] {
            map.size.forEachCell(around: Int(sensors.cell[s]), radius: params.sensors.radius) { cell in
                guard containmentOn(at: cell) else { return }
                let removed = toxicity.values[cell] * rate
                toxicity.values[cell] -= removed
                cleaned += Double(removed)
            }
        }
        counters.toxicityCleaned += cleaned
        reservoir += cleaned * params.containment.recovery
    }
}
