import NanoCityEngine

/// The whole simulated world at one tick: map, fields, agents and counters.
///
/// `City` is a value: copying it forks the world. It performs no I/O; recorders read its
/// state after each tick. Create with `init(map:parameters:seed:)`, then call `step()`.
public struct City: Sendable {
    /// Version of the model's rules: it changes whenever the same world and seed would give
    /// different outputs (README "Model versions"). Manifests and sweep plans record it.
    /// 1: agents act one after another in a shuffled order, on the city's one generator.
    /// 2: agents decide from the world as the phase began, each on its own random stream,
    ///    then act in a shuffled order (so they decide on every core, bit-identically).
    public static let modelVersion = 2

    public let map: CityMap
    public var params: WorldParameters
    /// The city's own generator: agent order, placement, sensors, education, recruitment.
    public var rng: Xoshiro256StarStar
    /// Key of every agent's random stream (`AgentStream`): the run's seed. State, kept by
    /// checkpoints, so that a fork's arms give each agent the same draws.
    public internal(set) var agentSeed: UInt64
    /// Ticks completed (0 before the first `step()`).
    public internal(set) var tick = 0

    /// Recyclable waste per cell (mass).
    public var waste: ScalarField
    /// High-value components per cell (mass).
    public var components: ScalarField
    /// Biohazard concentration per cell (tox).
    public var toxicity: ScalarField
    /// Dynamic crime attractiveness B per cell (Short et al. 2008); A = crime.a0 + B.
    public var attractiveness: ScalarField
    /// The cells of this tick's crimes, one entry per crime: E in Short et al. is their count
    /// per cell (a list, not a field: a few hundred crimes a tick, not a grid's worth of zeros).
    var crimeCells: [Int32] = []
    /// Scratch for the crime field update: crimes per cell this tick.
    var crimeCounts: [Int32: Float] = [:]
    var scratch: [Float] = []

    public var recyclers = RecyclerStore()
    public var scavengers = ScavengerStore()
    public var crew = CrewStore()
    public var guards = GuardStore()
    public var informants = InformantStore()
    /// Informants' tips on their way to the guards: the cell, the tick the tip becomes an
    /// alert, the informant's id (oldest first).
    var tipCell: [Int32] = []
    var tipDue: [Int32] = []
    var tipAgent: [Int64] = []
    public var sensors: SensorNetwork
    public var centres: CentreStore
    /// Where free crew members stand (guards look here to arrest).
    var crewIndex: CellIndex
    /// Guards per cell (32-bit: `guards.count` allows up to 10⁷ guards, all possibly on one station).
    var guardCount: [UInt32]

    /// Stock in the Heart of Recycling (mass).
    public var reservoir: Double
    /// Crew money from fencing loot (price units).
    public var crewCash = 0.0
    /// Public health index in (0, 1].
    public internal(set) var publicHealth = 1.0
    /// The Recycle Revolution's education level, in [0, 1]: state, not a parameter. It starts
    /// at `education.level`, workshops raise it, it decays; a schedule entry or a fork's arm
    /// that sets `education.level` sets it.
    public internal(set) var educationLevel: Double
    public var counters = TickCounters()
    /// Events of the tick just completed (cleared at the start of each tick).
    public internal(set) var events: [Event] = []

    /// Open alerts: cell and tick raised.
    var alertCell: [Int32] = []
    var alertTick: [Int32] = []
    var alertTTL: [Int32] = []
    /// Reported crimes in each of the last `guards.recruit_window` ticks (ring buffer).
    var crimeWindow: [Int32] = []
    var heist = HeistState()
    var nextID: Int64 = 0
    var order: [UInt32] = []
    /// Each agent's decision this tick, by kind, then index (scratch).
    var intents: [AgentIntent] = []
    /// Tile maxima of waste and components, rebuilt before agents act (searches reject fast).
    var wasteTiles = TileMaximum()
    var componentTiles = TileMaximum()
    /// Cores the field phases may use (diffusion, the crime stencil, tile maxima, resets), 1 or
    /// more. How the run executes, not what it computes: every output is bit-identical for any
    /// value, so it is neither state nor a parameter (checkpoints do not hold it).
    public var threads = 1
    /// Fewest agents one task of the agents' decision half takes (`threads` > 1). Like
    /// `threads`, how the run executes, not what it computes; tests lower it to split small worlds.
    var agentsPerTask = City.minimumAgentsPerTask
    /// Crew target weights of the centres in map order, then their total with the Heart's,
    /// filled before agents decide (scratch).
    var crewTargetWeights: [Double] = []
    /// The zones' levers now, in zone order (`refreshZoneLevers`).
    var zoneLevers: [ZoneLevers] = []
    /// Whether some zone has containment on.
    var zoneContainment = false
    /// Per zone, the end of its patrol guards in store order (`assignGuardsToZones`).
    var guardZoneEnd: [Int32] = []

