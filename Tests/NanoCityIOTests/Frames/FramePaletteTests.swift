import Testing
@testable import NanoCityIO
@testable import NanoCityModel

/// Colours a reader can tell apart, and colour maps equal to the published tables.
@Suite struct FramePaletteTests {
    @Test func colourMapsMatchThePublishedTables() {
        // matplotlib 3.x `_cm_listed.py` entries 0, 64, 128, 192 and 255 (floats in [0, 1]).
        let published: [(ColorMap, Int, (Double, Double, Double))] = [
            (.viridis, 0, (0.267004, 0.004874, 0.329415)), (.viridis, 128, (0.127568, 0.566949, 0.550556)),
            (.viridis, 255, (0.993248, 0.906157, 0.143936)), (.viridis, 64, (0.229739, 0.322361, 0.545706)),
            (.viridis, 192, (0.369214, 0.788888, 0.382914)), (.magma, 64, (0.316654, 0.07169, 0.48538)),
            (.cividis, 64, (0.263738, 0.307831, 0.422789)),
            (.magma, 0, (0.001462, 0.000466, 0.013866)), (.magma, 128, (0.716387, 0.214982, 0.47529)),
            (.magma, 255, (0.987053, 0.991438, 0.749504)),
            (.cividis, 0, (0.0, 0.135112, 0.304751)), (.cividis, 128, (0.488697, 0.485318, 0.471008)),
            (.cividis, 255, (0.995737, 0.909344, 0.217772)),
        ]
        for (map, i, (r, g, b)) in published {
            let c = map.color(Float(i) / 255)
            for (got, want) in [(c.r, r), (c.g, g), (c.b, b)] {
                #expect(abs(Double(got) - want * 255) <= 0.5001, "\(map) entry \(i)")
            }
        }
        #expect(ColorMap.allCases.allSatisfy { $0.table.count == 256 })
    }

    @Test func cieLabAndDeltaEMatchReferenceValues() {
        // sRGB white is L* 100; pure red is (53.24, 80.09, 67.20) (Lindbloom's calculator).
        let w = RGB.white.lab, red = RGB(255, 0, 0).lab
        #expect(abs(w.l - 100) < 0.01 && abs(w.a) < 0.01 && abs(w.b) < 0.01)
        #expect(abs(red.l - 53.24) < 0.05 && abs(red.a - 80.09) < 0.1 && abs(red.b - 67.20) < 0.1)
        #expect(abs(RGB.black.deltaE(.white) - 100) < 0.01)
    }

    /// CIEDE2000 against the published test pairs of Sharma, Wu & Dalal (2005), Table 1
    /// (pairs 1, 2, 7, 14 … as printed there, to its 4 decimals).
    @Test func ciede2000MatchesSharmasTestData() {
        let pairs: [((Double, Double, Double), (Double, Double, Double), Double)] = [
            ((50, 2.6772, -79.7751), (50, 0, -82.7485), 2.0425), ((50, 3.1571, -77.2803), (50, 0, -82.7485), 2.8615),
            ((50, 0, 0), (50, -1, 2), 2.3669), ((50, 2.5, 0), (73, 25, -18), 27.1492),
            ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
            ((2.0776, 0.0795, -1.1350), (0.9033, -0.0636, -0.5514), 0.9082),
            ((50, 2.49, -0.001), (50, -2.49, 0.0009), 7.1792), ((50, 2.5, 0), (50, 0, -2.5), 4.3065),
        ]
        for (a, b, want) in pairs {
            let got = RGB.ciede2000((a.0, a.1, a.2), (b.0, b.1, b.2))
            #expect(abs(got - want) < 0.00006, "\(a) vs \(b): \(got), published \(want)")
            #expect(abs(RGB.ciede2000((b.0, b.1, b.2), (a.0, a.1, a.2)) - want) < 0.00006, "symmetric")
        }
    }

    /// No field value can be mistaken for a landmark: every landmark colour is ≥ 10 ΔE₀₀ from
    /// every entry of every field colour map, in the direction frames use it.
    @Test func landmarksStandApartFromEveryFieldColour() {
        let fields = FrameField.allCases.flatMap { f in (0...255).map { FramePalette.coloring(f).color(Float($0) / 255) } }
        for t in FramePalette.landmarks {
            let c = FramePalette.terrain(t)
            let nearest = fields.min { c.deltaE2000($0) < c.deltaE2000($1) }!
            #expect(c.deltaE2000(nearest) >= FramePalette.minimumLandmarkDistance, "\(t) \(c.hex) vs field colour \(nearest.hex)")
        }
    }

    @Test func agentColoursStandApartFromEachOtherTheTerrainAndTheFieldMaps() {
        let agents = FramePalette.agents.map(\.color)
        let terrain = Terrain.allCases.map { FramePalette.terrain($0) }
        let fields = FrameField.allCases.flatMap { f in (0...255).map { FramePalette.coloring(f).color(Float($0) / 255) } }
        let min = FramePalette.minimumAgentDistance
        for (i, a) in agents.enumerated() {
            for b in agents[(i + 1)...] { #expect(a.deltaE(b) >= min, "\(a.hex) vs \(b.hex)") }
            for t in terrain { #expect(a.deltaE(t) >= min, "\(a.hex) vs terrain \(t.hex)") }
            for f in fields { #expect(a.deltaE(f) >= min, "\(a.hex) vs field colour \(f.hex)") }
        }
        for (i, a) in terrain.enumerated() {
            for b in terrain[(i + 1)...] { #expect(a.deltaE(b) >= FramePalette.minimumTerrainDistance, "\(a.hex) vs \(b.hex)") }
        }
    }

    @Test func pngTextChunksAreWrittenWithTheirCRC() throws {
        #expect(PNGText.crc32(Array("123456789".utf8)) == 0xCBF4_3926)  // the CRC-32 check value
        let png = try PNGImage(width: 2, height: 2, pixels: [UInt8](repeating: 7, count: 12))
            .encoded(text: [("World", "heist"), ("Tick", "42")])
        // Walk the chunks: IHDR, then our two tEXt chunks, each CRC over type + data.
        var o = 8, found: [String] = []
        while o + 12 <= png.count {
            let n = Int(png[o]) << 24 | Int(png[o + 1]) << 16 | Int(png[o + 2]) << 8 | Int(png[o + 3])
            let type = String(decoding: png[(o + 4)..<(o + 8)], as: UTF8.self)
            let body = Array(png[(o + 4)..<(o + 8 + n)])
            let crc = png[(o + 8 + n)..<(o + 12 + n)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            #expect(PNGText.crc32(body) == crc, "\(type) CRC")
            if type == "tEXt" { found.append(String(decoding: body.dropFirst(4).map { $0 == 0 ? UInt8(ascii: "=") : $0 }, as: UTF8.self)) }
            o += 12 + n
        }
        #expect(found == ["World=heist", "Tick=42"])
        #expect(o == png.count)
    }
}
