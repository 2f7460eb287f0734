import Testing
import NanoCityEngine
@testable import NanoCityModel
import NanoCityTestSupport

/// Every schedulable parameter, changed by a schedule entry, takes its new value at that tick
/// and gets the rebuild its catalog entry declares.
@Suite struct ScheduleEffectTests {
    /// A valid value different from `current`, small enough to run.
    func other(_ spec: ParameterSpec, _ current: ParameterValue) -> ParameterValue? {
        switch (spec.type, current) {
        case (.int(let r), .int(let v)): return .int(v == r.lowerBound ? min(r.upperBound, r.lowerBound + 2) : r.lowerBound)
        case (.double(let r), .double(let v)):
            return .double(v == r.lowerBound ? min(r.upperBound, r.lowerBound + min(1, (r.upperBound - r.lowerBound) / 2)) : r.lowerBound)
        case (.bool, .bool(let b)): return .bool(!b)
        case (.choice(let c), .string(let s)): return c.first { $0 != s }.map { .string($0) }
        default: return nil
        }
    }

    @Test func everySchedulableParameterIsAppliedWithItsDeclaredEffect() {
        var base = TestWorlds.quiet()
        base.education.decay = 0
        base.recyclers.count = 3; base.scavengers.count = 2; base.crew.count = 2; base.guards.count = 2
        base.sensors.density = 0.3
        var checked = 0
        for spec in ParameterCatalog.all where spec.schedulable {
            guard let value = other(spec, spec.value(in: base)) else { continue }
            var p = base
            p.schedule = [ScheduleEntry(tick: 2, changes: [(spec.key, value)])]
            if !ParameterCatalog.consistencyProblems({ var q = p; spec.apply(value, to: &q); return q }()).isEmpty { continue }
            var city = TestWorlds.city(p)
            city.run(ticks: 1)
            let sensorsBefore = city.sensors.cell
            city.run(ticks: 1)
            #expect(spec.value(in: city.params) == value, "\(spec.key) was not applied")
            #expect(city.events.contains { $0.kind == .schedule }, "\(spec.key): no schedule event")
            switch spec.effect {
            case .none: break
            case .reconcileRecyclers: #expect(city.recyclers.count == city.params.recyclers.count, "\(spec.key)")
            case .reconcileScavengers: #expect(city.scavengers.count == city.params.scavengers.count, "\(spec.key)")
            case .reconcileGuards: #expect(city.guards.count == city.params.guards.count, "\(spec.key)")
            case .reconcileCrew: #expect(city.crew.present == city.params.crew.count, "\(spec.key)")
            case .reconcileInformants: #expect(city.informants.count == city.params.informants.count, "\(spec.key)")
            case .replaceSensors:
                #expect(coverageIsConsistent(city), "\(spec.key): coverage not rebuilt")
                if spec.key == "sensors.density" { #expect(city.sensors.cell != sensorsBefore) }
            case .setEducationLevel:
                #expect(city.educationLevel <= value.numeric! + 1e-12 && city.educationLevel >= value.numeric! * 0.9, "\(spec.key)")
            case .resizeCrimeWindow:
                #expect(city.crimeWindow.count == city.params.guards.recruitWindow, "\(spec.key)")
            }
            checked += 1
        }
        #expect(checked >= 60, "only \(checked) schedulable parameters were exercised")
        // The declared effects are the ones the model needs.
        let declared = Dictionary(uniqueKeysWithValues: ParameterCatalog.all.filter { $0.effect != .none }.map { ($0.key, $0.effect) })
        #expect(declared == ["recyclers.count": .reconcileRecyclers, "scavengers.count": .reconcileScavengers,
                             "crew.count": .reconcileCrew, "guards.count": .reconcileGuards, "informants.count": .reconcileInformants,
                             "sensors.density": .replaceSensors, "sensors.radius": .replaceSensors,
                             "sensors.hardened": .replaceSensors, "guards.recruit_window": .resizeCrimeWindow, "education.level": .setEducationLevel])
    }

    /// A schedule entry reconciles only the populations whose count it sets: guards recruited
    /// by the community stay when a later entry changes the recyclers, and the count parameters
    /// keep the values written (the tick never overwrites them with populations).
    @Test func aCountChangeLeavesOtherPopulationsAlone() {
        var p = TestWorlds.quiet()
        p.guards.count = 1
        p.recyclers.count = 2
        p.schedule = [ScheduleEntry(tick: 3, changes: [("recyclers.count", .int(6))])]
        var city = TestWorlds.city(p)
        city.run(ticks: 1)
        for _ in 0..<4 { city.addGuard(at: city.map.stations[0]) }  // as recruitment would
        city.run(ticks: 3)
        #expect(city.recyclers.count == 6)
        #expect(city.guards.count == 5, "the recruited guards were removed by an unrelated count change")
        #expect(city.params.guards.count == 1 && city.params.recyclers.count == 6)
    }

    /// Active-coverage counts equal a recount from the sensors and the current radius.
    func coverageIsConsistent(_ city: City) -> Bool {
        var active = [UInt16](repeating: 0, count: city.map.size.count)
        for (s, c) in city.sensors.cell.enumerated() where !city.sensors.hacked[s] {
            city.map.size.forEachCell(around: Int(c), radius: city.params.sensors.radius) { active[$0] += 1 }
        }
        return active == city.sensors.coverActive
    }
}
