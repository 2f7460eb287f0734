import NanoCityEngine
import Testing
@testable import NanoCityModel

/// The map generator's place spreading (chunked maxima, local updates) picks exactly what the
/// plain farthest-point sampling it replaced picks: the plain version is kept here as the oracle.
@Suite struct MapGeneratorOracleTests {
    enum Oracle {
        static func generate(_ p: WorldParameters.Map) throws(MapError) -> CityMap {
            let w = p.width, h = p.height, b = p.block
            guard w * h <= CityMap.maxCells else { throw .tooLarge(cells: w * h, limit: CityMap.maxCells) }
            var rng = Xoshiro256StarStar(seed: UInt64(truncatingIfNeeded: p.seed))
            let size = GridSize(width: w, height: h)
            var terrain = [UInt8](repeating: Terrain.residential.rawValue, count: w * h)
            func isStreet(_ v: Int, _ n: Int) -> Bool { v % b == 0 || v == n - 1 }
            for y in 0..<h { for x in 0..<w where isStreet(x, w) || isStreet(y, h) { terrain[y * w + x] = Terrain.street.rawValue } }

            // Blocks: interior rectangles between streets.
            struct Block { var x0: Int, y0: Int, x1: Int, y1: Int; var cx: Double { Double(x0 + x1) / 2 }; var cy: Double { Double(y0 + y1) / 2 } }
            var blocks: [Block] = []
            var by = 0
            while by < h - 1 {
                var bx = 0
                while bx < w - 1 {
                    let x0 = bx + 1, y0 = by + 1
                    let x1 = min(bx + b - 1, w - 2), y1 = min(by + b - 1, h - 2)
                    if x0 <= x1 && y0 <= y1 { blocks.append(Block(x0: x0, y0: y0, x1: x1, y1: y1)) }
                    bx += b
                }
                by += b
            }
            let needed = 1 + p.centres + p.stations + p.hideouts
            guard blocks.count >= needed else { throw .notEnoughBlocks(needed: needed, available: blocks.count) }

            var kind = [Terrain](repeating: .residential, count: blocks.count)
            var taken = [Bool](repeating: false, count: blocks.count)
            let mid = (Double(w) / 2, Double(h) / 2)
            func d2(_ k: Int, _ px: Double, _ py: Double) -> Double {
                let dx = blocks[k].cx - px, dy = blocks[k].cy - py
                return dx * dx + dy * dy
            }
            let heartBlock = blocks.indices.min { d2($0, mid.0, mid.1) < d2($1, mid.0, mid.1) }!
            taken[heartBlock] = true
            kind[heartBlock] = .park

            let pole = (rng.uniform() * Double(w), rng.uniform() * Double(h))
            let nIndustrial = Int((p.industrialShare * Double(blocks.count)).rounded())
            let byPole = blocks.indices.filter { $0 != heartBlock }.sorted {
                (d2($0, pole.0, pole.1), $0) < (d2($1, pole.0, pole.1), $1)
            }
            for k in byPole.prefix(nIndustrial) { kind[k] = .industrial }
            for k in blocks.indices where k != heartBlock && kind[k] == .residential && rng.chance(p.parkShare) {
                kind[k] = .park
            }
            for (k, blk) in blocks.enumerated() {
                for y in blk.y0...blk.y1 { for x in blk.x0...blk.x1 { terrain[y * w + x] = kind[k].rawValue } }
            }
            let hb = blocks[heartBlock]
            terrain[((hb.y0 + hb.y1) / 2) * w + (hb.x0 + hb.x1) / 2] = Terrain.heart.rawValue

            // Farthest-point sampling: minD[k] is block k's squared distance to the nearest chosen block.
            var minD = blocks.indices.map { d2($0, hb.cx, hb.cy) }
            func spread(_ count: Int, prefer: Terrain?, as t: Terrain) {
                for _ in 0..<count {
                    var candidates = blocks.indices.filter { !taken[$0] && (prefer == nil || kind[$0] == prefer) }
                    if candidates.isEmpty { candidates = blocks.indices.filter { !taken[$0] } }
                    var best = -1.0
                    var pick: [Int] = []
                    for k in candidates {
                        let d = minD[k]
                        if d > best { best = d; pick = [k] } else if d == best { pick.append(k) }
                    }
                    let k = pick[rng.below(pick.count)]
                    taken[k] = true
                    for j in blocks.indices { minD[j] = min(minD[j], d2(j, blocks[k].cx, blocks[k].cy)) }
                    terrain[blocks[k].y0 * w + blocks[k].x0] = t.rawValue
                }
            }
            spread(p.centres, prefer: nil, as: .centre)
            spread(p.stations, prefer: nil, as: .station)
            spread(p.hideouts, prefer: .industrial, as: .hideout)
            return try CityMap(size: size, terrain: terrain)
        }
    }

    @Test func spreadingMatchesThePlainFarthestPointSampling() throws {
        var rng = Xoshiro256StarStar(seed: 99)
        var compared = 0
        for trial in 0..<60 {
            var p = WorldParameters().map
            p.width = 12 + rng.below(90)
            p.height = 12 + rng.below(90)
            p.block = 3 + rng.below(8)
            p.seed = rng.below(1_000_000)
            p.industrialShare = rng.uniform() * 0.6
            let blocks = ((p.width - 2) / p.block + 1) * ((p.height - 2) / p.block + 1)
            let room = max(3, blocks / 2)
            p.centres = 1 + rng.below(max(1, room / 3))
            p.stations = 1 + rng.below(max(1, room / 3))
            p.hideouts = 1 + rng.below(max(1, room / 3))
            let expected = try? Oracle.generate(p)
            let got = try? MapGenerator.generate(p)
            #expect((expected == nil) == (got == nil), "trial \(trial)")
            if let expected, let got { #expect(got.terrain == expected.terrain, "trial \(trial): \(p)"); compared += 1 }
        }
        #expect(compared >= 50)
    }
}
