// Tick phase 11, education (the order: `TickPhase`, Tick.swift).
extension City {
    /// Workshops raise the level by `workshop_gain × public health`; the level decays by
    /// `education.decay` per tick; new recyclers join at expected rate
    /// `recruit_rate × level × public health` per tick (up to `recyclers.max`).
    mutating func runEducation() {
        let e = params.education
        if e.workshopEvery > 0 && tick % e.workshopEvery == 0 {
            educationLevel = min(1, educationLevel + e.workshopGain * publicHealth)
            emit(.workshop, cell: -1, amount: educationLevel)
        }
        educationLevel *= (1 - e.decay)
        let expected = e.recruitRate * educationLevel * publicHealth
        // At most the room left under recyclers.max: an in-range rate of 10¹² must cost no
        // more than filling the city (it looped 10¹¹ times a tick). The fractional draw is
        // made whatever the room, as it always was, so outputs are unchanged.
        let room = max(0, params.recyclers.max - recyclers.count)
        let whole = expected.isFinite && expected > 0 ? expected.rounded(.down) : 0
        var n = whole >= Double(room) ? room : Int(whole)
        if rng.chance(expected.isFinite ? expected - whole : 0) && n < room { n += 1 }
        let homes = map.residential.isEmpty ? map.streets : map.residential
        for _ in 0..<n where recyclers.count < params.recyclers.max {
            let home = pick(homes)
            let id = newID()
            recyclers.append(id: id, cell: home, home: home)
            counters.recyclersRecruited += 1
            emit(.recyclerJoin, cell: Int(home), agent: id)
        }
    }
}