    public init(map: CityMap, parameters: WorldParameters, seed: UInt64) {
        self.map = map
        self.params = parameters
        self.rng = Xoshiro256StarStar(seed: seed)
        self.agentSeed = seed
        let n = map.size.count
        waste = ScalarField(size: map.size)
        components = ScalarField(size: map.size)
        toxicity = ScalarField(size: map.size)
        attractiveness = ScalarField(size: map.size)
        sensors = SensorNetwork(cells: n)
        centres = CentreStore(queue: Array(repeating: 0, count: map.centres.count),
                              components: Array(repeating: 0, count: map.centres.count))
        crewIndex = CellIndex(cells: n)
        guardCount = [UInt32](repeating: 0, count: n)
        reservoir = parameters.reservoir.initial
        educationLevel = parameters.education.level
        crimeWindow = [Int32](repeating: 0, count: max(1, parameters.guards.recruitWindow))

        refreshZoneLevers()
        placeSensors()
        reconcilePopulations()
        publicHealth = computePublicHealth()
    }

    // MARK: Identity and placement

    mutating func newID() -> Int64 {
        defer { nextID += 1 }
        return nextID
    }

    mutating func pick(_ list: [Int32]) -> Int32 {
        list[rng.below(list.count)]
    }

    /// Adds or removes agents of `kinds` until each population equals its `count` parameter
    /// (every kind at start; after a schedule entry, the kinds whose count it set).
    mutating func reconcilePopulations(_ kinds: Set<AgentKind> = Set(AgentKind.allCases)) {
        for kind in Self.reconcileOrder where kinds.contains(kind) {
            switch kind {
            case .recycler:
                let homes = map.residential.isEmpty ? map.streets : map.residential
                for k in recyclers.appendInitialRows(max(0, params.recyclers.count - recyclers.count)) {
                    recyclers.home[k] = pick(homes)
                    recyclers.fill(k, id: newID(), cell: pick(map.streets))
                }
                while recyclers.count > params.recyclers.count { recyclers.swapRemove(recyclers.count - 1) }
            case .scavenger:
                for k in scavengers.appendInitialRows(max(0, params.scavengers.count - scavengers.count)) {
                    scavengers.fill(k, id: newID(), cell: pick(map.streets))
                }
                while scavengers.count > params.scavengers.count { scavengers.removeLast() }
            case .guard:
                for k in guards.appendInitialRows(max(0, params.guards.count - guards.count)) {
                    placeNewGuard(k, at: map.stations[k % map.stations.count])
                }
                while guards.count > params.guards.count {
                    guardCount[Int(guards.cell[guards.count - 1])] -= 1
                    guards.removeLast()
                }
            case .informant:
                for k in informants.appendInitialRows(max(0, params.informants.count - informants.count)) {
                    informants.fill(k, id: newID(), cell: pick(map.streets))
                }
                while informants.count > params.informants.count { informants.removeLast() }
            case .crew:
                let present = crew.present
                let added = crew.appendInitialRows(max(0, params.crew.count - present))
                crewIndex.reserve(agents: crew.count)
                for k in added {
                    placeNewCrewMember(k, at: params.crew.behavior == .short2008 ? Int32(rng.below(map.size.count)) : pick(map.hideouts))
                }
                var excess = present + added.count - params.crew.count
                var k = crew.count - 1
                while excess > 0 && k >= 0 {
                    if crew.state[k] != CrewStore.State.gone.rawValue { removeCrew(k); excess -= 1 }
                    k -= 1
                }
            }
        }
    }

    /// The order populations are filled in: it decides which ids and random draws each kind
    /// gets, so it is part of the model (guards before crew, not `AgentKind` order). Every
    /// kind appears once (`AgentStoreTests` checks).
    static let reconcileOrder: [AgentKind] = [.recycler, .scavenger, .guard, .crew, .informant]

    mutating func addGuard(at cell: Int32) {
        placeNewGuard(guards.appendInitialRow(), at: cell)
    }

    /// Gives new guard row `k` its id and cell, and counts it there.
    mutating func placeNewGuard(_ k: Int, at cell: Int32) {
        guards.fill(k, id: newID(), cell: cell)
        guardCount[Int(cell)] += 1
    }

    /// Moves guard `g` to `cell`, keeping the per-cell guard counts right.
    mutating func placeGuard(_ g: Int, at cell: Int) {
        guardCount[Int(guards.cell[g])] -= 1
        guards.cell[g] = Int32(cell)
        guardCount[cell] += 1
    }

    /// Moves free crew member `k` to `cell`, keeping the per-cell index right.
    mutating func placeCrew(_ k: Int, at cell: Int) {
        crew.cell[k] = Int32(cell)
        crewIndex.move(k, to: cell)
    }

