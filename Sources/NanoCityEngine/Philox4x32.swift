/// Philox4x32-10, the counter-based generator of Salmon, Moraes, Dror & Shaw, "Parallel random
/// numbers: as easy as 1, 2, 3" (SC 2011), as in their Random123 library: a keyed bijection of
/// a 128-bit counter, ten rounds, the key bumped by the Weyl constants before rounds 2–10.
/// Any block can be computed without the ones before it, which is what lets every agent own a
/// stream that no other agent's draws can shift. Known answers (Random123 `kat_vectors`):
/// counter 0, key 0 → `6627e8d5 e169c58d bc57ac4c 9b00dbd8`.
@frozen public enum Philox4x32 {
    public typealias Block = (UInt32, UInt32, UInt32, UInt32)

    /// The 128 output bits for `counter` under `key`.
    @inlinable public static func block(_ counter: Block, key: (UInt32, UInt32)) -> Block {
        var c = counter
        var k0 = key.0, k1 = key.1
        for round in 0..<10 {
            if round > 0 { k0 &+= 0x9E37_79B9; k1 &+= 0xBB67_AE85 }
            let p0 = UInt64(0xD251_1F53) &* UInt64(c.0), p1 = UInt64(0xCD9E_8D57) &* UInt64(c.2)
            c = (UInt32(truncatingIfNeeded: p1 >> 32) ^ c.1 ^ k0, UInt32(truncatingIfNeeded: p1),
                 UInt32(truncatingIfNeeded: p0 >> 32) ^ c.3 ^ k1, UInt32(truncatingIfNeeded: p0))
        }
        return c
    }
}

/// One agent's random numbers for one tick: Philox4x32-10 keyed by the run's seed, counting
/// through (block, tick, agent id). Two agents, two ticks, or the two halves of a tick
/// (`Purpose`) never share a block, so what one agent draws cannot change what another gets —
/// whichever core computes it, in whatever order, and whatever a policy changed for other
/// agents. Each block gives two 64-bit outputs (lanes 0–1, then 2–3).
///
/// Ticks enter modulo 2³² (streams would repeat after 4.29 × 10⁹ ticks).
@frozen public struct AgentStream: RandomDraws, Sendable {
    /// The two halves of an agent's tick: its decision, and the resolution of what it did.
    public enum Purpose: UInt32, Sendable { case decide = 0, resolve = 0x8000_0000 }

    @usableFromInline let key: (UInt32, UInt32)
    @usableFromInline let tick: UInt32, agentLow: UInt32, agentHigh: UInt32
    @usableFromInline var blockIndex: UInt32
    @usableFromInline var pending: UInt64 = 0
    @usableFromInline var hasPending = false

    /// The stream of agent `agent` (its stable id) at `tick`, for `purpose`, in the run keyed by `seed`.
    @inlinable public init(seed: UInt64, agent: Int64, tick: Int, purpose: Purpose) {
        key = (UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32))
        self.tick = UInt32(truncatingIfNeeded: tick)
        let a = UInt64(bitPattern: agent)
        agentLow = UInt32(truncatingIfNeeded: a)
        agentHigh = UInt32(truncatingIfNeeded: a >> 32)
        blockIndex = purpose.rawValue
    }

    @inlinable public mutating func next() -> UInt64 {
        if hasPending {
            hasPending = false
            return pending
        }
        let b = Philox4x32.block((blockIndex, tick, agentLow, agentHigh), key: key)
        blockIndex &+= 1
        pending = UInt64(b.2) << 32 | UInt64(b.3)
        hasPending = true
        return UInt64(b.0) << 32 | UInt64(b.1)
    }
}
