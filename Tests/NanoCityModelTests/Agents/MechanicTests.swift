import Foundation
import Testing
@testable import NanoCityModel
import NanoCityEngine
import NanoCityTestSupport

/// Each mechanic pinned on a tiny hand-made map (`TestWorlds.smallASCII`, 9×7).
@Suite struct MechanicTests {
    let map = TestWorlds.map()
    func cell(_ x: Int, _ y: Int) -> Int { map.size.index(x, y) }

    @Test func recyclerCollectsAdjacentWasteAndDeliversItToTheCentre() {
        var p = TestWorlds.quiet()
        p.recyclers.count = 1
        p.recyclers.capacity = 2
        p.recyclers.healthLoss = 0
        p.centres.processRate = 100
        p.centres.efficiency = 0.5
        var city = TestWorlds.city(p, map: map)
        city.recyclers.cell[0] = Int32(cell(5, 3))
        city.waste[6, 3] = 2
        let reservoir0 = city.reservoir
        var delivered = 0.0
        for _ in 0..<30 {
            city.step()
            delivered += city.counters.delivered
        }
        #expect(city.waste[6, 3] == 0)
        #expect(abs(delivered - 2) < 1e-6)
        #expect(city.recyclers.load[0] == 0)
        #expect(abs(city.reservoir - reservoir0 - 1.0) < 1e-6)  // 2 mass × efficiency 0.5
    }

    @Test func recyclerFallsSickOnToxicCellsAndRecoversAtHome() {
        var p = TestWorlds.quiet()
        p.recyclers.count = 1
        p.recyclers.healthLoss = 0.1
        p.recyclers.sickThreshold = 0.5
        p.toxicity.diffusion = 0
        p.toxicity.decay = 1
        var city = TestWorlds.city(p, map: map)
        city.toxicity.values = [Float](repeating: 1, count: map.size.count)
        city.step()
        #expect(city.recyclers.state[0] == RecyclerStore.State.seeking.rawValue)
        var sickEvents = 0
        for _ in 0..<5 {
            city.step()
            sickEvents += city.events.filter { $0.kind == .sick && $0.agent == city.recyclers.id[0] }.count
        }
        #expect(city.recyclers.state[0] == RecyclerStore.State.sick.rawValue)
        #expect(sickEvents == 1, "falling sick is one event")
        #expect(city.recyclers.health[0] < 0.5)
        city.toxicity.values = [Float](repeating: 0, count: map.size.count)
        for _ in 0..<300 { city.step() }
        #expect(city.recyclers.state[0] == RecyclerStore.State.seeking.rawValue)
    }

    /// A guard beside a crew member arrests with probability `guards.arrest_prob`: over 3,000
    /// seeded trials the count lies within 4 binomial standard deviations.
    @Test(arguments: [0.3, 0.8])
    func guardArrestsAdjacentCrewWithTheGivenProbability(_ prob: Double) {
        var p = TestWorlds.quiet()
        p.guards.count = 1
        p.crew.count = 1
        p.guards.arrestProb = prob
        p.guards.reach = 1
        let trials = 3000
        var arrests = 0
        for seed in 0..<trials {
            var city = TestWorlds.city(p, map: map, seed: UInt64(seed))
            city.placeGuard(0, at: cell(4, 3))
            city.placeCrew(0, at: cell(5, 4))
            city.stepAgent(.guard, 0)
            arrests += city.counters.arrests
        }
        let mean = Double(trials) * prob, sd = (Double(trials) * prob * (1 - prob)).squareRoot()
        #expect(abs(Double(arrests) - mean) < 4 * sd, "\(arrests) arrests in \(trials) trials at p=\(prob)")
    }

    @Test func guardNeverArrestsBeyondReachAndJailsOrRemoves() {
        var p = TestWorlds.quiet()
        p.guards.count = 1
        p.crew.count = 1
        p.guards.arrestProb = 1
        p.guards.reach = 1
        var city = TestWorlds.city(p, map: map)
        city.placeGuard(0, at: cell(1, 3))
        city.placeCrew(0, at: cell(3, 3))
        city.stepAgent(.guard, 0)
        #expect(city.counters.arrests == 0)
        city.placeGuard(0, at: cell(2, 3))
        city.crew.loot[0] = 1.5
        let r0 = city.reservoir
        city.stepAgent(.guard, 0)
        #expect(city.counters.arrests == 1)
        #expect(city.crew.state[0] == CrewStore.State.jailed.rawValue)
        #expect(city.reservoir == r0 + 1.5)  // loot returned
        // Released after jail_ticks, at a hideout.
        for _ in 0..<p.guards.jailTicks { city.stepAgent(.crew, 0) }
        #expect(city.crew.state[0] == CrewStore.State.prowling.rawValue)
        #expect(city.crew.cell[0] == map.hideouts[0])
    }

