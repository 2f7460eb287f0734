import Testing
@testable import NanoCityExplore
import NanoCityIO
import NanoCityModel

/// The pictures the page shows.
@Suite struct LiveViewTests {
    @Test func theDifferenceMapIsWhereTheCitiesDiffer() throws {
        let world = try WorldFile.embeddedDefault()
        let map = try world.buildMap()
        let a = City(map: map, parameters: world.parameters, seed: 1)
        var b = a
        let d = DifferenceFrame(field: .toxicity, cellPixels: 2)
        let same = d.render(a, b)
        #expect(same.pixel(x: 10, y: 10) == .white)
        b.toxicity.values[5 * map.size.width + 7] += 1
        let one = d.render(a, b)
        let p = one.pixel(x: 7 * 2, y: 5 * 2)
        #expect(p.r > 150 && p.g < 60 && p.b < 80)  // red: B higher
        #expect(one.pixel(x: 0, y: 0) == .white)
        #expect(DifferenceFrame.color(-1) == RGB(33, 102, 172) && DifferenceFrame.color(0) == .white)
    }

    @Test func averagingKeepsTheMeanOfEachBlock() {
        var c = Canvas(width: 3, height: 2, background: .black)
        c.fill(x: 0, y: 0, w: 1, h: 1, RGB(200, 100, 40))
        let small = LiveView.averaged(c, by: 2)
        #expect(small.width == 2 && small.height == 1)
        #expect(small.pixel(x: 0, y: 0) == RGB(50, 25, 10))
        #expect(small.pixel(x: 1, y: 0) == .black)
    }

    @Test func framesCarryTheirKindAndTick() {
        let m = LiveView.message(.difference, tick: 0x01020304, png: [9, 9])
        #expect(m == [2, 1, 2, 3, 4, 9, 9])
    }
}
