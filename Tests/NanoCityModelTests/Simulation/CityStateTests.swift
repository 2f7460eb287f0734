import Foundation
import Testing
import NanoCityEngine
@testable import NanoCityModel
import NanoCityTestSupport

/// A city encoded at tick T and restored continues exactly as the uninterrupted city does
/// (every shipped world: `WorldCheckpointTests` in the IO tests, which read world files).
@Suite struct CityStateTests {

    /// A schedule entry after the checkpoint is applied after a restore (it lives in the state).
    @Test func scheduleAfterTheCheckpointStillFires() throws {
        var p = TestWorlds.quiet()
        p.schedule = [ScheduleEntry(tick: 12, changes: [("guards.count", .int(3)), ("sensors.density", .double(0.5))])]
        let map = TestWorlds.map()
        var city = TestWorlds.city(p)
        city.run(ticks: 10)
        var restored = try TestWorlds.stateRoundTrip(city, map: map)
        restored.run(ticks: 3)
        #expect(restored.guards.count == 3 && restored.sensors.count > 0)
    }

    /// Every counter is encoded (each is 8 bytes): a counter added later without encoding fails here.
    @Test func everyCounterIsEncoded() {
        var w = StateWriter()
        TickCounters().encode(&w)
        #expect(w.bytes.count == Mirror(reflecting: TickCounters()).children.count * 8)
        #expect(Mirror(reflecting: HeistState()).children.count == 4)
        // City's stored properties: a new one must be added to encodeState/init(restoring:)
        // (or to the list of scratch and execution settings there), then this count.
        #expect(Mirror(reflecting: TestWorlds.city(TestWorlds.quiet())).children.count == 46)
    }

    /// The crew index must agree with the crew: a jailed member left in it (which would trap
    /// on release) and a free member missing from it are both refused on reading.
    @Test func crewIndexMustAgreeWithTheCrew() throws {
        let map = TestWorlds.map()
        var p = TestWorlds.quiet()
        p.crew.count = 3
        p.guards.count = 1
        var city = TestWorlds.city(p, map: map)
        _ = try TestWorlds.stateRoundTrip(city, map: map)
        city.arrest(0, by: 0)
        var jailedPlaced = city
        jailedPlaced.crewIndex.insert(0, at: 5)
        var missing = city
        missing.crewIndex.remove(1)
        for (bad, what) in [(jailedPlaced, "misplaced in"), (missing, "missing from")] {
            var w = StateWriter()
            bad.encodeState(&w)
            var r = StateReader(w.bytes)
            #expect {
                _ = try City(map: map, restoring: &r)
            } throws: { ($0 as? StateError)?.message.contains(what) == true }
        }
        _ = try TestWorlds.stateRoundTrip(city, map: map)
    }

    @Test func damagedStateIsAnErrorNotATrap() throws {
        let map = TestWorlds.map()
        var city = TestWorlds.city(WorldParameters())
        city.run(ticks: 5)
        var w = StateWriter()
        city.encodeState(&w)
        // Every truncation fails cleanly.
        for cut in stride(from: 0, to: w.bytes.count, by: max(1, w.bytes.count / 200)) {
            var r = StateReader(Array(w.bytes.prefix(cut)))
            #expect(throws: StateError.self) { _ = try City(map: map, restoring: &r) }
        }
        // A state for another map is refused.
        var r = StateReader(w.bytes)
        let other = try CityMap(ascii: ".....\n.CGX.\n..H..\n.....")
        #expect(throws: StateError.self) { _ = try City(map: other, restoring: &r) }
    }
}

/// Agent stores' columns are declared once (`AgentStore.columns`); row operations and
/// checkpoints go through the declaration.
@Suite struct AgentStoreTests {
    func sample() -> RecyclerStore {
        var s = RecyclerStore()
        s.append(id: 7, cell: 3, home: 5)
        s.append(id: 8, cell: 9, home: 2)
        s.append(id: 9, cell: 1, home: 4)
        s.target[1] = 6
        return s
    }

    @Test func rowsKeepEveryColumnInStep() {
        var s = sample()
        #expect(s.state == [0, 0, 0] && s.health == [1, 1, 1] && s.target == [-1, 6, -1], "initial values from the declaration")
        s.swapRemove(0)
        #expect(s.id == [9, 8] && s.cell == [1, 9] && s.home == [4, 2] && s.target == [-1, 6] && s.health.count == 2)
        s.sortByRow(GridSize(width: 4, height: 3))
        #expect(s.id == [9, 8] && s.cell == [1, 9], "cells 1 (row 0) then 9 (row 2)")
        var g = GuardStore()
        g.append(id: 1, cell: 4)
        #expect(g.station == [4] && g.target == [-1])
    }

    @Test func populationsAreFilledForEveryKindOnce() {
        #expect(City.reconcileOrder.count == AgentKind.allCases.count && Set(City.reconcileOrder) == Set(AgentKind.allCases))
    }

    @Test func checkpointColumnsRoundTripAndCheckTheirRange() throws {
        let s = sample()
        var w = StateWriter()
        s.encodeColumns(&w)
        var r = StateReader(w.bytes)
        let back = try RecyclerStore.decodeColumns(&r, cells: 10)
        #expect(back.id == s.id && back.cell == s.cell && back.target == s.target && back.home == s.home && back.health == s.health)
        // A map of 9 cells: the recycler at cell 9 is outside it, and the column says so.
        var small = StateReader(w.bytes)
        #expect(throws: StateError("recycler cell, row 1: 9 is not a cell of the map")) {
            _ = try RecyclerStore.decodeColumns(&small, cells: 9)
        }
        // A state code no recycler has (seeking, delivering, sick: 0…2).
        var forged = s
        forged.state[2] = 3
        var fw = StateWriter()
        forged.encodeColumns(&fw)
        var fr = StateReader(fw.bytes)
        #expect(throws: StateError("recycler state, row 2: 3 is not a state code 0…2")) {
            _ = try RecyclerStore.decodeColumns(&fr, cells: 10)
        }
    }
}

/// The model's description covers every stored column and field: a stored array that is not a
/// declared column, or a field that is not described, fails here (`nanocity describe` lists these).
@Suite struct ModelDescriptionTests {
    func columns(_ store: Any) -> Set<String> {
        Set(Mirror(reflecting: store).children.compactMap { $0.value is [Any] || "\(type(of: $0.value))".hasPrefix("Array") ? $0.label : nil })
    }

    @Test func everyStoreColumnIsDescribed() {
        let city = City(map: TestWorlds.map(), parameters: TestWorlds.quiet(), seed: 1)
        for kind in AgentKind.allCases {
            let store: Any = switch kind {
            case .recycler: city.recyclers
            case .scavenger: city.scavengers
            case .crew: city.crew
            case .guard: city.guards
            case .informant: city.informants
            }
            let described = Set(kind.stateVariables.map(\.name))
            #expect(columns(store) == described, "\(kind): stored \(columns(store).sorted()), described \(described.sorted())")
        }
        let fields = Set(Mirror(reflecting: city).children.compactMap { $0.value is ScalarField ? $0.label : nil })
        #expect(fields == Set(City.fieldDescriptions.map(\.name)), "fields \(fields.sorted())")
    }
}
