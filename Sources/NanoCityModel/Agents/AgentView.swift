import NanoCityEngine

/// The world as agents see it while they decide: everything as it stood when the agent phase
/// began. Read-only, so agents can decide in any order and on any core and reach the same
/// decisions; what they then do to shared state is applied by the resolution, one agent at a
/// time in the tick's shuffled order (README "Model", agents phase).
///
/// Holds references to the city's arrays, so it must be gone before the resolution writes
/// them (else each write would copy a whole field).
struct AgentView {
    let map: CityMap
    let size: GridSize
    let params: WorldParameters
    /// Key of every agent's random stream (the run's seed).
    let seed: UInt64
    let tick: Int
    let waste: ScalarField, components: ScalarField, toxicity: ScalarField, attractiveness: ScalarField
    let wasteTiles: TileMaximum, componentTiles: TileMaximum
    let coverActive: [UInt16], coverHackable: [UInt16], coverHacked: [UInt16]
    let guardCount: [UInt32]
    /// First free crew member on each cell (`CellIndex.head`).
    let crewHead: [Int32]
    let alertCell: [Int32]
    /// See `City.crewTargetWeights`.
    let crewTargetWeights: [Double]
    let publicHealth: Double
    let heistActive: Bool
    /// See `City.zoneLevers`, `City.zoneContainment`, `City.guardZoneEnd`.
    let zoneLevers: [ZoneLevers]
    let zoneContainment: Bool
    let guardZoneEnd: [Int32]

    init(_ city: City) {
        map = city.map
        size = city.map.size
        params = city.params
        seed = city.agentSeed
        tick = city.tick
        waste = city.waste; components = city.components; toxicity = city.toxicity; attractiveness = city.attractiveness
        wasteTiles = city.wasteTiles; componentTiles = city.componentTiles
        coverActive = city.sensors.coverActive; coverHackable = city.sensors.coverHackable; coverHacked = city.sensors.coverHacked
        guardCount = city.guardCount
        crewHead = city.crewIndex.head
        alertCell = city.alertCell
        crewTargetWeights = city.crewTargetWeights
        publicHealth = city.publicHealth
        heistActive = city.heist.active
        zoneLevers = city.zoneLevers; zoneContainment = city.zoneContainment; guardZoneEnd = city.guardZoneEnd
    }

    /// The stream an agent decides with this tick.
    @inline(__always) func stream(_ agent: Int64) -> AgentStream {
        AgentStream(seed: seed, agent: agent, tick: tick, purpose: .decide)
    }

    // MARK: Geometry

    @inline(__always) func distance(_ a: Int, _ b: Int) -> Int { size.distance(a, b) }

    /// One king step from `from` toward `to` (both coordinates move by at most one).
    @inline(__always) func stepToward(_ from: Int, _ to: Int) -> Int { size.step(from: from, toward: to) }

    /// The nearest recycling centre's cell, seen from `c`.
    @inline(__always) func nearestCentreCell(_ c: Int) -> Int { Int(map.centres[Int(map.nearestCentre[c])]) }

    /// The nearest crew hideout's cell, seen from `c`.
    @inline(__always) func nearestHideoutCell(_ c: Int) -> Int { Int(map.hideouts[Int(map.nearestHideout[c])]) }

    /// A uniformly random in-grid 8-neighbour of `c`.
    @inline(__always) func randomNeighbor(_ c: Int, _ rng: inout AgentStream) -> Int {
        let w = size.width, h = size.height
        let x = c % w, y = c / w
        while true {
            let k = rng.below(8)
            let m = k < 4 ? k : k + 1  // skip the centre of the 3×3 block
            let nx = x + m % 3 - 1, ny = y + m / 3 - 1
            if nx >= 0, ny >= 0, nx < w, ny < h { return ny * w + nx }
        }
    }

    /// A random step along streets: a random street neighbour, or toward the nearest street.
    /// The same draw as a uniform choice among the street neighbours in row order: one
    /// `below(count)`, then the k-th set bit of the precomputed mask.
    @inline(__always) func streetWalk(_ c: Int, _ rng: inout AgentStream) -> Int {
        var bits = map.streetNeighbours[c]
        if bits == 0 { return stepToward(c, Int(map.nearestStreet[c])) }
        let k = rng.below(bits.nonzeroBitCount)
        for _ in 0..<k { bits &= bits &- 1 }
        return c &+ CityMap.neighbourOffset(bits.trailingZeroBitCount, width: size.width)
    }

    /// Crime attractiveness A = A0 + B at a cell.
    @inline(__always) func attractivenessA(_ c: Int) -> Double {
        params.crime.a0 + Double(attractiveness.values[c])
    }
}
