import NanoCityEngine

/// Agent kinds, in the order used to encode the shuffled schedule.
public enum AgentKind: UInt32, Sendable, CaseIterable {
    case recycler = 0, scavenger, crew, guardian
}

/// Recyclers (Zia's workforce), struct-of-arrays.
public struct RecyclerStore: Sendable {
    public enum State: UInt8, Sendable { case seeking = 0, delivering, sick }
    public var id: [Int32] = []
    public var cell: [Int32] = []
    public var state: [UInt8] = []
    /// Waste carried (mass).
    public var load: [Float] = []
    /// Health in [0, 1].
    public var health: [Float] = []
    /// Cell of the waste being walked to, or -1.
    public var target: [Int32] = []
    /// Residential (or street) cell where a sick recycler recovers.
    public var home: [Int32] = []
    public var count: Int { id.count }

    mutating func append(id i: Int32, cell c: Int32, home h: Int32) {
        id.append(i); cell.append(c); state.append(State.seeking.rawValue); load.append(0)
        health.append(1); target.append(-1); home.append(h)
    }
    mutating func swapRemove(_ k: Int) {
        id.swapAt(k, id.count - 1); id.removeLast()
        cell.swapAt(k, cell.count - 1); cell.removeLast()
        state.swapAt(k, state.count - 1); state.removeLast()
        load.swapAt(k, load.count - 1); load.removeLast()
        health.swapAt(k, health.count - 1); health.removeLast()
        target.swapAt(k, target.count - 1); target.removeLast()
        home.swapAt(k, home.count - 1); home.removeLast()
    }
}

/// Scavengers (Milo's old trade), struct-of-arrays.
public struct ScavengerStore: Sendable {
    public enum State: UInt8, Sendable { case seeking = 0, sellingLegal, sellingBlack }
    public var id: [Int32] = []
    public var cell: [Int32] = []
    public var state: [UInt8] = []
    public var load: [Float] = []
    public var target: [Int32] = []
    /// Ticks since components were last found.
    public var idle: [Int32] = []
    public var count: Int { id.count }

    mutating func append(id i: Int32, cell c: Int32) {
        id.append(i); cell.append(c); state.append(State.seeking.rawValue); load.append(0); target.append(-1); idle.append(0)
    }
    mutating func removeLast() {
        id.removeLast(); cell.removeLast(); state.removeLast(); load.removeLast(); target.removeLast(); idle.removeLast()
    }
}

/// Dumpsley's crew, struct-of-arrays. Departed members are marked `gone` during a tick and
/// compacted at its end, so indices in the tick's shuffled order stay valid.
public struct CrewStore: Sendable {
    public enum State: UInt8, Sendable { case prowling = 0, fleeing, heist, jailed, gone }
    public var id: [Int32] = []
    public var cell: [Int32] = []
    public var state: [UInt8] = []
    /// Stolen goods carried (mass).
    public var loot: [Float] = []
    /// What the fence will pay for the loot (price units), fixed when it was stolen.
    public var lootValue: [Float] = []
    /// Target cell (a centre or the Heart) while prowling, or -1.
    public var target: [Int32] = []
    /// Ticks of jail left.
    public var jail: [Int32] = []
    /// Held by containment this tick (cannot act, easy to arrest, does not hold the Heart).
    public var trapped: [Bool] = []
    public var count: Int { id.count }

    mutating func append(id i: Int32, cell c: Int32) {
        id.append(i); cell.append(c); state.append(State.prowling.rawValue); loot.append(0); lootValue.append(0)
        target.append(-1); jail.append(0); trapped.append(false)
    }
    mutating func swapRemove(_ k: Int) {
        id.swapAt(k, id.count - 1); id.removeLast()
        cell.swapAt(k, cell.count - 1); cell.removeLast()
        state.swapAt(k, state.count - 1); state.removeLast()
        loot.swapAt(k, loot.count - 1); loot.removeLast()
        lootValue.swapAt(k, lootValue.count - 1); lootValue.removeLast()
        target.swapAt(k, target.count - 1); target.removeLast()
        jail.swapAt(k, jail.count - 1); jail.removeLast()
        trapped.swapAt(k, trapped.count - 1); trapped.removeLast()
    }
}

/// Guards (Noah's), struct-of-arrays.
public struct GuardStore: Sendable {
    public enum State: UInt8, Sendable { case patrolling = 0, responding }
    public var id: [Int32] = []
    public var cell: [Int32] = []
    public var state: [UInt8] = []
    /// Alert cell being answered, or -1.
    public var target: [Int32] = []
    /// Home station cell.
    public var station: [Int32] = []
    public var count: Int { id.count }

    mutating func append(id i: Int32, cell c: Int32) {
        id.append(i); cell.append(c); state.append(State.patrolling.rawValue); target.append(-1); station.append(c)
    }
    mutating func removeLast() {
        id.removeLast(); cell.removeLast(); state.removeLast(); target.removeLast(); station.removeLast()
    }
}

/// The nano-sensor network. Coverage grids count, per cell, the sensors whose radius covers it.
public struct SensorNetwork: Sendable {
    public var cell: [Int32] = []
    public var hardened: [Bool] = []
    public var hacked: [Bool] = []
    /// Per cell: active (not hacked) sensors in range.
    public var coverActive: [UInt16]
    /// Per cell: active, non-hardened sensors in range (hack targets).
    public var coverHackable: [UInt16]
    /// Per cell: hacked sensors in range (they leak guard positions to crew there).
    public var coverHacked: [UInt16]
    /// Per cell: the sensor placed there, or -1.
    public var sensorAt: [Int32]
    public var count: Int { cell.count }
    public var hackedCount = 0

    init(cells: Int) {
        sensorAt = [Int32](repeating: -1, count: cells)
        coverActive = [UInt16](repeating: 0, count: cells)
        coverHackable = coverActive
        coverHacked = coverActive
    }
}

/// Recycling centres: waste waiting to be processed and components in store.
public struct CentreStore: Sendable {
    public var queue: [Double]
    public var components: [Double]
}
