import NanoCityEngine

/// Checkpoint encoding of everything in a `City` that changes during a run. The map is not
/// included (the caller stores it), nor is scratch space rebuilt each tick (agent order and intents, tile
/// maxima, diffusion scratch, crew target weights, the tick's crime cells and
/// their counts, the zone guard bands), nor what the parameters determine (the zones' current levers,
/// refreshed from `params`), nor `threads` (how the
/// run executes, not what it computes).
extension City {
    /// Format of the encoded state; bump when the layout changes.
    public static let stateVersion: UInt32 = 5

    public func encodeState(_ w: inout StateWriter) {
        params.encodeState(&w)
        w.write(rng.s0); w.write(rng.s1); w.write(rng.s2); w.write(rng.s3)
        w.write(agentSeed)
        w.write(tick)
        // Not the crime cells: the next tick empties them before anything reads them.
        for f in [waste, components, toxicity, attractiveness] { w.write(array: f.values) }

        // One store per kind, in `AgentKind` order; a new kind is a compile error here.
        for kind in AgentKind.allCases {
            switch kind {
            case .recycler: recyclers.encodeColumns(&w)
            case .scavenger: scavengers.encodeColumns(&w)
            case .crew: crew.encodeColumns(&w)
            case .guard: guards.encodeColumns(&w)
            case .informant: informants.encodeColumns(&w)
            }
        }

        w.write(array: sensors.cell); w.write(array: sensors.hardened); w.write(array: sensors.hacked)
        w.write(array: sensors.coverActive); w.write(array: sensors.coverHackable); w.write(array: sensors.coverHacked)
        w.write(array: sensors.sensorAt); w.write(sensors.hackedCount)
        w.write(array: centres.queue); w.write(array: centres.components)
        crewIndex.encode(&w)
        w.write(array: guardCount)

        w.write(reservoir); w.write(crewCash); w.write(publicHealth)
        counters.encode(&w)
        w.write(UInt64(events.count))
        for e in events {
            w.write(e.tick); w.write(e.kind.rawValue); w.write(e.x); w.write(e.y); w.write(e.agent); w.write(e.amount)
        }
        w.write(array: alertCell); w.write(array: alertTick); w.write(array: alertTTL); w.write(array: crimeWindow)
        w.write(heist.active); w.write(heist.start); w.write(heist.hold); w.write(heist.lastEnd)
        w.write(nextID)
        w.write(educationLevel)
        w.write(array: tipCell); w.write(array: tipDue); w.write(array: tipAgent)
    }

