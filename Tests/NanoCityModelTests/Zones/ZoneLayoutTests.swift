import NanoCityEngine
import Testing
@testable import NanoCityModel

/// Zones laid on a grid: shapes, refusals, the buffer ring and the ring distances, each against
/// a brute-force definition.
@Suite struct ZoneLayoutTests {
    let size = GridSize(width: 20, height: 12)

    func cells(_ shape: ZoneDeclaration.Shape) throws -> Set<Int32> {
        Set(try ZoneLayout.cells(of: shape, zone: "z", size: size))
    }

    @Test func shapesCoverTheirCells() throws {
        #expect(try cells(.rect(x0: 2, y0: 3, x1: 4, y1: 3)) == [62, 63, 64])
        // A disk of radius 1: the centre and its 4 neighbours (Euclidean distance ≤ 1).
        #expect(try cells(.disk(x: 5, y: 5, radius: 1)) == Set([105, 104, 106, 85, 125].map(Int32.init)))
        #expect(try cells(.disk(x: 5, y: 5, radius: 2)).count == 13)
        #expect(try cells(.cells([0, 0, 19, 11])) == [0, 239])
    }

    @Test func cellsOffTheMapAreRefusedNotClipped() {
        #expect(throws: ZoneError.outside(zone: "z", x: 20, y: 4, width: 20, height: 12)) { try cells(.rect(x0: 18, y0: 3, x1: 20, y1: 4)) }
        #expect(throws: ZoneError.outside(zone: "z", x: -1, y: 1, width: 20, height: 12)) { try cells(.disk(x: 1, y: 1, radius: 2)) }
        #expect(throws: ZoneError.outside(zone: "z", x: 3, y: 12, width: 20, height: 12)) { try cells(.cells([1, 1, 3, 12])) }
        #expect(throws: ZoneError.emptyRect(zone: "z")) { try cells(.rect(x0: 4, y0: 3, x1: 2, y1: 3)) }
        #expect(throws: ZoneError.badRadius(zone: "z", radius: -1)) { try cells(.disk(x: 5, y: 5, radius: -1)) }
        let e = ZoneError.outside(zone: "z", x: 20, y: 3, width: 20, height: 12).description
        #expect(e.contains("(20, 3)") && e.contains("20×12") && e.contains("not clipped"))
    }

    @Test func overlapsNamesAndBuffersAreChecked() {
        #expect(throws: ZoneError.overlap(zone: "b", other: "a", x: 3, y: 0)) {
            try ZoneLayout(size: size, names: ["a", "b"], cells: [[1, 2, 3], [3, 4]], buffers: [0, 0])
        }
        #expect(throws: ZoneError.duplicateName("a")) { try ZoneLayout(size: size, names: ["a", "a"], cells: [[1], [5]], buffers: [0, 0]) }
        #expect(throws: ZoneError.badName("Rest")) { try ZoneLayout(size: size, names: ["Rest"], cells: [[1]], buffers: [0]) }
        #expect(throws: ZoneError.badName("buffer")) { try ZoneLayout(size: size, names: ["buffer"], cells: [[1]], buffers: [0]) }
        #expect(throws: ZoneError.empty(zone: "a")) { try ZoneLayout(size: size, names: ["a"], cells: [[]], buffers: [0]) }
        let all = (0..<Int32(size.count)).map { $0 }
        #expect(throws: ZoneError.emptyBuffer(zone: "a", buffer: 2)) { try ZoneLayout(size: size, names: ["a"], cells: [all], buffers: [2]) }
        #expect(throws: ZoneError.tooMany(count: 33)) {
            try ZoneLayout(size: size, names: (0..<33).map { "z\($0)" }, cells: (0..<33).map { [Int32($0)] }, buffers: Array(repeating: 0, count: 33))
        }
        for bad in ["", "1a", "a.b", "a-b", "Z", String(repeating: "a", count: 33)] { #expect(!ZoneDeclaration.isValidName(bad)) }
        for good in ["a", "industrial", "zone_2", String(repeating: "a", count: 32)] { #expect(ZoneDeclaration.isValidName(good)) }
    }

    /// The buffer is every cell within Chebyshev `b` of the zone, not in it; the ring distances
    /// are the Chebyshev distance to the zone — both against a brute-force scan.
    @Test func buffersAndRingsMatchBruteForce() throws {
        let zone: [Int32] = [22, 23, 43, 66, 67, 68, 130, 219]  // an irregular zone, one cell near the edge
        for b in [1, 2, 3, 7] {
            let layout = try ZoneLayout(size: size, names: ["a"], cells: [zone], buffers: [b])
            var expected: [Int32] = []
            for c in 0..<size.count where !zone.contains(Int32(c)) {
                if zone.map({ size.distance(c, Int($0)) }).min()! <= b { expected.append(Int32(c)) }
            }
            #expect(layout.buffers[0].cells == expected)
            #expect(layout.targets[0].cells == zone.sorted())
            for c in [0, 22, 100, 239] { #expect(layout.buffers[0].contains(c) == expected.contains(Int32(c))) }
        }
        let d = ZoneLayout.distances(from: zone, size: size, limit: 5)
        for c in 0..<size.count {
            #expect(Int(d[c]) == min(5, zone.map { size.distance(c, Int($0)) }.min()!))
        }
    }

    @Test func theAnchorIsTheCellNearestTheCentroid() throws {
        let layout = try ZoneLayout(size: size, names: ["a", "b"], cells: [[0, 1, 2], [Int32(size.index(10, 5)), Int32(size.index(12, 5))]], buffers: [0, 0])
        #expect(layout.anchors == [1, Int32(size.index(10, 5))])  // b: centroid (11, 5) is between; the first in row order
        #expect(layout.zoneOfCell[1] == 1 && layout.zoneOfCell[Int(size.index(12, 5))] == 2 && layout.zoneOfCell[5] == 0)
    }

    @Test func zoneColumnNamesAgreeWithTheLaidColumns() throws {
        let decl = [ZoneDeclaration(name: "a", shape: .cells([1, 1]), buffer: 2), ZoneDeclaration(name: "b", shape: .cells([9, 9]))]
        let layout = try ZoneLayout(size: size, names: ["a", "b"], cells: [[21], [189]], buffers: [2, 0])
        #expect(ZoneMetrics.names(for: decl).map(\.name) == layout.metrics.map(\.name))
        #expect(ZoneMetrics.names(for: decl).map(\.kind) == layout.metrics.map(\.kind))
        #expect(layout.metrics.map(\.name).contains("zone.a.buffer.thefts") && !layout.metrics.map(\.name).contains("zone.b.buffer.thefts"))
        for c in layout.metrics { #expect(ZoneMetrics.kind(ofColumn: c.name) == c.kind) }
        #expect(ZoneMetrics.kind(ofColumn: "zone.a.rest.thefts") == nil && ZoneMetrics.kind(ofColumn: "thefts") == nil)
    }
}
