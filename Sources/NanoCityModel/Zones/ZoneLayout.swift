import NanoCityEngine

/// The zones of a world laid on its map: each zone's cells, its buffer ring and, per cell, the
/// zone it belongs to. Built once per map (`CityMap.zones`); the model reads it, never changes it.
public struct ZoneLayout: Sendable {
    /// A set of cells, ascending.
    public struct Area: Sendable, Equatable {
        public let cells: [Int32]

        /// Whether `c` is one of the cells (binary search: areas are asked about events, few per tick).
        @inlinable public func contains(_ c: Int) -> Bool {
            var lo = 0, hi = cells.count
            while lo < hi {
                let mid = (lo + hi) >> 1
                let v = Int(cells[mid])
                if v == c { return true }
                if v < c { lo = mid + 1 } else { hi = mid }
            }
            return false
        }
    }

    /// Zone names, in declaration order.
    public let names: [String]
    /// Each zone's cells.
    public let targets: [Area]
    /// Each zone's buffer: cells within `buffers[z]` (Chebyshev) of the zone, not in it; empty
    /// when the zone has no buffer.
    public let buffers: [Area]
    public let bufferWidths: [Int]
    /// Each zone's anchor: its cell nearest its centroid (ties: the first in row order), where
    /// guards assigned to it head while outside.
    public let anchors: [Int32]
    /// Per cell: 0 outside every zone, z + 1 in zone z. Empty when there are no zones.
    public let zoneOfCell: [UInt8]
    /// The `metrics.csv` columns the zones add (`zone.<name>.<metric>`), in order.
    public let metrics: [MetricSpec]

    public static let empty = ZoneLayout()

    public var count: Int { names.count }

    /// FNV-1a 64 (hex) of the names, buffer widths and cells: what a sweep's plan records, so a
    /// resume or a merge after a mask changed is refused.
    public var fingerprint: String {
        var w = StateWriter()
        for z in names.indices {
            w.write(names[z]); w.write(bufferWidths[z]); w.write(array: targets[z].cells)
        }
        return FNV1a.hex(w.bytes)
    }
    public var isEmpty: Bool { names.isEmpty }

    private init() {
        names = []; targets = []; buffers = []; bufferWidths = []; anchors = []; zoneOfCell = []; metrics = []
    }

    /// Lays zones on a grid: `cells[z]` are zone z's cells (any order, duplicates allowed),
    /// `buffers[z]` its buffer width.
    public init(size: GridSize, names: [String], cells: [[Int32]], buffers: [Int]) throws(ZoneError) {
        precondition(names.count == cells.count && names.count == buffers.count)
        guard names.count <= ZoneDeclaration.maxZones else { throw .tooMany(count: names.count) }
        var seen = Set<String>()
        for n in names {
            guard ZoneDeclaration.isValidName(n) else { throw .badName(n) }
            guard seen.insert(n).inserted else { throw .duplicateName(n) }
        }
        let n = size.count
        var owner = [UInt8](repeating: 0, count: names.isEmpty ? 0 : n)
        var targets: [Area] = [], anchors: [Int32] = []
        for (z, list) in cells.enumerated() {
            guard (0...ZoneDeclaration.maxBuffer).contains(buffers[z]) else { throw .badBuffer(zone: names[z], buffer: buffers[z]) }
            var unique: [Int32] = []
            unique.reserveCapacity(list.count)
            for c in list {
                guard c >= 0, Int(c) < n else { throw .outside(zone: names[z], x: -1, y: -1, width: size.width, height: size.height) }
                let o = Int(owner[Int(c)])
                if o == z + 1 { continue }
                if o != 0 { throw .overlap(zone: names[z], other: names[o - 1], x: Int(c) % size.width, y: Int(c) / size.width) }
                owner[Int(c)] = UInt8(z + 1)
                unique.append(c)
            }
            guard !unique.isEmpty else { throw .empty(zone: names[z]) }
            unique.sort()
            targets.append(Area(cells: unique))
            anchors.append(Self.anchor(unique, size: size))
        }
        self.names = names
        self.targets = targets
        self.anchors = anchors
        self.bufferWidths = buffers
        self.zoneOfCell = owner
        let rings = targets.indices.map { z in Area(cells: Self.ring(around: targets[z].cells, owner: owner, zone: z, width: buffers[z], size: size)) }
        for z in rings.indices where buffers[z] > 0 && rings[z].cells.isEmpty { throw .emptyBuffer(zone: names[z], buffer: buffers[z]) }
        self.buffers = rings
        self.metrics = ZoneMetrics.columns(names: names, targets: targets, buffers: self.buffers, size: size)
    }