    /// Restores a city on `map` from `encodeState`'s bytes; every size and cell is checked
    /// against the map, so a damaged or foreign state is an error, not a trap later.
    public init(map: CityMap, restoring r: inout StateReader) throws(StateError) {
        let params = try WorldParameters.decodeState(&r)
        self.init(map: map, parameters: params, seed: 0)
        let n = map.size.count
        rng.s0 = try r.read(); rng.s1 = try r.read(); rng.s2 = try r.read(); rng.s3 = try r.read()
        agentSeed = try r.read()
        tick = try r.readInt()
        func field() throws(StateError) -> [Float] {
            let v = try r.readFloatArray(maxCount: n)
            guard v.count == n else { throw StateError("a field has \(v.count) cells; the map has \(n)") }
            return v
        }
        waste.values = try field(); components.values = try field(); toxicity.values = try field()
        attractiveness.values = try field()
        let cells = { (a: [Int32], what: String, allowNone: Bool) throws(StateError) -> [Int32] in
            guard a.allSatisfy({ ($0 >= 0 || (allowNone && $0 == -1)) && $0 < n }) else { throw StateError("\(what): a cell outside the map") }
            return a
        }
        func same(_ counts: [Int], _ what: String) throws(StateError) {
            guard Set(counts).count <= 1 else { throw StateError("\(what): columns of different lengths") }
        }

        for kind in AgentKind.allCases {
            switch kind {
            case .recycler: recyclers = try .decodeColumns(&r, cells: n)
            case .scavenger: scavengers = try .decodeColumns(&r, cells: n)
            case .crew: crew = try .decodeColumns(&r, cells: n)
            case .guard: guards = try .decodeColumns(&r, cells: n)
            case .informant: informants = try .decodeColumns(&r, cells: n)
            }
        }
        for k in 0..<crew.count {
            let (l, h) = (crew.loot[k], crew.heistLoot[k])
            guard l.isFinite, h.isFinite, l >= 0, h >= 0, h <= l else {
                throw StateError("crew: member \(k) carries loot \(l) of which heist loot \(h); both must be finite, ≥ 0, heist loot ≤ loot")
            }
        }

        sensors.cell = try cells(try r.readArray(maxCount: n), "sensors", false)
        sensors.hardened = try r.readBoolArray(maxCount: n); sensors.hacked = try r.readBoolArray(maxCount: n)
        sensors.coverActive = try r.readArray(maxCount: n); sensors.coverHackable = try r.readArray(maxCount: n)
        sensors.coverHacked = try r.readArray(maxCount: n); sensors.sensorAt = try r.readArray(maxCount: n)
        sensors.hackedCount = try r.readInt()
        try same([sensors.cell.count, sensors.hardened.count, sensors.hacked.count], "sensors")
        try same([n, sensors.coverActive.count, sensors.coverHackable.count, sensors.coverHacked.count, sensors.sensorAt.count], "sensor coverage")
        guard sensors.sensorAt.allSatisfy({ $0 >= -1 && Int($0) < sensors.count }) else { throw StateError("sensors: bad index") }
        centres.queue = try r.readDoubleArray(maxCount: map.centres.count)
        centres.components = try r.readDoubleArray(maxCount: map.centres.count)
        try same([map.centres.count, centres.queue.count, centres.components.count], "centres")
        crewIndex = try CellIndex(decoding: &r, cells: n)
        guard crewIndex.next.count >= crew.count else { throw StateError("crew index smaller than the crew") }
        // Free members stand in the index at their cell; jailed, departed and unused slots do not.
        for k in 0..<crewIndex.cell.count {
            let expected: Int32 = k < crew.count && crew.isFree(k) ? crew.cell[k] : -1
            guard crewIndex.cell[k] == expected else {
                throw StateError("crew index: member \(k) is \(crewIndex.cell[k] < 0 ? "missing from" : "misplaced in") the index")
            }
        }
        guardCount = try r.readArray(maxCount: n)
        guard guardCount.count == n else { throw StateError("guard counts: wrong size") }

        reservoir = try r.readDouble(); crewCash = try r.readDouble(); publicHealth = try r.readDouble()
        counters = try TickCounters(decoding: &r)
        let eventCount: UInt64 = try r.read()
        guard eventCount <= UInt64(r.remaining / 29) else { throw StateError("event count exceeds the state's size") }
        events = []
        for _ in 0..<Int(eventCount) {
            let t: Int32 = try r.read()
            let raw = try r.readString(maxBytes: 64)
            guard let kind = EventKind(rawValue: raw) else { throw StateError("unknown event kind '\(raw)'") }
            events.append(Event(tick: t, kind: kind, x: try r.read(), y: try r.read(), agent: try r.read(), amount: try r.readDouble()))
        }
        alertCell = try cells(try r.readArray(), "alerts", false); alertTick = try r.readArray(); alertTTL = try r.readArray()
        try same([alertCell.count, alertTick.count, alertTTL.count], "alerts")
        crimeWindow = try r.readArray(maxCount: 100_000)
        guard crimeWindow.count == max(1, params.guards.recruitWindow) else { throw StateError("crime window: wrong length") }
        heist.active = try r.readBool(); heist.start = try r.readInt(); heist.hold = try r.readInt(); heist.lastEnd = try r.readInt()
        nextID = try r.read()
        educationLevel = try r.readDouble()
        guard (0...1).contains(educationLevel) else { throw StateError("education level \(educationLevel) is outside 0…1") }
        tipCell = try cells(try r.readArray(), "tips", false); tipDue = try r.readArray(); tipAgent = try r.readArray()
        try same([tipCell.count, tipDue.count, tipAgent.count], "tips")
        if let problem = restoredStateProblem() { throw StateError("holds a state no run can reach: " + problem) }
    }
}

extension TickCounters {
    func encode(_ w: inout StateWriter) {
        w.write(delivered); w.write(recycled); w.write(thefts); w.write(stolen); w.write(dumps); w.write(dumpsDetected)
        w.write(arrests); w.write(alerts); w.write(hacks); w.write(heistAttempts); w.write(heistLosses); w.write(salesLegal)
        w.write(salesBlack); w.write(guardsRecruited); w.write(crewRecruited); w.write(recyclersRecruited); w.write(toxicityCleaned)
        w.write(littered); w.write(burglaries); w.write(heistReturned); w.write(tips); w.write(informantsSilenced)
    }

