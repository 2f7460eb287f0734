import NanoCityEngine

/// A city layout: terrain per cell plus the places agents look for, and precomputed
/// nearest-place lookups (so no agent searches the whole map in the tick loop).
public struct CityMap: Sendable {
    /// Largest grid accepted (64 Mi cells ≈ 2.5 GiB of fields and lookups).
    public static let maxCells = 1 << 26

    public let size: GridSize
    /// `Terrain.rawValue` per cell.
    public let terrain: [UInt8]
    /// Cells holding a sensor placed explicitly in the map.
    public let sensorCells: [Int32]
    public let centres: [Int32]
    public let heart: Int32
    public let stations: [Int32]
    public let hideouts: [Int32]
    public let streets: [Int32]
    public let residential: [Int32]
    public let industrial: [Int32]
    /// Per cell: the nearest recycling centre (index into `centres`), by Chebyshev distance.
    /// 16-bit (a map has at most `maxPlaces` centres): 34 MB less on a 4096² map.
    public let nearestCentre: [UInt16]
    /// Per cell: the nearest hideout (index into `hideouts`).
    public let nearestHideout: [UInt16]
    /// Most recycling centres, and most hideouts, on one map.
    public static let maxPlaces = Int(UInt16.max)
    /// Per cell: the nearest street cell (a cell index).
    public let nearestStreet: [Int32]
    /// Per cell: bit j set when neighbour j is an in-grid street cell, neighbours numbered
    /// row by row (dy = −1, 0, 1; dx = −1, 0, 1; the cell itself skipped), so a street walk is
    /// a table lookup instead of eight terrain reads.
    public let streetNeighbours: [UInt8]
    /// How many producing cells litter onto each street (generation's plan).
    let streetLitter: StreetLitter
    /// The world's zones laid on this map (none unless the world declares `[[zone]]`s; the I/O
    /// layer lays them, reading any mask, when it builds the map).
    public var zones = ZoneLayout.empty

    /// Checks and indexes a layout. `threads` cores build the four per-cell lookup tables side
    /// by side (each table on one core, so they are the same for any value).
    public init(size: GridSize, terrain: [UInt8], sensorCells: [Int32] = [], threads: Int = 1) throws(MapError) {
        guard size.width >= 3, size.height >= 3 else { throw .tooSmall(width: size.width, height: size.height) }
        guard size.count <= CityMap.maxCells else { throw .tooLarge(cells: size.count, limit: CityMap.maxCells) }
        precondition(terrain.count == size.count)
        self.size = size
        self.terrain = terrain
        self.sensorCells = sensorCells
        let lists = try CityMap.cellsByTerrain(terrain)
        for c in sensorCells where c < 0 || Int(c) >= size.count { throw .sensorOutside(cell: Int(c)) }
        let hearts = lists[Int(Terrain.heart.rawValue)]
        guard hearts.count == 1 else { throw .heartCount(hearts.count) }
        for t in [Terrain.street, .centre, .station, .hideout] where lists[Int(t.rawValue)].isEmpty {
            throw .missing(t)
        }
        heart = hearts[0]
        streets = lists[Int(Terrain.street.rawValue)]
        residential = lists[Int(Terrain.residential.rawValue)]
        industrial = lists[Int(Terrain.industrial.rawValue)]
        centres = lists[Int(Terrain.centre.rawValue)]
        stations = lists[Int(Terrain.station.rawValue)]
        hideouts = lists[Int(Terrain.hideout.rawValue)]
        for t in [Terrain.centre, .hideout] where lists[Int(t.rawValue)].count > Self.maxPlaces {
            throw .tooMany(t, count: lists[Int(t.rawValue)].count, limit: Self.maxPlaces)
        }
        // Every cell is labelled (the search covers the open grid) with an index < maxPlaces.
        var centreTable: [UInt16] = [], hideoutTable: [UInt16] = [], streetTable: [Int32] = [], masks: [UInt8] = []
        let (centres, hideouts, streets) = (centres, hideouts, streets)
        ConcurrentTasks.run(count: 4, threads: threads) { task in
            switch task {
            case 0: centreTable = CityMap.nearest(size: size, sources: centres, labelBySource: true).map { UInt16(truncatingIfNeeded: $0) }
            case 1: hideoutTable = CityMap.nearest(size: size, sources: hideouts, labelBySource: true).map { UInt16(truncatingIfNeeded: $0) }
            case 2: streetTable = CityMap.nearest(size: size, sources: streets, labelBySource: false)
            default: masks = CityMap.neighbourMasks(size: size, terrain: terrain, of: .street)
            }
        }
        nearestCentre = centreTable
        nearestHideout = hideoutTable
        nearestStreet = streetTable
        streetNeighbours = masks
        streetLitter = StreetLitter(size: size, streets: streets, residential: residential, industrial: industrial,
                                    nearestStreet: streetTable)
    }

