import Testing
@testable import NanoCityEngine

@Suite struct AgentStreamTests {
    /// Random123's `kat_vectors` for philox4x32 with 10 rounds (counter, key → output).
    @Test func philoxMatchesRandom123KnownAnswers() {
        func words(_ b: Philox4x32.Block) -> [UInt32] { [b.0, b.1, b.2, b.3] }
        #expect(words(Philox4x32.block((0, 0, 0, 0), key: (0, 0))) == [0x6627_E8D5, 0xE169_C58D, 0xBC57_AC4C, 0x9B00_DBD8])
        let ones = UInt32.max
        #expect(words(Philox4x32.block((ones, ones, ones, ones), key: (ones, ones)))
                == [0x408F_276D, 0x41C8_3B0E, 0xA20B_C7C6, 0x6D54_51FD])
        #expect(words(Philox4x32.block((0x243F_6A88, 0x85A3_08D3, 0x1319_8A2E, 0x0370_7344), key: (0xA409_3822, 0x299F_31D0)))
                == [0xD16C_FE09, 0x94FD_CCEB, 0x5001_E420, 0x2412_6EA1])
    }

    /// The stream's outputs are its blocks' lanes in order: (block, tick, id low, id high) under the seed.
    @Test func streamReadsBlocksInCounterOrder() {
        let seed: UInt64 = 0x0123_4567_89AB_CDEF, id: Int64 = 0x7_0000_0005
        var s = AgentStream(seed: seed, agent: id, tick: 42, purpose: .decide)
        let key = (UInt32(0x89AB_CDEF), UInt32(0x0123_4567))
        var expected: [UInt64] = []
        for b in UInt32(0)..<3 {
            let o = Philox4x32.block((b, 42, 5, 7), key: key)
            expected += [UInt64(o.0) << 32 | UInt64(o.1), UInt64(o.2) << 32 | UInt64(o.3)]
        }
        #expect((0..<6).map { _ in s.next() } == expected)
        var r = AgentStream(seed: seed, agent: id, tick: 42, purpose: .resolve)
        let o = Philox4x32.block((0x8000_0000, 42, 5, 7), key: key)
        #expect(r.next() == UInt64(o.0) << 32 | UInt64(o.1))
    }

    /// Same (seed, agent, tick, purpose), same numbers; change any one of them and the first
    /// draws of 20,000 agents are still spread evenly over ten buckets.
    @Test func streamsAreReproducibleAndIndependent() {
        var a = AgentStream(seed: 9, agent: 3, tick: 7, purpose: .decide), b = AgentStream(seed: 9, agent: 3, tick: 7, purpose: .decide)
        #expect((0..<5).map { _ in a.next() } == (0..<5).map { _ in b.next() })
        var firsts = Set<UInt64>()
        var buckets = [Int](repeating: 0, count: 10)
        for agent in 0..<5_000 {
            for (seed, tick, purpose) in [(9 as UInt64, 7, AgentStream.Purpose.decide), (10, 7, .decide), (9, 8, .decide), (9, 7, .resolve)] {
                var s = AgentStream(seed: seed, agent: Int64(agent), tick: tick, purpose: purpose)
                let u = s.uniform()
                firsts.insert(u.bitPattern)
                buckets[Int(u * 10)] += 1
            }
        }
        #expect(firsts.count == 20_000)
        // 2,000 expected per bucket (sd ≈ 42); 5 sd still fails a stream that repeats or clusters.
        for n in buckets { #expect(abs(n - 2_000) < 212) }
    }
}