    init(decoding r: inout StateReader) throws(StateError) {
        self.init()
        delivered = try r.readDouble(); recycled = try r.readDouble(); thefts = try r.readInt(); stolen = try r.readDouble()
        dumps = try r.readInt(); dumpsDetected = try r.readInt(); arrests = try r.readInt(); alerts = try r.readInt()
        hacks = try r.readInt(); heistAttempts = try r.readInt(); heistLosses = try r.readDouble(); salesLegal = try r.readDouble()
        salesBlack = try r.readDouble(); guardsRecruited = try r.readInt(); crewRecruited = try r.readInt()
        recyclersRecruited = try r.readInt(); toxicityCleaned = try r.readDouble()
        littered = try r.readDouble(); burglaries = try r.readInt(); heistReturned = try r.readDouble()
        tips = try r.readInt(); informantsSilenced = try r.readInt()
    }
}

extension WorldParameters {
    /// Every parameter as (key, value) (the catalog's, then the zones' levers), then the
    /// schedule, then the zone declarations.
    public func encodeState(_ w: inout StateWriter) {
        ParameterSpec.encode(ParameterCatalog.all(for: self), of: self, to: &w)
        w.write(UInt64(schedule.count))
        for entry in schedule {
            w.write(entry.tick)
            w.write(UInt64(entry.changes.count))
            for c in entry.changes { w.write(c.key); c.value.encode(&w) }
        }
        w.write(UInt64(zones.count))
        for z in zones { z.encode(&w) }
    }

    /// Reads `encodeState`'s bytes; every value is checked against the catalog's type and range.
    public static func decodeState(_ r: inout StateReader) throws(StateError) -> WorldParameters {
        var p = try ParameterSpec.decode(into: WorldParameters(), from: &r, spec: ParameterCatalog.spec(for:))
        func value(_ key: String) throws(StateError) -> (ParameterSpec, ParameterValue) {
            guard let spec = ParameterCatalog.spec(for: key) else { throw StateError("unknown parameter '\(key)'") }
            return (spec, try spec.decodeValue(&r))
        }
        let entries: UInt64 = try r.read()
        guard entries <= UInt64(r.remaining / 16) else { throw StateError("schedule longer than the state") }
        p.schedule = []
        for _ in 0..<Int(entries) {
            let tick = try r.readInt()
            let n: UInt64 = try r.read()
            guard n <= 10_000 else { throw StateError("schedule entry with \(n) changes") }
            var changes: [(key: String, value: ParameterValue)] = []
            for _ in 0..<Int(n) {
                let (spec, v) = try value(try r.readString(maxBytes: 256))
                changes.append((spec.key, v))
            }
            p.schedule.append(ScheduleEntry(tick: tick, changes: changes))
        }
        let zones: UInt64 = try r.read()
        guard zones <= UInt64(ZoneDeclaration.maxZones) else { throw StateError("\(zones) zones") }
        p.zones = []
        for _ in 0..<Int(zones) { p.zones.append(try ZoneDeclaration(decoding: &r)) }
        return p
    }
}

extension SettingSpec {
    /// Writes every setting of `specs` as (key, value), preceded by their count.
    public static func encode(_ specs: [SettingSpec], of root: Root, to w: inout StateWriter) {
        w.write(UInt64(specs.count))
        for spec in specs {
            w.write(spec.key)
            spec.value(in: root).encode(&w)
        }
    }

    /// Reads `encode`'s bytes into `root`; every key must be known to `spec` and every value
    /// pass its type and range check.
    public static func decode(into root: Root, from r: inout StateReader,
                              spec: (String) -> SettingSpec?) throws(StateError) -> Root {
        var root = root
        let count: UInt64 = try r.read()
        guard count <= 10_000 else { throw StateError("\(count) parameters") }
        for _ in 0..<Int(count) {
            let key = try r.readString(maxBytes: 256)
            guard let s = spec(key) else { throw StateError("unknown parameter '\(key)'") }
            s.apply(try s.decodeValue(&r), to: &root)
        }
        return root
    }

    /// Reads one encoded value and checks it against this setting's type and range.
    public func decodeValue(_ r: inout StateReader) throws(StateError) -> ParameterValue {
        switch coerce(try ParameterValue(decoding: &r)) {
        case .success(let v): return v
        case .failure(let e): throw StateError(e.description)
        }
    }
}

extension ParameterValue {
    public func encode(_ w: inout StateWriter) {
        switch self {
        case .int(let v): w.write(UInt8(0)); w.write(v)
        case .double(let v): w.write(UInt8(1)); w.write(v)
        case .bool(let v): w.write(UInt8(2)); w.write(v)
        case .string(let v): w.write(UInt8(3)); w.write(v)
        }
    }

    public init(decoding r: inout StateReader) throws(StateError) {
        let tag: UInt8 = try r.read()
        switch tag {
        case 0: self = .int(try r.readInt())
        case 1: self = .double(try r.readDouble())
        case 2: self = .bool(try r.readBool())
        case 3: self = .string(try r.readString())
        default: throw StateError("unknown parameter value tag \(tag)")
        }
    }
}
