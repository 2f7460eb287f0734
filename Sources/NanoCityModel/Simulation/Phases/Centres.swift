// Tick phase 6, centres (the order: `TickPhase`, Tick.swift).
extension City {
    /// Each centre processes up to `centres.process_rate` of its queue into reservoir stock
    /// (times `centres.efficiency`) and ships `centres.component_transfer` of its components to the Heart.
    mutating func processCentres() {
        for k in 0..<centres.queue.count {
            let done = min(centres.queue[k], params.centres.processRate)
            centres.queue[k] -= done
            counters.recycled += done
            reservoir += done * params.centres.efficiency
            let shipped = centres.components[k] * params.centres.componentTransfer
            centres.components[k] -= shipped
            reservoir += shipped
        }
    }
}
