import Testing
@testable import NanoCityIO
@testable import NanoCityModel

/// Frames show what the legend says: terrain colours, agents as squares in their cells, the
/// toxicity heat tint, and the attractiveness layer.
@Suite struct FrameRendererTests {
    func quietCity() -> City {
        var p = WorldParameters()
        p.recyclers.count = 0; p.scavengers.count = 0; p.crew.count = 0; p.guards.count = 0
        p.sensors.density = 0
        p.frames.scale = 4
        let map = try! CityMap(ascii: "......\n.HC...\n.GX.r.\n......")
        return City(map: map, parameters: p, seed: 1)
    }

    func pixel(_ img: PNGImage, cellX: Int, cellY: Int, scale: Int = 4) -> (UInt8, UInt8, UInt8) {
        let x = cellX * scale + scale / 2, y = cellY * scale + scale / 2
        let o = 3 * (y * img.width + x)
        return (img.pixels[o], img.pixels[o + 1], img.pixels[o + 2])
    }

    @Test func terrainUsesTheLegendColours() {
        let img = FrameRenderer.render(quietCity())
        #expect(img.width == 24 && img.height == 16)
        #expect(pixel(img, cellX: 1, cellY: 1) == Terrain.heart.color)
        #expect(pixel(img, cellX: 2, cellY: 1) == Terrain.centre.color)
        #expect(pixel(img, cellX: 1, cellY: 2) == Terrain.station.color)
        #expect(pixel(img, cellX: 2, cellY: 2) == Terrain.hideout.color)
        #expect(pixel(img, cellX: 4, cellY: 2) == Terrain.residential.color)
        #expect(pixel(img, cellX: 0, cellY: 0) == Terrain.street.color)
    }

    @Test func agentsAreDrawnInTheirCellsAndToxicityTints() {
        var city = quietCity()
        city.params.guards.count = 1
        city.params.crew.count = 1
        city.reconcilePopulations()
        city.placeGuard(0, at: city.map.size.index(3, 0))
        city.placeCrew(0, at: city.map.size.index(5, 3))
        city.toxicity[4, 3] = 10
        let img = FrameRenderer.render(city)
        #expect(pixel(img, cellX: 3, cellY: 0) == FrameRenderer.guardColor)
        #expect(pixel(img, cellX: 5, cellY: 3) == FrameRenderer.crewColor)
        let toxic = pixel(img, cellX: 4, cellY: 3)
        #expect(toxic != Terrain.street.color && toxic.0 > toxic.1)  // crimson end of the heat ramp
    }

    @Test func attractivenessLayerIsAHeatMap() {
        var city = quietCity()
        city.params.frames.layer = .attractiveness
        city.attractiveness[5, 0] = 5
        let img = FrameRenderer.render(city)
        let hot = pixel(img, cellX: 5, cellY: 0), cold = pixel(img, cellX: 0, cellY: 3)
        #expect(hot == (255, 255, 255))
        #expect(Int(cold.0) + Int(cold.1) + Int(cold.2) < 30)
    }
}
