@testable import NanoCityModel
import NanoCityEngine

/// Small hand-made maps and cities for mechanic tests.
enum TestWorlds {
    /// A 9×7 city: streets around the edge and through the middle, one centre, one station,
    /// one hideout, the Heart, residential and industrial blocks.
    static let smallASCII = """
        .........
        .rrr.iii.
        .rCr.iXi.
        .........
        .rrr.rHr.
        .rGr.rrr.
        .........
        """

    static func map(_ ascii: String = smallASCII) -> CityMap {
        try! CityMap(ascii: ascii)
    }

    /// Parameters with every population and every stochastic source switched off, so a test
    /// turns on only the mechanic it pins.
    static func quiet() -> WorldParameters {
        var p = WorldParameters()
        p.recyclers.count = 0
        p.scavengers.count = 0
        p.crew.count = 0
        p.guards.count = 0
        p.sensors.density = 0
        p.waste = .init(residentialRate: 0, industrialRate: 0, improperShare: 0, litterToxicity: 0)
        p.components.industrialRate = 0
        p.toxicity.industrialRate = 0
        p.education.recruitRate = 0
        p.education.workshopEvery = 0
        p.guards.recruitThreshold = 0
        p.heist.strength = 0
        p.crew.dumpProb = 0
        p.crew.hackProb = 0
        return p
    }

    static func city(_ p: WorldParameters, map: CityMap = map(), seed: UInt64 = 1) -> City {
        City(map: map, parameters: p, seed: seed)
    }
}
