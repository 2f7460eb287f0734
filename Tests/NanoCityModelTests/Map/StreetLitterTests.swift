import Testing
import NanoCityEngine
@testable import NanoCityModel
import NanoCityTestSupport

/// Generation adds each street's litter from its feeder counts (`StreetLitter`); these pin it
/// to the plain walk over the producing cells it replaced, bit for bit, on any thread count.
@Suite struct StreetLitterTests {
    /// 520×384 (three row bands on three threads): residential on the left, industrial on the
    /// right, a few lone streets with 255 or more feeders of a kind (the overflow list) and a
    /// street row whose cells have a few each.
    static func crowdedMap() throws -> CityMap {
        let width = 520, height = 384
        var rows = [[Character]](repeating: [Character](repeating: "r", count: width), count: height)
        for y in 0..<height { for x in width / 2..<width { rows[y][x] = "i" } }
        for (x, y) in [(0, 0), (width - 1, height - 1), (21, 3), (400, 300)] { rows[y][x] = "." }
        for x in 200..<330 { rows[150][x] = "." }
        rows[0][1] = "H"; rows[0][2] = "C"; rows[0][3] = "G"; rows[0][4] = "X"
        return try CityMap(ascii: rows.map { String($0) }.joined(separator: "\n"))
    }

    static func parameters() -> WorldParameters {
        var p = TestWorlds.quiet()
        p.waste.residentialRate = 0.0007
        p.waste.industrialRate = 0.0013
        p.waste.improperShare = 0.37
        p.waste.litterToxicity = 0.11
        p.components.industrialRate = 0.002
        p.toxicity.industrialRate = 0.003
        p.education.level = 0
        return p
    }

    @Test func countsCoverEveryFeederAndOverflowIsUsed() throws {
        let map = try Self.crowdedMap()
        let litter = map.streetLitter
        #expect(!litter.overflow.isEmpty)
        #expect(litter.counts.contains { $0 != 0 && $0 != StreetLitter.overflowMark })
        var residential = 0, industrial = 0, o = 0
        for k in litter.counts where k != 0 {
            if k == StreetLitter.overflowMark {
                residential += Int(litter.overflow[o].residential); industrial += Int(litter.overflow[o].industrial); o += 1
            } else {
                residential += Int(k & 0xFF); industrial += Int(k >> 8)
            }
        }
        #expect(residential == map.residential.count && industrial == map.industrial.count)
        #expect(litter.firstOverflow(atOrAfter: 0) == 0)
        #expect(litter.firstOverflow(atOrAfter: map.streets.count) == litter.overflow.count)
    }

    @Test func generationMatchesTheCellByCellWalkOnOneAndTwoThreads() throws {
        let map = try Self.crowdedMap()
        let p = Self.parameters()
        // The walk generation once was: residential cells in order (kept waste, then litter and
        // its toxicity on the nearest street), then industrial ones, then industrial emissions.
        var w = [Float](repeating: 0, count: map.size.count), t = w, cv = w
        let improper = p.waste.improperShare, tox = Float(p.waste.litterToxicity)
        for _ in 0..<3 {
            for (cells, rate) in [(map.residential, p.waste.residentialRate), (map.industrial, p.waste.industrialRate)] {
                let kept = Float(rate * (1 - improper)), littered = Float(rate * improper)
                for c in cells {
                    w[Int(c)] += kept
                    let s = Int(map.nearestStreet[Int(c)])
                    w[s] += littered
                    t[s] += littered * tox
                }
            }
            for c in map.industrial {
                cv[Int(c)] += Float(p.components.industrialRate)
                t[Int(c)] += Float(p.toxicity.industrialRate)
            }
        }
        #expect(RowBands.count(rows: 384, width: 520, threads: 3) == 3)
        for threads in [1, 2, 3] {
            var city = TestWorlds.city(p, map: map)
            city.threads = threads
            for _ in 0..<3 { city.generate() }
            // Compared first, then expected: a failing `#expect` on the arrays would diff
            // 200,000 elements.
            for (name, got, want) in [("waste", city.waste.values, w), ("toxicity", city.toxicity.values, t),
                                      ("components", city.components.values, cv)] {
                let first = got.indices.first { got[$0].bitPattern != want[$0].bitPattern }
                #expect(first == nil, "\(name), \(threads) threads: first difference at cell \(first ?? -1) of \(got.count) (\(want.count) expected)")
            }
        }
    }
}
