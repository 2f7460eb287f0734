// Tick phase 13, cleanup (the order: `TickPhase`, Tick.swift).
extension City {
    /// Removes departed crew, keeping the per-cell index consistent.
    mutating func compactCrew() {
        var k = 0
        while k < crew.count {
            if crew.state[k] == CrewStore.State.gone.rawValue {
                let last = crew.count - 1
                if k != last {
                    let lastOnGrid = crewIndex.cell[last] >= 0
                    let lastCell = Int(crewIndex.cell[last])
                    if lastOnGrid { crewIndex.remove(last) }
                    crew.swapRemove(k)
                    if lastOnGrid { crewIndex.insert(k, at: lastCell) }
                } else {
                    crew.swapRemove(k)
                }
            } else {
                k += 1
            }
        }
    }
}
