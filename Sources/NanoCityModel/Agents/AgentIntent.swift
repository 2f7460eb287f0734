/// What an agent did while deciding that touches shared state, for the resolution to apply
/// in the tick's shuffled order. One set of bits for all kinds; each kind uses its own.
struct AgentActions: OptionSet, Sendable {
    let rawValue: UInt16
    /// Recycler: fell sick (event; `value` is its health).
    static let fellSick = AgentActions(rawValue: 1 << 0)
    /// Recycler or scavenger: picks up what lies on its cell (waste or components).
    static let pickUp = AgentActions(rawValue: 1 << 1)
    /// Recycler at a centre, or scavenger at a centre or hideout: hands over its load.
    static let handOver = AgentActions(rawValue: 1 << 2)
    /// Scavenger: decides where to sell.
    static let chooseMarket = AgentActions(rawValue: 1 << 3)
    /// Crew: released from jail at `to`.
    static let release = AgentActions(rawValue: 1 << 4)
    /// Crew: dumps toxic waste on `from`.
    static let dump = AgentActions(rawValue: 1 << 5)
    /// Crew: hacks a sensor covering `from`.
    static let hack = AgentActions(rawValue: 1 << 6)
    /// Crew: steals at `from` (a centre or the Heart).
    static let steal = AgentActions(rawValue: 1 << 7)
    /// Crew: fences its loot at a hideout.
    static let fence = AgentActions(rawValue: 1 << 8)
    /// Guard: tries to arrest crew member `arg`.
    static let arrest = AgentActions(rawValue: 1 << 9)
    /// Guard: closes the alerts at `from`.
    static let closeAlerts = AgentActions(rawValue: 1 << 10)
}

/// One agent's decision for the tick (16 bytes: a megacity holds a million). Recyclers and
/// scavengers write their own columns while deciding (nothing else reads them); crew and
/// guards move in the resolution (`from` → `to`), because others find them through per-cell
/// indexes that must not change while anyone decides.
struct AgentIntent: Sendable {
    var actions: AgentActions = []
    var from: Int32
    var to: Int32
    /// Crew index a guard tries to arrest, or the bits of `value`.
    var arg: Int32 = -1

    /// Health of a recycler that fell sick (kept in `arg`, which recyclers do not use).
    var value: Float {
        get { Float(bitPattern: UInt32(bitPattern: arg)) }
        set { arg = Int32(bitPattern: newValue.bitPattern) }
    }

    init(at cell: Int) {
        from = Int32(truncatingIfNeeded: cell)
        to = from
    }

    /// Nothing for the resolution to do.
    var isQuiet: Bool { actions.isEmpty && from == to }
}
