import NanoCityEngine

/// The seeded procedural city.
///
/// Rules: a street on every row and column whose coordinate is a multiple of `map.block`
/// (and on the last row and column); the blocks between streets get one kind each. The Heart
/// sits in the block nearest the map centre, inside a park. Industrial blocks cluster around a
/// random industrial pole (the `industrial_share` of blocks nearest it); parks are drawn at
/// random (`park_share`); the rest is residential. Centres, guard stations and hideouts are
/// spread by farthest-point sampling over blocks (hideouts prefer industrial blocks), each on
/// its block's north-west inner corner, next to a street. Uses its own PRNG stream from
/// `map.seed`, so every replicate of a world shares the same city.
public enum MapGenerator {
    public static func generate(_ p: WorldParameters.Map, threads: Int = 1) throws(MapError) -> CityMap {
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
        // Blocks form a regular grid (row-major, `cols` per row), so a new place can only
        // lower minD within the current largest minD's radius: only those blocks are visited.
        // The maximum and its ties are found through per-chunk maxima, kept up to date for the
        // chunks an update touches. Same picks, same random draws as a scan of every block
        // (MapGeneratorOracleTests keeps that scan as the oracle).
        let cols = max(1, (w - 2) / b + 1)
        let gridded = blocks.count % cols == 0 && blocks.indices.allSatisfy { blocks[$0].x0 == ($0 % cols) * b + 1 }
        let chunk = 64
        let chunks = (blocks.count + chunk - 1) / chunk
        var chunkAll = [Double](repeating: -1, count: chunks)       // max minD over all blocks
        var chunkEligible = [Double](repeating: -1, count: chunks)  // max minD over eligible blocks
        func refresh(_ c: Int, _ eligible: (Int) -> Bool) {
            var all = -1.0, el = -1.0
            for k in (c * chunk)..<min(blocks.count, (c + 1) * chunk) {
                all = max(all, minD[k])
                if eligible(k) { el = max(el, minD[k]) }
            }
            chunkAll[c] = all
            chunkEligible[c] = el
        }
        func spread(_ count: Int, prefer: Terrain?, as t: Terrain) {
            guard count > 0 else { return }
            var preferred = prefer.map { want in blocks.indices.reduce(0) { $0 + (!taken[$1] && kind[$1] == want ? 1 : 0) } } ?? 0
            var usePreference = prefer != nil && preferred > 0
            var eligible: (Int) -> Bool = { k in !taken[k] && (!usePreference || kind[k] == prefer!) }
            for c in 0..<chunks { refresh(c, eligible) }
            for _ in 0..<count {
                if usePreference && preferred == 0 {
                    usePreference = false
                    eligible = { k in !taken[k] }
                    for c in 0..<chunks { refresh(c, eligible) }
                }
                let best = chunkEligible.max() ?? -1
                var pick: [Int] = []
                for c in 0..<chunks where chunkEligible[c] == best {
                    for k in (c * chunk)..<min(blocks.count, (c + 1) * chunk) where minD[k] == best && eligible(k) { pick.append(k) }
                }
                guard !pick.isEmpty else { break }  // every block taken (more places than blocks is refused above)
                let k = pick[rng.below(pick.count)]
                taken[k] = true
                if let prefer, kind[k] == prefer { preferred -= 1 }
                let px = blocks[k].cx, py = blocks[k].cy
                var touched = Set<Int>([k / chunk])
                if gridded {
                    // Blocks farther than sqrt(max minD) keep their minD.
                    let r = (chunkAll.max() ?? 0).squareRoot() + 1
                    let rows = blocks.count / cols
                    let c0 = max(0, Int(((px - r) / Double(b)).rounded(.down)) - 1), c1 = min(cols - 1, Int(((px + r) / Double(b)).rounded(.up)) + 1)
                    let r0 = max(0, Int(((py - r) / Double(b)).rounded(.down)) - 1), r1 = min(rows - 1, Int(((py + r) / Double(b)).rounded(.up)) + 1)
                    if c0 <= c1 && r0 <= r1 {
                        for row in r0...r1 {
                            for j in (row * cols + c0)...(row * cols + c1) {
                                let d = d2(j, px, py)
                                if d < minD[j] { minD[j] = d; touched.insert(j / chunk) }
                            }
                        }
                    }
                } else {
                    for j in blocks.indices {
                        let d = d2(j, px, py)
                        if d < minD[j] { minD[j] = d; touched.insert(j / chunk) }
                    }
                }
                for c in touched { refresh(c, eligible) }
                terrain[blocks[k].y0 * w + blocks[k].x0] = t.rawValue
            }
        }
        spread(p.centres, prefer: nil, as: .centre)
        spread(p.stations, prefer: nil, as: .station)
        spread(p.hideouts, prefer: .industrial, as: .hideout)
        return try CityMap(size: size, terrain: terrain, threads: threads)
    }
}
