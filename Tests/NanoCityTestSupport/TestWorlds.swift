import Foundation
import NanoCityEngine
import NanoCityModel

/// Small hand-made maps and cities for mechanic tests.
public enum TestWorlds {
    /// A 9×7 city: streets around the edge and through the middle, one centre, one station,
    /// one hideout, the Heart, residential and industrial blocks.
    public static let smallASCII = """
        .........
        .rrr.iii.
        .rCr.iXi.
        .........
        .rrr.rHr.
        .rGr.rrr.
        .........
        """

    public static func map(_ ascii: String = smallASCII) -> CityMap {
        try! CityMap(ascii: ascii)
    }

    /// Parameters with every population and every stochastic source switched off, so a test
    /// turns on only the mechanic it pins.
    public static func quiet() -> WorldParameters {
        var p = WorldParameters()
        p.recyclers.count = 0
        p.scavengers.count = 0
        p.crew.count = 0
        p.guards.count = 0
        p.sensors.density = 0
        p.waste.residentialRate = 0
        p.waste.industrialRate = 0
        p.waste.improperShare = 0
        p.waste.litterToxicity = 0
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

    public static func city(_ p: WorldParameters, map: CityMap = map(), seed: UInt64 = 1) -> City {
        City(map: map, parameters: p, seed: seed)
    }

    /// Where `worlds/default.toml` (and the embedded default) differ from `WorldParameters()`,
    /// as `--set` assignments; `WorldCheckpointTests` in the IO tests holds the two equal.
    public static let defaultWorldAssignments = ["map.seed=7", "heist.strength=25", "education.workshop_every=100"]
    public static let defaultWorldDescription = "Small procedural city: recyclers, scavengers, Dumpsley's crew, guards and sensors."

    /// The default world's parameters with `--set`-style assignments applied, and its
    /// procedural map — the default city without reading a world file.
    public static func defaults(_ assignments: [String] = []) throws -> (parameters: WorldParameters, map: CityMap) {
        var p = WorldParameters()
        p.description = defaultWorldDescription
        for a in defaultWorldAssignments + assignments {
            if case .failure(let e) = ParameterCatalog.applyAssignment(a, to: &p) { throw e }
        }
        return (p, try MapGenerator.generate(p.map))
    }

    /// The repository root, wherever the calling test file sits below it.
    public static func repositoryRoot(below file: String = #filePath) -> String {
        sequence(first: URL(fileURLWithPath: file).deletingLastPathComponent(),
                 next: { $0.path == "/" ? nil : $0.deletingLastPathComponent() })
            .first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("Package.swift").path)
                && FileManager.default.fileExists(atPath: $0.appendingPathComponent("worlds").path) }!.path
    }

    /// Steps `city` `ticks` times, returning every metric row and every event.
    public static func trace(_ city: inout City, ticks: Int) -> ([[Double]], [Event]) {
        var rows: [[Double]] = [], events: [Event] = []
        for _ in 0..<ticks {
            city.step()
            rows.append(MetricCatalog.sample(city))
            events += city.events
        }
        return (rows, events)
    }

    /// Why a state round trip failed (a thrown error fails the calling test with this text).
    public struct RoundTripProblem: Error, CustomStringConvertible {
        public let description: String
    }

    /// Encodes `city` and restores it; throws when bytes are left unread or the restored city
    /// re-encodes differently.
    public static func stateRoundTrip(_ city: City, map: CityMap) throws -> City {
        var w = StateWriter()
        city.encodeState(&w)
        var r = StateReader(w.bytes)
        let restored = try City(map: map, restoring: &r)
        guard r.remaining == 0 else { throw RoundTripProblem(description: "\(r.remaining) bytes of the state left unread") }
        var again = StateWriter()
        restored.encodeState(&again)
        guard again.bytes == w.bytes else { throw RoundTripProblem(description: "re-encoding a restored city changes it") }
        return restored
    }
}
