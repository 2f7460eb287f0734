import NanoCityEngine
import Testing
@testable import NanoCityModel
import NanoCityTestSupport

/// What zone levers do, and that zones do nothing until a lever is set.
@Suite struct ZonePolicyTests {
    /// The default world's map with a zone over its top-right quarter (and a buffer).
    static func zoned(_ params: WorldParameters = WorldParameters(), buffer: Int = 3) throws -> (CityMap, WorldParameters) {
        var p = params
        p.zones = [ZoneDeclaration(name: "quarter", shape: .rect(x0: 33, y0: 1, x1: 63, y1: 31), buffer: buffer)]
        var map = try MapGenerator.generate(p.map)
        map.zones = try ZoneLayout(size: map.size, names: ["quarter"],
                                   cells: [try ZoneLayout.cells(of: p.zones[0].shape, zone: "quarter", size: map.size)], buffers: [buffer])
        return (map, p)
    }

    static func set(_ key: String, _ v: ParameterValue, _ p: inout WorldParameters) {
        let spec = ParameterCatalog.spec(for: key)!
        spec.apply(try! spec.coerce(v).get(), to: &p)
    }

    /// A declared zone with every lever at its default runs the same city, bit for bit.
    @Test func zonesAreInertAtTheirDefaults() throws {
        var p = WorldParameters()
        p.containment.enabled = false
        let plain = try MapGenerator.generate(p.map)
        let (map, zp) = try Self.zoned(p)
        var a = City(map: plain, parameters: p, seed: 3), b = City(map: map, parameters: zp, seed: 3)
        for _ in 0..<150 {
            a.step(); b.step()
            #expect(Array(MetricCatalog.sample(b).prefix(MetricCatalog.all.count)) == MetricCatalog.sample(a))
        }
        #expect(a.events == b.events && a.toxicity.values == b.toxicity.values && a.guards.cell == b.guards.cell)
        #expect(MetricCatalog.sample(b).count == MetricCatalog.all.count + 2 * ZoneMetrics.Measure.allCases.count)
    }

    /// Zone counters count the tick's events at the zone's (and the buffer's) cells; levels
    /// average over them.
    @Test func zoneMetricsCountTheirOwnCells() throws {
        let (map, p) = try Self.zoned(TestWorlds.quiet(), buffer: 1)
        var city = City(map: map, parameters: p, seed: 1)
        let w = map.size.width
        city.emit(.dump, cell: 5 * w + 40)        // in the zone
        city.emit(.dump, cell: 5 * w + 41)        // in the zone
        city.emit(.dump, cell: 5 * w + 32)        // in the buffer (x = 32, one left of the zone)
        city.emit(.dump, cell: 40 * w + 5)        // elsewhere
        city.emit(.theft, cell: 0)                 // elsewhere
        city.toxicity.values[5 * w + 40] = 961     // the zone has 31 × 31 = 961 cells
        let row = MetricCatalog.sample(city), names = MetricCatalog.columns(for: map).map(\.name)
        func v(_ n: String) -> Double { row[names.firstIndex(of: n)!] }
        #expect(v("zone.quarter.dumps") == 2 && v("zone.quarter.buffer.dumps") == 1 && v("zone.quarter.thefts") == 0)
        #expect(v("zone.quarter.toxicity_mean") == 1 && v("zone.quarter.buffer.toxicity_mean") == 0)
    }

    /// Guards assigned to a zone head for it and, once in, never leave it.
    @Test func zoneGuardsPatrolInsideTheirZone() throws {
        for patrol in PatrolStrategy.allCases {
            var p = TestWorlds.quiet()
            p.guards.count = 6
            p.guards.patrol = patrol
            Self.set("zones.quarter.guards", .int(4), &p)
            let (map, zp) = try Self.zoned(p)
            var city = City(map: map, parameters: zp, seed: 9)
            for _ in 0..<80 { city.step() }
            let inside = { (g: Int) in map.zones.zoneOfCell[Int(city.guards.cell[g])] == 1 }
            #expect((0..<4).allSatisfy(inside), "patrol \(patrol)")
            for _ in 0..<200 {
                city.step()
                #expect((0..<4).allSatisfy(inside), "patrol \(patrol)")
            }
        }
    }

    @Test func guardShareTakesAShareOfTheForce() throws {
        var p = TestWorlds.quiet()
        p.guards.count = 10
        Self.set("zones.quarter.guard_share", .double(0.35), &p)  // ⌊3.5⌋ = 3
        let (map, zp) = try Self.zoned(p)
        var city = City(map: map, parameters: zp, seed: 2)
        city.step()
        #expect(city.guardZoneEnd == [3])
    }

    /// short2008: full suppression leaves no burglary in the zone; burglaries go on elsewhere.
    @Test func fullSuppressionStopsBurglaryInTheZone() throws {
        var p = WorldParameters()
        p.crew.behavior = .short2008
        p.crew.count = 400
        p.crew.spawnRate = 0.05
        p.crime.dt = 0.5
        Self.set("zones.quarter.burglary_suppression", .double(1), &p)
        let (map, zp) = try Self.zoned(p)
        var city = City(map: map, parameters: zp, seed: 4)
        var inZone = 0.0, total = 0
        let names = MetricCatalog.columns(for: map).map(\.name), z = names.firstIndex(of: "zone.quarter.burglaries")!
        for _ in 0..<100 {
            city.step()
            inZone += MetricCatalog.sample(city)[z]
            total += city.counters.burglaries
        }
        #expect(inZone == 0 && total > 100)
    }