    /// The cells of each terrain kind, in cell order, indexed by `Terrain.rawValue`. A counting
    /// sort: count each kind, scatter every cell index into its kind's slice of one buffer (one
    /// pass, no per-cell appends), copy the slices out (the buffer is freed on return). A code
    /// outside the legend (a crafted checkpoint) is an error, never an index out of range.
    static func cellsByTerrain(_ terrain: [UInt8]) throws(MapError) -> [[Int32]] {
        let kinds = Terrain.allCases.count
        var start = [Int](repeating: 0, count: kinds + 1)
        for (i, t) in terrain.enumerated() {
            guard Int(t) < kinds else { throw .unknownTerrain(cell: i, code: t) }
            start[Int(t) + 1] += 1
        }
        for k in 0..<kinds { start[k + 1] += start[k] }
        var sorted = [Int32](repeating: 0, count: terrain.count)
        var next = start
        sorted.withUnsafeMutableBufferPointer { out in
            terrain.withUnsafeBufferPointer { t in
                next.withUnsafeMutableBufferPointer { cursor in
                    for i in 0..<t.count {
                        let k = Int(t[i])
                        out[cursor[k]] = Int32(truncatingIfNeeded: i)
                        cursor[k] &+= 1
                    }
                }
            }
        }
        return (0..<kinds).map { Array(sorted[start[$0]..<start[$0 + 1]]) }
    }

    /// The neighbour offsets in the bit order of `streetNeighbours`, for a grid `width` wide.
    @inlinable public static func neighbourOffset(_ bit: Int, width: Int) -> Int {
        let j = bit < 4 ? bit : bit &+ 1  // skip the centre of the 3×3
        return (j / 3 &- 1) &* width &+ (j % 3 &- 1)
    }

    static func neighbourMasks(size: GridSize, terrain: [UInt8], of kind: Terrain) -> [UInt8] {
        let w = size.width, h = size.height, want = kind.rawValue
        var masks = [UInt8](repeating: 0, count: size.count)
        masks.withUnsafeMutableBufferPointer { out in
            terrain.withUnsafeBufferPointer { t in
                for y in 0..<h {
                    for x in 0..<w {
                        var m: UInt8 = 0, bit: UInt8 = 1
                        for dy in -1...1 {
                            for dx in -1...1 where dx != 0 || dy != 0 {
                                let nx = x &+ dx, ny = y &+ dy
                                if nx >= 0, ny >= 0, nx < w, ny < h, t[ny &* w &+ nx] == want { m |= bit }
                                bit = bit &<< 1
                            }
                        }
                        out[y &* w &+ x] = m
                    }
                }
            }
        }
        return masks
    }

    public func terrain(at cell: Int) -> Terrain { Terrain(rawValue: terrain[cell])! }

    /// The index into `centres` of the centre on `cell`, or -1. A centre cell's nearest centre
    /// is itself, so no per-cell table is needed (64 MB saved on a 4096² map).
    @inline(__always) public func centreIndex(at cell: Int) -> Int {
        terrain[cell] == Terrain.centre.rawValue ? Int(nearestCentre[cell]) : -1
    }

    /// Multi-source breadth-first search over 8-neighbour moves (= Chebyshev distance on an open
    /// grid). Ties go to the source listed first, so results are deterministic.
    static func nearest(size: GridSize, sources: [Int32], labelBySource: Bool) -> [Int32] {
        var label = [Int32](repeating: -1, count: size.count)
        // The queue holds each cell once: a preallocated buffer with a tail index (no appends,
        // no uniqueness checks per cell; same visiting order, so the same labels).
        var queue = [Int32](repeating: 0, count: size.count)
        let w = size.width, h = size.height
        label.withUnsafeMutableBufferPointer { lab in
            queue.withUnsafeMutableBufferPointer { q in
                var tail = 0
                for (k, s) in sources.enumerated() where lab[Int(s)] < 0 {
                    lab[Int(s)] = labelBySource ? Int32(k) : s
                    q[tail] = s; tail &+= 1
                }
                var head = 0
                while head < tail {
                    let c = Int(q[head]); head &+= 1
                    let x = c % w, y = c / w, l = lab[c]
                    for dy in -1...1 {
                        let yy = y &+ dy
                        if yy < 0 || yy >= h { continue }
                        for dx in -1...1 {
                            let xx = x &+ dx
                            if xx < 0 || xx >= w { continue }
                            let n = yy &* w &+ xx
                            if lab[n] < 0 { lab[n] = l; q[tail] = Int32(truncatingIfNeeded: n); tail &+= 1 }
                        }
                    }
                }
            }
        }
        return label
    }

