import Testing
import NanoCityEngine
@testable import NanoCityModel
import NanoCityTestSupport

/// Generation adds each street's litter from its feeder counts (`StreetLitter`); these pin it
/// to the plain walk over the producing cells it replaced, bit for bit, on any thread count.
@Suite struct StreetLitterTests {
    /// 520×384 (three row bands on three threads): residential on the left, industrial on the
    /// right, a few lone streets with 15 or more feeders of a kind (the overflow list), a
    /// street row, and a patch of street rows whose cells have a few feeders of both kinds.
    static func crowdedMap() throws -> CityMap {
        let width = 520, height = 384
        var rows = [[Character]](repeating: [Character](repeating: "r", count: width), count: height)
        for y in 0..<height { for x in width / 2..<width { rows[y][x] = "i" } }
        for (x, y) in [(0, 0), (width - 1, height - 1), (21, 3), (400, 300)] { rows[y][x] = "." }
        for x in 200..<330 { rows[150][x] = "." }
        // Every other row a street, residential and industrial between: a few feeders each.
        for y in stride(from: 200, to: 240, by: 2) { for x in 240..<280 { rows[y][x] = "." } }
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
        #expect(litter.counts.contains { $0 != StreetLitter.overflowMark && $0 & 0x0F != 0 && $0 >> 4 != 0 })
        var residential = 0, industrial = 0, o = 0
        for j in litter.counts.indices {
            let (r, i) = litter.feeders(j, overflowCursor: &o)
            residential += r; industrial += i
        }
        #expect(o == litter.overflow.count)
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
