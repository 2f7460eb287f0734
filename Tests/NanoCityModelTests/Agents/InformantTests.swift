import Foundation
import Testing
import NanoCityEngine
import NanoCityTestSupport
@testable import NanoCityModel

/// Mars's informants: they notice crew activity, their tips become alerts after the delay,
/// and crew next to them may silence them (docs/model.md, "Mars's informants").
@Suite struct InformantTests {
    func watch(_ city: inout City, _ k: Int) {
        var intent = AgentIntent(at: Int(city.informants.cell[k]))
        intent.actions = .watch
        city.resolveInformant(k, intent)
    }

    func city(exposure: Double) -> City {
        var p = TestWorlds.quiet()
        p.informants = .init(count: 1, radius: 3, tipProbability: 1, tipDelay: 5, exposureRisk: exposure)
        var c = TestWorlds.city(p)
        c.informants.cell[0] = 0  // the top-left street corner
        return c
    }

    @Test func aTipBecomesAnAlertAfterTheDelayEvenIfTheInformantIsSilenced() {
        var c = city(exposure: 0)
        c.crimeCells = [2, 60]  // (2, 0) is within 3 cells; (6, 6) is not
        watch(&c, 0)
        #expect(c.tipCell == [2] && c.tipDue == [Int32(c.tick + 5)], "a tip about the crime in reach")
        c.informants.state[0] = InformantStore.State.silenced.rawValue
        c.removeSilencedInformants()
        #expect(c.informants.count == 0)
        for _ in 0..<4 { c.step() }
        #expect(c.openAlerts.isEmpty && c.tipCell.count == 1, "not before the delay")
        c.step()
        #expect(c.events.filter { $0.kind == .tip }.map { [$0.x, $0.y] } == [[2, 0]])
        #expect(c.counters.tips == 1 && c.openAlerts.map(\.cell) == [2] && c.tipCell.isEmpty)
    }

    @Test func nothingInReachNoTip() {
        var c = city(exposure: 0)
        c.crimeCells = [60]
        watch(&c, 0)
        #expect(c.tipCell.isEmpty)
    }

    @Test(arguments: [0.0, 1.0])
    func crewNextToAnInformantSilenceItWithTheExposureRisk(risk: Double) {
        var c = city(exposure: risk)
        c.addCrew(at: 1)
        c.crimeCells = [2]
        watch(&c, 0)
        let silenced = risk == 1
        #expect(c.informants.state[0] == (silenced ? InformantStore.State.silenced : .walking).rawValue)
        #expect(c.counters.informantsSilenced == (silenced ? 1 : 0) && c.events.contains { $0.kind == .silenced } == silenced)
        #expect(c.tipCell.isEmpty == silenced, "a silenced informant tips no more")
        c.removeSilencedInformants()
        #expect(c.population(.informant) == (silenced ? 0 : 1))
    }

    /// The documented defaults: 12 informants in the default world give tips within 400 ticks.
    @Test func twelveInformantsInTheDefaultWorldTipWithin400Ticks() throws {
        let w = try TestWorlds.defaults(["informants.count=12"])
        var c = City(map: w.map, parameters: w.parameters, seed: 1)
        #expect(c.population(.informant) == 12)
        var tips = 0, tipEvents = 0
        for _ in 0..<400 {
            c.step()
            tips += c.counters.tips
            tipEvents += c.events.filter { $0.kind == .tip }.count
        }
        #expect(tips > 0 && tips == tipEvents)
    }
}