    // MARK: ASCII maps

    /// Legend of ASCII symbols, for messages and the README.
    public static var legendSummary: String {
        Terrain.allCases.map { "'\($0.symbol)' \($0.name)" }.joined(separator: ", ") + ", 'S' street with a sensor"
    }

    /// Legend of PNG colours, for messages.
    public static var colorLegendSummary: String {
        Terrain.allCases.map { t in let c = t.color; return "\(t.name) (\(c.0), \(c.1), \(c.2))" }.joined(separator: ", ")
            + ", sensor (\(Terrain.sensorColor.0), \(Terrain.sensorColor.1), \(Terrain.sensorColor.2))"
    }

    /// Parses an ASCII layout: one row per line, one symbol per cell; blank lines at the ends are
    /// ignored; `lineOffset` shifts reported line numbers (for maps inline in a world file).
    public init(ascii text: String, lineOffset: Int = 0, threads: Int = 1) throws(MapError) {
        // "\r\n" is one Character in Swift: split on both spellings of a line end.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map {
            $0.hasSuffix("\r") ? $0.dropLast() : $0
        }
        var firstLine = 1
        while let f = lines.first, f.allSatisfy({ $0 == " " || $0 == "\t" }) { lines.removeFirst(); firstLine += 1 }
        while let l = lines.last, l.allSatisfy({ $0 == " " || $0 == "\t" }) { lines.removeLast() }
        guard !lines.isEmpty else { throw .empty }
        let rows = lines.map { Array($0.trimmingTrailingSpaces()) }
        let w = rows[0].count
        var terrain = [UInt8]()
        terrain.reserveCapacity(w * rows.count)
        var sensors = [Int32]()
        let bySymbol = Dictionary(uniqueKeysWithValues: Terrain.allCases.map { ($0.symbol, $0) })
        for (r, row) in rows.enumerated() {
            let lineNo = r + firstLine + lineOffset
            guard row.count == w else { throw .raggedRow(line: lineNo, length: row.count, expected: w) }
            for (c, ch) in row.enumerated() {
                if ch == "S" {
                    sensors.append(Int32(terrain.count))
                    terrain.append(Terrain.street.rawValue)
                } else if let t = bySymbol[ch] {
                    terrain.append(t.rawValue)
                } else {
                    throw .unknownSymbol(line: lineNo, column: c + 1, symbol: ch)
                }
            }
        }
        try self.init(size: GridSize(width: w, height: rows.count), terrain: terrain, sensorCells: sensors, threads: threads)
    }

    /// Builds a map from RGB pixels (row-major, 3 bytes per pixel) coloured with the legend.
    public init(rgb: [UInt8], width: Int, height: Int, threads: Int = 1) throws(MapError) {
        guard width * height <= CityMap.maxCells else { throw .tooLarge(cells: width * height, limit: CityMap.maxCells) }
        var terrain = [UInt8](repeating: 0, count: width * height)
        var sensors = [Int32]()
        for i in 0..<(width * height) {
            let r = rgb[3 * i], g = rgb[3 * i + 1], b = rgb[3 * i + 2]
            if (r, g, b) == Terrain.sensorColor {
                terrain[i] = Terrain.street.rawValue
                sensors.append(Int32(i))
            } else if let t = Terrain.allCases.first(where: { $0.color == (r, g, b) }) {
                terrain[i] = t.rawValue
            } else {
                throw .unknownColor(x: i % width, y: i / width, r: r, g: g, b: b)
            }
        }
        try self.init(size: GridSize(width: width, height: height), terrain: terrain, sensorCells: sensors, threads: threads)
    }

    /// The map as ASCII, one row per line (the inverse of `init(ascii:)`).
    public func asciiArt() -> String {
        var sensorSet = [Bool](repeating: false, count: size.count)
        for s in sensorCells { sensorSet[Int(s)] = true }
        var out = ""
        for y in 0..<size.height {
            for x in 0..<size.width {
                let i = size.index(x, y)
                out.append(sensorSet[i] ? "S" : terrain(at: i).symbol)
            }
            out.append("\n")
        }
        return out
    }
}

extension Substring {
    func trimmingTrailingSpaces() -> Substring {
        var s = self
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return s
    }
}