    @Test func cleanupRemovesWasteAndToxicityInTheZoneOnly() throws {
        var p = WorldParameters()
        p.recyclers.count = 0
        p.education.recruitRate = 0
        func run(_ lever: String?) throws -> (City, CityMap) {
            var q = p
            if let lever { Self.set(lever, .double(0.5), &q) }
            let (map, zp) = try Self.zoned(q)
            var city = City(map: map, parameters: zp, seed: 1)
            for _ in 0..<50 { city.step() }
            return (city, map)
        }
        let (plain, map) = try run(nil)
        let (swept, _) = try run("zones.quarter.waste_cleanup"), (cleaned, _) = try run("zones.quarter.toxicity_cleanup")
        let inside = map.zones.targets[0].cells.map(Int.init)
        func total(_ f: ScalarField, _ cells: [Int]) -> Double { cells.map { Double(f.values[$0]) }.reduce(0, +) }
        #expect(total(swept.waste, inside) < 0.6 * total(plain.waste, inside))
        #expect(total(cleaned.toxicity, inside) < 0.6 * total(plain.toxicity, inside))
        // Sweeping moves nothing else: no agent reads lying waste here, so outside it is the same.
        let outside = (0..<map.size.count).filter { map.zones.zoneOfCell[$0] == 0 }
        #expect(outside.map { swept.waste.values[$0] } == outside.map { plain.waste.values[$0] })
    }

    /// Extra sensors where the zone asks for them, none added elsewhere.
    @Test func zoneSensorDensityAddsSensorsInTheZone() throws {
        var p = WorldParameters()
        p.sensors.density = 0
        Self.set("zones.quarter.sensor_density", .double(1), &p)
        let (map, zp) = try Self.zoned(p)
        let city = City(map: map, parameters: zp, seed: 1)
        let zoneStreets = map.streets.filter { map.zones.zoneOfCell[Int($0)] == 1 }
        #expect(city.sensors.count == zoneStreets.count + map.sensorCells.count)
        #expect(city.sensors.cell.allSatisfy { map.zones.zoneOfCell[Int($0)] == 1 || map.sensorCells.contains($0) })
    }

    /// Containment in the zone only: crew are trapped on the zone's cells and nowhere else,
    /// and sensors clean toxicity there (with city-wide containment off).
    @Test func zoneContainmentHoldsOnlyInTheZone() throws {
        var p = WorldParameters()
        p.containment.enabled = false
        p.containment.slow = 1
        p.sensors.density = 0.3
        p.crew.count = 40
        p.crew.max = 60
        var off = p
        Self.set("zones.quarter.containment", .bool(true), &p)
        let (map, zp) = try Self.zoned(p)
        let (_, zoff) = try Self.zoned(off)
        off = zoff
        var city = City(map: map, parameters: zp, seed: 5), plain = City(map: map, parameters: off, seed: 5)
        var trappedInside = 0, cleaned = 0.0
        for _ in 0..<120 {
            city.step(); plain.step()
            for k in 0..<city.crew.count where city.crew.trapped[k] {
                #expect(map.zones.zoneOfCell[Int(city.crew.cell[k])] == 1)
                trappedInside += 1
            }
            cleaned += city.counters.toxicityCleaned
            #expect(plain.counters.toxicityCleaned == 0 && !plain.crew.trapped.contains(true))
        }
        #expect(trappedInside > 0 && cleaned > 0)
    }

    /// Hardened sensors where the zone asks for them: every sensor in the zone, none outside.
    @Test func zoneHardeningHardensTheZonesSensors() throws {
        var p = WorldParameters()
        p.sensors.density = 0.5
        p.sensors.hardened = 0
        Self.set("zones.quarter.hardened", .double(1), &p)
        let (map, zp) = try Self.zoned(p)
        let city = City(map: map, parameters: zp, seed: 1)
        for s in 0..<city.sensors.count {
            #expect(city.sensors.hardened[s] == (map.zones.zoneOfCell[Int(city.sensors.cell[s])] == 1))
        }
        #expect(city.sensors.hardened.contains(true) && city.sensors.hardened.contains(false))
    }

    @Test func zoneLeverKeysAreCheckedAgainstTheWorld() {
        #expect(ParameterCatalog.spec(for: "zones.quarter.guards") != nil)
        #expect(ParameterCatalog.spec(for: "zones.quarter.guardz") == nil)
        if case .failure(let e) = ParameterCatalog.lookup("zones.quarter.guardz") {
            #expect(e.description.contains("zones.quarter.guards") && e.description.contains("burglary_suppression"))
        } else { Issue.record("a bad lever was accepted") }
        if case .failure(let e) = ParameterCatalog.lookup("zones.Bad.guards") { #expect(e.description.contains("no zone name")) } else { Issue.record("bad zone name") }
        var p = WorldParameters()
        Self.set("zones.nowhere.guards", .int(2), &p)
        let problems = ParameterCatalog.consistencyProblems(p).map(\.description)
        #expect(problems.contains { $0.contains("no [[zone]] is named \"nowhere\"") })
        #expect(ParameterCatalog.undeclaredName("zones.nowhere.guards", in: WorldParameters()) != nil)
        // A lever set back to its default leaves no entry: equal parameters are equal values.
        Self.set("zones.nowhere.guards", .int(0), &p)
        #expect(p == WorldParameters())
    }
}
