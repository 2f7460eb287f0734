import Testing
@testable import NanoCityIO
@testable import NanoCityModel

/// Frames show what the legend says, at every scale: terrain in its frame colour, agents as
/// markers in their cells with state marks, fields in their colour map on the fixed scale, and
/// a strip whose digits read the tick.
@Suite struct FrameRendererTests {
    /// Every agent kind is drawn, once, and has its own layer.
    @Test func everyKindIsDrawnOnce() {
        #expect(Set(FrameRenderer.agentDrawOrder) == Set(AgentKind.allCases))
        #expect(FrameRenderer.agentDrawOrder.count == AgentKind.allCases.count)
        // Every marker is in exactly one layer's legend.
        let listed = FrameAgentLayer.allCases.flatMap(\.markers)
        #expect(listed.count == AgentMarker.allCases.count)
        for m in AgentMarker.allCases { #expect(listed.filter { $0 == m }.count == 1, "\(m)") }
        #expect(Set(AgentKind.allCases.map(FrameAgentLayer.showing)).count == AgentKind.allCases.count)
    }

    func quietCity() -> City {
        var p = WorldParameters()
        p.recyclers.count = 0; p.scavengers.count = 0; p.crew.count = 0; p.guards.count = 0
        p.sensors.density = 0
        let map = try! CityMap(ascii: "......\n.HC...\n.GX.r.\n..ip..")
        return City(map: map, parameters: p, seed: 1)
    }

    func renderer(_ city: City, _ settings: FrameSettings = FrameSettings(), scale: Int, hud: Bool = false,
                  layers: FrameLayers? = nil) throws -> FrameRenderer {
        FrameRenderer(style: try FrameStyle(for: city, settings: settings, scale: scale, layers: layers, hud: hud),
                      worldName: "test", totalTicks: 9999)
    }

    /// The pixel at the centre of a cell.
    func centre(_ c: Canvas, _ cx: Int, _ cy: Int, scale s: Int) -> RGB { c.pixel(x: cx * s + s / 2, y: cy * s + s / 2) }

    @Test(arguments: [1, 2, 3, 4, 5, 8, 13])
    func everyCellHasItsTerrainColourAtEveryScale(scale: Int) throws {
        let city = quietCity()
        let canvas = try renderer(city, scale: scale).render(city)
        #expect(canvas.width == 6 * scale && canvas.height == 4 * scale)
        for cy in 0..<4 {
            for cx in 0..<6 {
                let want = FramePalette.terrain(Terrain(rawValue: city.map.terrain[cy * 6 + cx])!)
                for (x, y) in [(cx * scale, cy * scale), (cx * scale + scale - 1, cy * scale + scale - 1)] {
                    #expect(canvas.pixel(x: x, y: y) == want, "cell (\(cx), \(cy)) pixel (\(x), \(y)) at scale \(scale)")
                }
            }
        }
    }

    @Test(arguments: [1, 2, 4, 6, 10, 16])
    func agentsAreMarkersOfTheirKindColourInTheirCells(scale: Int) throws {
        var city = quietCity()
        city.params.guards.count = 1
        city.params.crew.count = 1
        city.reconcilePopulations()
        city.placeGuard(0, at: city.map.size.index(3, 0))
        city.placeCrew(0, at: city.map.size.index(5, 3))
        let canvas = try renderer(city, scale: scale).render(city)
        #expect(centre(canvas, 3, 0, scale: scale) == FramePalette.guard)
        #expect(centre(canvas, 5, 3, scale: scale) == FramePalette.crew)
        // At one pixel per cell a marker still covers 3 × 3 pixels.
        if scale == 1 { #expect(canvas.pixel(x: 2, y: 1) == FramePalette.guard && canvas.pixel(x: 4, y: 1) == FramePalette.guard) }
    }

    @Test func statesAreShownByShape() throws {
        var city = quietCity()
        city.params.crew.count = 2
        city.reconcilePopulations()
        city.placeCrew(0, at: city.map.size.index(0, 0))
        city.placeCrew(1, at: city.map.size.index(5, 0))
        city.crew.state[1] = CrewStore.State.heist.rawValue
        let s = 10
        let canvas = try renderer(city, scale: s).render(city)
        let box = FrameRenderer(style: try FrameStyle(for: city, settings: FrameSettings(), scale: s, hud: false), worldName: "", totalTicks: 1)
            .box(Int32(city.map.size.index(5, 0)), gw: 6)
        // Outlined in ink; the heist ring is white just outside the marker.
        #expect(canvas.pixel(x: box.x, y: box.y) == FramePalette.ink)
        #expect(canvas.pixel(x: box.x - 1, y: box.y - 1) == FramePalette.alarm)
        let plain = FrameRenderer(style: try FrameStyle(for: city, settings: FrameSettings(), scale: s, hud: false), worldName: "", totalTicks: 1).box(0, gw: 6)
        #expect(canvas.pixel(x: plain.x - 1, y: plain.y - 1) == FramePalette.terrain(.street))
        // A trapped member carries a cross; a carrying one a dark centre.
        city.crew.trapped[0] = true
        let trapped = try renderer(city, scale: s).render(city)
        #expect(trapped.pixel(x: plain.x + 1, y: plain.y + 1) == FramePalette.ink)
        #expect(canvas.pixel(x: plain.x + 1, y: plain.y + 1) == FramePalette.crew)
    }

    @Test func fieldsUseTheirColourMapOnTheFixedScale() throws {
        var city = quietCity()
        var settings = FrameSettings()
        settings.toxicityMax = 4
        city.toxicity[4, 3] = 4        // full scale
        city.toxicity[3, 3] = 2        // half
        city.toxicity[0, 3] = 0.01     // below 2%: the ground shows
        let canvas = try renderer(city, settings, scale: 3).render(city)
        let tox = FramePalette.coloring(.toxicity)
        #expect(centre(canvas, 4, 3, scale: 3) == tox.color(1))
        #expect(centre(canvas, 3, 3, scale: 3) == tox.color(0.5))
        #expect(centre(canvas, 0, 3, scale: 3) == FramePalette.terrain(.street))
        // The scale is fixed: doubling every value elsewhere does not change this cell.
        city.toxicity[1, 3] = 100
        #expect(centre(try renderer(city, settings, scale: 3).render(city), 3, 3, scale: 3) == tox.color(0.5))
    }

    @Test func attractivenessLayerIsAHeatMapOnTheWorldsScale() throws {
        var city = quietCity()
        var settings = FrameSettings()
        settings.layer = .attractiveness
        settings.attractivenessMax = 2
        city.params.crime.a0 = 0
        city.attractiveness[5, 0] = 5
        city.attractiveness[4, 0] = 1
        let canvas = try renderer(city, settings, scale: 2).render(city)
        #expect(centre(canvas, 5, 0, scale: 2) == ColorMap.magma.color(1))
        #expect(centre(canvas, 4, 0, scale: 2) == ColorMap.magma.color(0.5))
        #expect(centre(canvas, 0, 3, scale: 2) == ColorMap.magma.color(0))
    }

    @Test func layersChooseWhatIsDrawn() throws {
        var city = quietCity()
        city.params.guards.count = 1
        city.reconcilePopulations()
        city.placeGuard(0, at: city.map.size.index(3, 0))
        city.waste[3, 0] = 100
        let layers = try FrameLayers.parse("terrain,waste,crew")
        let canvas = try renderer(city, scale: 4, layers: layers).render(city)
        #expect(centre(canvas, 3, 0, scale: 4) == FramePalette.coloring(.waste).color(1))  // guards not drawn
        #expect(throws: FrameLayersError.self) { try FrameLayers.parse("toxicity,waste") }
        #expect(throws: FrameLayersError.self) { try FrameLayers.parse("terrain,bogus") }
    }

    @Test func tooLargeFramesAreRefusedBeforeAllocation() throws {
        let p = FrameSettings()
        #expect(throws: FrameStyleError.self) { try FrameStyle(gridWidth: 6, gridHeight: 4, settings: p, scale: 65) }
        // A 4096² map at 64 px per cell would be a 206 GB frame buffer: refused by arithmetic.
        #expect(throws: FrameStyleError.self) { try FrameStyle(gridWidth: 4096, gridHeight: 4096, settings: p, scale: 64) }
        #expect(throws: FrameStyleError.self) { try FrameStyle(gridWidth: Int.max / 2, gridHeight: 3, settings: p, scale: 64) }
        // 8192² pixels is the largest allowed.
        #expect((try? FrameStyle(gridWidth: 4096, gridHeight: 4096, settings: p, scale: 2)) != nil)
        #expect((try? FrameStyle(gridWidth: 4097, gridHeight: 4096, settings: p, scale: 2)) == nil)
    }

    /// Reads the characters drawn at (x, y) by matching each 6-pixel cell against the font.
    func read(_ c: Canvas, x: Int, y: Int, count: Int, scale f: Int, ink: RGB) -> String {
        var out = ""
        for k in 0..<count {
            var rows = [UInt8](repeating: 0, count: 7)
            for r in 0..<7 {
                for col in 0..<5 where c.pixel(x: x + (k * 6 + col) * f, y: y + r * f) == ink { rows[r] |= 0x10 >> UInt8(col) }
            }
            if rows.allSatisfy({ $0 == 0 }) { out.append(" "); continue }
            out.append(BitmapFont.glyphs.first { $0.value == rows }?.key ?? "¿")
        }
        return out
    }

    @Test func theStripsDigitsReadTheTick() throws {
        var city = quietCity()
        city.tick = 4071
        let r = try renderer(city, scale: 4, hud: true)
        let canvas = r.render(city)
        #expect(canvas.width == FrameStyle.minimumStripWidth && canvas.height == 16 + r.strip!.height)
        let item = try #require(r.strip!.items.first { if case .tick = $0.kind { true } else { false } })
        let top = r.style.mapHeight + item.y
        #expect(read(canvas, x: item.x, y: top, count: 4, scale: 1, ink: RGB(90, 90, 90)) == "TICK")
        #expect(read(canvas, x: item.x + 5 * 6, y: top, count: 4, scale: 1, ink: FramePalette.ink) == "4071")
        // The map part is the map, the strip starts below it.
        #expect(canvas.pixel(x: 0, y: 0) == FramePalette.terrain(.street))
    }

    @Test func glyphsAreDistinct() {
        let all = Array(BitmapFont.glyphs.values)
        #expect(Set(all.map { $0.map(String.init).joined(separator: ",") }).count == all.count - 1)  // '-' and '−' share a glyph
        #expect(BitmapFont.glyphs.values.allSatisfy { $0.count == 7 && $0.allSatisfy { $0 < 32 } })
    }
}
