import Testing
import NanoCityEngine
@testable import NanoCityModel
import NanoCityTestSupport

@Suite struct CityMapTests {
    @Test func tooManyCentresIsAClearError() {
        // 65,536 centres on one map: more than the 16-bit nearest-centre table holds.
        let w = 512, h = 260
        var rows: [String] = []
        for y in 0..<h {
            if y == 0 { rows.append("H" + "G" + "X" + String(repeating: ".", count: w - 3)); continue }
            rows.append(String(repeating: y % 2 == 1 ? "C" : ".", count: w))
        }
        #expect(throws: MapError.tooMany(.centre, count: 130 * 512, limit: 65_535)) { try CityMap(ascii: rows.joined(separator: "\n")) }
    }

    @Test func asciiMapParsesWithLegendAndNearestLookups() throws {
        let m = TestWorlds.map()
        #expect(m.size.width == 9 && m.size.height == 7)
        #expect(m.terrain(at: Int(m.heart)) == .heart)
        #expect(m.centres.count == 1 && m.stations.count == 1 && m.hideouts.count == 1)
        #expect(m.asciiArt() == TestWorlds.smallASCII + "\n")
        // The centre is at (2,2); every cell's nearest centre is the only one.
        #expect(m.centres[0] == Int32(m.size.index(2, 2)))
        #expect(m.nearestCentre.allSatisfy { $0 == 0 })
        // The nearest street to the residential cell (2,1) is a street next to it.
        let s = Int(m.nearestStreet[m.size.index(2, 1)])
        #expect(m.terrain(at: s) == .street)
    }

    @Test func asciiErrorsNameLineAndColumn() {
        #expect(throws: MapError.unknownSymbol(line: 3, column: 4, symbol: "?")) {
            try CityMap(ascii: "....\n.HC.\n.GX?\n....")
        }
        #expect(throws: MapError.raggedRow(line: 2, length: 3, expected: 4)) {
            try CityMap(ascii: "....\n.HC\n.GX.\n....")
        }
        #expect(throws: MapError.heartCount(2)) { try CityMap(ascii: "....\n.HH.\n.GXC\n....") }
        #expect(throws: MapError.missing(.centre)) { try CityMap(ascii: "....\n.H..\n.GX.\n....") }
    }

    @Test func sensorSymbolIsAStreetWithASensor() throws {
        let m = try CityMap(ascii: "S...\n.HC.\n.GX.\n....")
        #expect(m.sensorCells == [0])
        #expect(m.terrain(at: 0) == .street)
    }

    @Test func proceduralCityHasEveryPlaceAndIsSeeded() throws {
        var p = WorldParameters().map
        p.width = 48; p.height = 40; p.centres = 3; p.stations = 2; p.hideouts = 2
        let a = try MapGenerator.generate(p)
        let b = try MapGenerator.generate(p)
        #expect(a.terrain == b.terrain)
        #expect(a.centres.count == 3 && a.stations.count == 2 && a.hideouts.count == 2)
        #expect(!a.residential.isEmpty && !a.industrial.isEmpty && !a.streets.isEmpty)
        p.seed = 99
        #expect(try MapGenerator.generate(p).terrain != a.terrain)
        p.centres = 500
        #expect(throws: MapError.self) { try MapGenerator.generate(p) }
    }

    @Test func imagePixelsMapThroughTheColourLegend() throws {
        let ascii = "....\n.HC.\n.GX.\nS..."
        let m = try CityMap(ascii: ascii)
        var rgb: [UInt8] = []
        for i in 0..<m.size.count {
            let c = m.sensorCells.contains(Int32(i)) ? Terrain.sensorColor : m.terrain(at: i).color
            rgb += [c.0, c.1, c.2]
        }
        let fromImage = try CityMap(rgb: rgb, width: 4, height: 4)
        #expect(fromImage.terrain == m.terrain)
        #expect(fromImage.sensorCells == m.sensorCells)
        rgb[0] = 1
        #expect(throws: MapError.self) { try CityMap(rgb: rgb, width: 4, height: 4) }
    }

    @Test func streetNeighbourMasksMatchAScanOfTheNeighbours() throws {
        var p = WorldParameters().map
        p.width = 37; p.height = 23
        let m = try MapGenerator.generate(p)
        let w = m.size.width
        for c in 0..<m.size.count {
            var expected: [Int] = []
            m.size.forEachNeighbour(of: c) { n in if m.terrain[n] == Terrain.street.rawValue { expected.append(n) } }
            var got: [Int] = []
            for bit in 0..<8 where m.streetNeighbours[c] & (1 << bit) != 0 { got.append(c + CityMap.neighbourOffset(bit, width: w)) }
            #expect(got == expected, "cell \(c)")
        }
    }

    @Test func gridGeometry() {
        let g = GridSize(width: 10, height: 7)
        #expect(g.distance(g.index(1, 1), g.index(4, 6)) == 5)
        #expect(g.step(from: g.index(1, 1), toward: g.index(4, 6)) == g.index(2, 2))
        #expect(g.step(from: g.index(5, 3), toward: g.index(5, 0)) == g.index(5, 2))
        #expect(g.step(from: g.index(5, 3), toward: g.index(5, 3)) == g.index(5, 3))
    }

    @Test func centreIndexIsTheCentresOwnIndex() throws {
        var p = WorldParameters().map
        p.width = 64; p.height = 48; p.centres = 9
        let m = try MapGenerator.generate(p)
        for (k, c) in m.centres.enumerated() { #expect(m.centreIndex(at: Int(c)) == k) }
        let notCentres = (0..<m.size.count).filter { m.terrain[$0] != Terrain.centre.rawValue }
        #expect(notCentres.allSatisfy { m.centreIndex(at: $0) == -1 })
    }
}