    func hackTrial(hardened: Double) -> Int {
        var p = TestWorlds.quiet()
        p.crew.count = 3
        p.crew.hackProb = 1
        p.sensors.hardened = hardened
        p.sensors.radius = 2
        p.heist.tick = 1  // keeps the crew at the Heart, inside the sensor's radius
        p.heist.maxDuration = 10_000
        p.heist.holdTicks = 10_000
        let m = try! CityMap(ascii: TestWorlds.smallASCII.replacingFirst(".rHr.", with: ".rHrS"))
        var city = TestWorlds.city(p, map: m)
        for _ in 0..<200 { city.step() }
        return city.sensors.hackedCount
    }

    @Test func hardenedSensorsAreNeverHacked() {
        #expect(hackTrial(hardened: 0) == 1)  // the same setup does hack an ordinary sensor
        #expect(hackTrial(hardened: 1) == 0)
    }

    @Test func hackedSensorStopsDetecting() {
        var p = TestWorlds.quiet()
        p.sensors.detectProb = 1
        let m = try! CityMap(ascii: "S....\n.HCGX\n.....")
        var city = TestWorlds.city(p, map: m)
        var rng = AgentStream(seed: 1, agent: 0, tick: 0, purpose: .resolve)
        let before = city.detect(at: 0, &rng)
        #expect(before)
        city.hackSensor(near: 0, by: 0)
        #expect(city.sensors.hackedCount == 1)
        let after = city.detect(at: 0, &rng)
        #expect(!after)
        #expect(city.sensors.coverHacked[0] == 1)
    }

    func heistRun(guardsAtHeart: Int) -> (City, Double) {
        var p = TestWorlds.quiet()
        p.crew.count = 5
        p.crew.max = 5
        p.crew.stealAmount = 0  // no ordinary thefts: only the heist moves stock
        p.heist.tick = 1
        p.heist.holdTicks = 3
        p.heist.lossFraction = 0.5
        p.heist.radius = 1
        p.heist.guardWeight = 2
        p.reservoir.initial = 100
        p.guards.count = guardsAtHeart
        p.guards.arrestProb = 0
        p.guards.patrol = .sensor
        var city = TestWorlds.city(p, map: map)
        for g in 0..<guardsAtHeart {
            city.placeGuard(g, at: Int(map.heart))
            city.guards.station[g] = map.heart
        }
        var losses = 0.0
        for _ in 0..<60 {
            city.step()
            losses += city.counters.heistLosses
        }
        return (city, losses)
    }

    @Test func successfulHeistDrainsTheReservoir() {
        let (city, losses) = heistRun(guardsAtHeart: 0)
        #expect(losses == 50)
        // The crew fled with the loot; nothing else moved stock in this quiet city.
        #expect(city.reservoir == 50)
        // With no ordinary thefts every unit carried (or fenced) came from the Heart.
        #expect(city.crew.heistLoot == city.crew.loot)
    }

    /// An arrest gives a member's heist loot back to the Heart: `heist_losses_net` counts it
    /// against the losses, while loot stolen from centres stays out of it.
    @Test func arrestReturnsHeistLootToTheNetLosses() throws {
        var p = TestWorlds.quiet()
        p.crew.count = 1
        p.guards.count = 1
        var city = TestWorlds.city(p, map: map)
        city.crew.loot[0] = 10
        city.crew.heistLoot[0] = 6
        let reservoir0 = city.reservoir
        city.arrest(0, by: 0)
        #expect(city.counters.heistReturned == 6 && city.crew.heistLoot[0] == 0 && city.crew.loot[0] == 0)
        #expect(abs(city.reservoir - reservoir0 - 10) < 1e-9)
        let net = try #require(MetricCatalog.index(of: "heist_losses_net")), gross = try #require(MetricCatalog.index(of: "heist_losses"))
        let row = MetricCatalog.sample(city)
        #expect(row[gross] == 0 && row[net] == -6)
    }

    @Test func guardedHeartRepelsTheHeist() {
        let (city, losses) = heistRun(guardsAtHeart: 3)  // 5 crew ≤ 2 × 3 guards: never held
        #expect(losses == 0)
        #expect(city.reservoir == 100)
    }