    /// The cells of a rect, disk or list on a grid; every cell must lie on it.
    public static func cells(of shape: ZoneDeclaration.Shape, zone: String, size: GridSize) throws(ZoneError) -> [Int32] {
        func outside(_ x: Int, _ y: Int) -> ZoneError { .outside(zone: zone, x: x, y: y, width: size.width, height: size.height) }
        switch shape {
        case .rect(let x0, let y0, let x1, let y1):
            guard x0 <= x1, y0 <= y1 else { throw .emptyRect(zone: zone) }
            for (x, y) in [(x0, y0), (x1, y1)] where !size.contains(x, y) { throw outside(x, y) }
            var out: [Int32] = []
            out.reserveCapacity((x1 - x0 + 1) * (y1 - y0 + 1))
            for y in y0...y1 { for x in x0...x1 { out.append(Int32(size.index(x, y))) } }
            return out
        case .disk(let cx, let cy, let r):
            guard (0...ZoneDeclaration.maxRadius).contains(r) else { throw .badRadius(zone: zone, radius: r) }
            // The centre first: on the map, so centre ± r cannot overflow.
            guard size.contains(cx, cy) else { throw outside(cx, cy) }
            // The disk's extreme cells are its centre ± r along each axis.
            for (x, y) in [(cx - r, cy), (cx + r, cy), (cx, cy - r), (cx, cy + r)] where !size.contains(x, y) { throw outside(x, y) }
            var out: [Int32] = []
            for y in (cy - r)...(cy + r) {
                for x in (cx - r)...(cx + r) where (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r {
                    out.append(Int32(size.index(x, y)))
                }
            }
            return out
        case .cells(let xy):
            guard xy.count / 2 <= ZoneDeclaration.maxListedCells else { throw .tooManyCells(zone: zone, count: xy.count / 2) }
            var out: [Int32] = []
            out.reserveCapacity(xy.count / 2)
            var i = 0
            while i + 1 < xy.count {
                let x = xy[i], y = xy[i + 1]
                guard size.contains(x, y) else { throw outside(x, y) }
                out.append(Int32(size.index(x, y)))
                i += 2
            }
            return out
        case .mask:
            throw .unreadMask(zone: zone)
        }
    }

    /// The cell of `cells` nearest their centroid.
    static func anchor(_ cells: [Int32], size: GridSize) -> Int32 {
        var sx = 0.0, sy = 0.0
        for c in cells { sx += Double(Int(c) % size.width); sy += Double(Int(c) / size.width) }
        let mx = sx / Double(cells.count), my = sy / Double(cells.count)
        var best = cells[0], bestD = Double.infinity
        for c in cells {
            let dx = Double(Int(c) % size.width) - mx, dy = Double(Int(c) / size.width) - my
            let d = dx * dx + dy * dy
            if d < bestD { bestD = d; best = c }
        }
        return best
    }

    /// Cells within Chebyshev `width` of `cells`, not in zone `zone`, ascending: a square
    /// dilation done separably (rows, then columns) over the zone's bounding box grown by
    /// `width`, so the cost is that box's area, not the zone's cells × width².
    static func ring(around cells: [Int32], owner: [UInt8], zone: Int, width b: Int, size: GridSize) -> [Int32] {
        guard b > 0 else { return [] }
        var x0 = Int.max, y0 = Int.max, x1 = Int.min, y1 = Int.min
        for c in cells {
            let x = Int(c) % size.width, y = Int(c) / size.width
            x0 = min(x0, x); x1 = max(x1, x); y0 = min(y0, y); y1 = max(y1, y)
        }
        x0 = max(0, x0 - b); y0 = max(0, y0 - b); x1 = min(size.width - 1, x1 + b); y1 = min(size.height - 1, y1 + b)
        let w = x1 - x0 + 1, h = y1 - y0 + 1
        var mark = [UInt8](repeating: 0, count: w * h)
        for c in cells { mark[(Int(c) / size.width - y0) * w + (Int(c) % size.width - x0)] = 1 }
        var rows = [UInt8](repeating: 0, count: w * h)
        // Rows: a cell is marked when any cell within b along its row is (a running count).
        for y in 0..<h {
            var count = 0
            for x in 0..<min(w, b) { count += Int(mark[y * w + x]) }
            for x in 0..<w {
                if x + b < w { count += Int(mark[y * w + x + b]) }
                if x - b - 1 >= 0 { count -= Int(mark[y * w + x - b - 1]) }
                rows[y * w + x] = count > 0 ? 1 : 0
            }
        }
        var out: [Int32] = []
        // Columns of the row pass, the same way; the result is read out in row order below.
        var dilated = [UInt8](repeating: 0, count: w * h)
        for x in 0..<w {
            var count = 0
            for y in 0..<min(h, b) { count += Int(rows[y * w + x]) }
            for y in 0..<h {
                if y + b < h { count += Int(rows[(y + b) * w + x]) }
                if y - b - 1 >= 0 { count -= Int(rows[(y - b - 1) * w + x]) }
                dilated[y * w + x] = count > 0 ? 1 : 0
            }
        }
        for y in 0..<h {
            for x in 0..<w where dilated[y * w + x] != 0 {
                let c = (y + y0) * size.width + (x + x0)
                if Int(owner[c]) != zone + 1 { out.append(Int32(c)) }
            }
        }
        return out
    }

    /// Per cell, the Chebyshev distance to the nearest of `cells`, capped at `limit` (a
    /// breadth-first search over 8-neighbours from every cell of the zone at once): the rings
    /// of a fork report's "where crime went" profile.
    public static func distances(from cells: [Int32], size: GridSize, limit: Int) -> [UInt8] {
        var d = [UInt8](repeating: UInt8(limit), count: size.count)
        var frontier = cells, next: [Int32] = []
        for c in cells { d[Int(c)] = 0 }
        var step = 0
        while !frontier.isEmpty && step + 1 < limit {
            step += 1
            next.removeAll(keepingCapacity: true)
            for c in frontier {
                size.forEachNeighbour(of: Int(c)) { nb in
                    if Int(d[nb]) > step { d[nb] = UInt8(step); next.append(Int32(nb)) }
                }
            }
            swap(&frontier, &next)
        }
        return d
    }
}