    @discardableResult
    mutating func addCrew(at cell: Int32) -> Int64 {
        let k = crew.appendInitialRow()
        crewIndex.reserve(agents: crew.count)
        placeNewCrewMember(k, at: cell)
        return crew.id[k]
    }

    /// Gives new crew row `k` its id and cell, and puts it in the per-cell index there (room
    /// for `k` must be reserved).
    mutating func placeNewCrewMember(_ k: Int, at cell: Int32) {
        crew.fill(k, id: newID(), cell: cell)
        crewIndex.insert(k, at: Int(cell))
    }

    /// Marks a crew member as departed; storage is compacted at the end of the tick.
    mutating func removeCrew(_ k: Int) {
        crewIndex.remove(k)
        crew.state[k] = CrewStore.State.gone.rawValue
    }

    /// Places sensors: those drawn in the map, plus each street cell with probability `sensors.density`.
    mutating func placeSensors() {
        let n = map.size.count
        sensors = SensorNetwork(cells: n)
        var has = [Bool](repeating: false, count: n)
        for c in map.sensorCells where !has[Int(c)] { has[Int(c)] = true; sensors.cell.append(c) }
        for c in map.streets where rng.chance(sensorDensity(at: Int(c))) && !has[Int(c)] { has[Int(c)] = true; sensors.cell.append(c) }
        for (s, c) in sensors.cell.enumerated() {
            sensors.sensorAt[Int(c)] = Int32(s)
            sensors.hardened.append(rng.chance(hardenedShare(at: Int(c))))
            sensors.hacked.append(false)
        }
        for s in 0..<sensors.count { updateCoverage(sensor: s, delta: 1) }
    }

    /// Adds `delta` (±1) to the coverage counts of every cell in sensor `s`'s radius.
    mutating func updateCoverage(sensor s: Int, delta: Int) {
        let c = Int(sensors.cell[s])
        let hacked = sensors.hacked[s], hard = sensors.hardened[s]
        map.size.forEachCell(around: c, radius: params.sensors.radius) { cell in
            if hacked {
                sensors.coverHacked[cell] = UInt16(Int(sensors.coverHacked[cell]) + delta)
            } else {
                sensors.coverActive[cell] = UInt16(Int(sensors.coverActive[cell]) + delta)
                if !hard { sensors.coverHackable[cell] = UInt16(Int(sensors.coverHackable[cell]) + delta) }
            }
        }
    }

    // MARK: Geometry

    // Helpers the agent loop calls are inlined: a non-inlined method of this large struct
    // receives a copy of the whole city (≈1.8 KB memcpy) on every call.

    @inline(__always) func distance(_ a: Int, _ b: Int) -> Int { map.size.distance(a, b) }

    /// Crime attractiveness A = A0 + B at a cell.
    @inline(__always) func attractivenessA(_ c: Int) -> Double {
        params.crime.a0 + Double(attractiveness.values[c])
    }

    // MARK: Events and alerts

    mutating func emit(_ kind: EventKind, cell: Int, agent: Int64 = -1, amount: Double = 1) {
        let w = map.size.width
        events.append(Event(tick: Int32(tick), kind: kind, x: cell < 0 ? -1 : Int32(cell % w),
                            y: cell < 0 ? -1 : Int32(cell / w), agent: agent, amount: amount))
    }

    /// Each active sensor covering `cell` detects independently with `sensors.detect_prob`,
    /// so detection probability is 1 − (1 − p)^k for k sensors. Raises an alert when detected.
    mutating func detect(at cell: Int, _ rng: inout AgentStream) -> Bool {
        let k = Int(sensors.coverActive[cell])
        guard k > 0 else { return false }
        let p = 1 - powD(1 - params.sensors.detectProb, Double(k))
        guard rng.chance(p) else { return false }
        raiseAlert(at: cell, ttl: params.sensors.alertTTL)
        return true
    }

    mutating func raiseAlert(at cell: Int, ttl: Int) {
        alertCell.append(Int32(cell))
        alertTick.append(Int32(tick))
        alertTTL.append(Int32(ttl))
        counters.alerts += 1
        emit(.alert, cell: cell)
    }

    /// Open alerts (cell, tick raised), oldest first.
    public var openAlerts: [(cell: Int, tick: Int)] {
        (0..<alertCell.count).map { (Int(alertCell[$0]), Int(alertTick[$0])) }
    }

    /// Records a crime at `cell`: every crime, seen or not, raises the attractiveness field by θ
    /// (Short et al.: E counts all burglaries); only `reported` ones (thefts, detected dumps, heist
    /// starts) count toward community recruitment.
    mutating func recordCrime(at cell: Int, reported: Bool) {
        crimeCells.append(Int32(truncatingIfNeeded: cell))
        if reported { crimeWindow[tick % crimeWindow.count] += 1 }
    }
}