    @Test func containmentCleansToxicityNearActiveSensorsOnly() {
        var p = TestWorlds.quiet()
        p.toxicity.diffusion = 0
        p.toxicity.decay = 1
        p.sensors.radius = 1
        p.containment.enabled = true
        p.containment.cleanRate = 0.1
        p.containment.recovery = 2
        let m = try! CityMap(ascii: "S........\n.HCGX....\n.........")
        var city = TestWorlds.city(p, map: m)
        city.toxicity.values = [Float](repeating: 1, count: m.size.count)
        let r0 = city.reservoir
        for _ in 0..<10 { city.step() }
        let near = city.toxicity[1, 1], far = city.toxicity[8, 2]
        #expect(abs(Double(near) - 0.9.pow(10)) < 1e-5)
        #expect(far == 1)
        #expect(abs(city.reservoir - r0 - 2 * 4 * (1 - 0.9.pow(10))) < 1e-4)
        var off = p
        off.containment.enabled = false
        var control = TestWorlds.city(off, map: m)
        control.toxicity.values = [Float](repeating: 1, count: m.size.count)
        for _ in 0..<10 { control.step() }
        #expect(control.toxicity[1, 1] == 1)
    }

    @Test func containmentTrapsCrew() {
        var p = TestWorlds.quiet()
        p.crew.count = 1
        p.containment.enabled = true
        p.containment.slow = 1
        p.sensors.radius = 8
        let m = try! CityMap(ascii: "S........\n.HCGX....\n.........")
        var city = TestWorlds.city(p, map: m)
        let start = city.crew.cell[0]
        for _ in 0..<50 { city.step() }
        #expect(city.crew.cell[0] == start)
        // The control: the same crew member without containment leaves the cell.
        var off = p
        off.containment.enabled = false
        var control = TestWorlds.city(off, map: m)
        var moved = false
        for _ in 0..<50 { control.step(); moved = moved || control.crew.cell[0] != start }
        #expect(moved, "without containment the member must move")
    }

    @Test func scheduleEntryChangesParametersAtItsTick() {
        var p = TestWorlds.quiet()
        p.guards.count = 2
        p.schedule = [ScheduleEntry(tick: 5, changes: [("guards.count", .int(7)), ("containment.enabled", .bool(true))])]
        var city = TestWorlds.city(p, map: map)
        for _ in 0..<4 { city.step() }
        #expect(city.guards.count == 2)
        #expect(!city.params.containment.enabled)
        city.step()
        #expect(city.tick == 5)
        #expect(city.guards.count == 7)
        #expect(city.params.containment.enabled)
        #expect(city.events.contains { $0.kind == .schedule && $0.agent == 0 && $0.amount == 2 })
    }

    @Test func dumpsAddToxicityAndAreDetectedOnlyUnderActiveSensors() {
        var p = TestWorlds.quiet()
        p.crew.count = 1
        p.crew.dumpProb = 1
        p.crew.dumpToxicity = 3
        p.crew.sensorAwareness = 0
        p.sensors.detectProb = 1
        p.sensors.radius = 0
        p.toxicity.diffusion = 0
        p.toxicity.decay = 1
        let m = try! CityMap(ascii: "S........\n.HCGX....\n.........")
        var city = TestWorlds.city(p, map: m)
        city.placeCrew(0, at: 0)
        city.stepAgent(.crew, 0)
        #expect(city.counters.dumps == 1 && city.counters.dumpsDetected == 1)
        #expect(city.toxicity.values[0] == 3)
        city.placeCrew(0, at: m.size.index(8, 2))
        city.stepAgent(.crew, 0)
        #expect(city.counters.dumps == 2 && city.counters.dumpsDetected == 1)
    }

    @Test func theftRaisesAttractivenessByTheta() {
        var p = TestWorlds.quiet()
        p.crew.count = 1
        p.crime.theta = 0.7
        p.crime.eta = 0
        p.crime.omega = 0
        var city = TestWorlds.city(p, map: map)
        city.centres.components[0] = 5
        let centre = Int(map.centres[0])
        city.placeCrew(0, at: centre)
        city.crew.target[0] = Int32(centre)
        city.step()
        #expect(city.counters.thefts == 1)
        #expect(abs(Double(city.attractiveness.values[centre]) - 0.7) < 1e-6)
        #expect(city.crew.state[0] == CrewStore.State.fleeing.rawValue)
    }

    @Test func educationRecruitsRecyclersAndLowersLittering() {
        func run(_ level: Double) -> (Int, Double) {
            var p = TestWorlds.quiet()
            p.education.level = level
            p.education.recruitRate = 0.5
            p.waste.residentialRate = 0.01
            p.waste.improperShare = 0.5
            var city = TestWorlds.city(p, map: map)
            var littered = 0.0
            for _ in 0..<100 { city.step(); littered += city.counters.littered }
            return (city.recyclers.count, littered)
        }
        let low = run(0), high = run(1)
        #expect(low.0 == 0)
        #expect(high.0 > 30)
        #expect(high.1 < low.1 * 0.3)
    }
}

extension Double {
    func pow(_ n: Int) -> Double { (0..<n).reduce(1) { r, _ in r * self } }
}

extension String {
    func replacingFirst(_ a: String, with b: String) -> String {
        guard let r = range(of: a) else { return self }
        return replacingCharacters(in: r, with: b)
    }
}
