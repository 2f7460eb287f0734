import Testing
@testable import NanoCityModel
import NanoCityTestSupport

@Suite struct ParameterCatalogTests {
    @Test func everyKeyIsUniqueAndRoundTripsItsDefault() {
        let keys = ParameterCatalog.all.map(\.key)
        #expect(Set(keys).count == keys.count)
        let defaults = WorldParameters()
        for spec in ParameterCatalog.all {
            var p = WorldParameters()
            let v = spec.value(in: defaults)
            if case .success(let parsed) = spec.parse(v.description) {
                spec.apply(parsed, to: &p)
                #expect(spec.value(in: p) == v, "\(spec.key)")
            } else if spec.key != "map.ascii" && spec.key != "map.file" && spec.key != "map.image" && spec.key != "description" {
                Issue.record("default of \(spec.key) does not parse back: \(v)")
            }
        }
    }

    @Test func setOverridesApply() throws {
        var p = WorldParameters()
        for a in ["guards.count=20", "guards.patrol=sensor", "toxicity.decay=0.5", "containment.enabled=true", "heist.tick=300"] {
            if case .failure(let e) = ParameterCatalog.applyAssignment(a, to: &p) { Issue.record("\(a): \(e)") }
        }
        #expect(p.guards.count == 20)
        #expect(p.guards.patrol == .sensor)
        #expect(p.toxicity.decay == 0.5)
        #expect(p.containment.enabled)
        #expect(p.heist.tick == 300)
    }

    @Test(arguments: [
        ("guards.cout=3", "guards.cout", "guards.count"),
        ("gaurds.count=3", "gaurds.count", "guards.count"),
    ])
    func unknownKeysAreNamedWithASuggestion(_ a: String, _ key: String, _ suggestion: String) {
        var p = WorldParameters()
        guard case .failure(let e) = ParameterCatalog.applyAssignment(a, to: &p) else {
            Issue.record("accepted \(a)"); return
        }
        #expect(e == .unknownKey(key: key, suggestion: suggestion))
        #expect(e.description.contains(key) && e.description.contains(suggestion))
    }

    @Test(arguments: ["guards.count=abc", "guards.count=-1", "toxicity.decay=1.5", "toxicity.decay=nan",
                      "guards.patrol=teleport", "containment.enabled=maybe", "guards.count=2.5"])
    func badValuesNameTheKeyAndWhatIsAllowed(_ a: String) {
        var p = WorldParameters()
        let before = p
        guard case .failure(let e) = ParameterCatalog.applyAssignment(a, to: &p) else {
            Issue.record("accepted \(a)"); return
        }
        let key = String(a.split(separator: "=")[0])
        #expect(e.key == key)
        #expect(e.description.contains("takes"))
        #expect(p == before)
    }

    @Test func aSectionGivenAValueSaysSo() {
        var p = WorldParameters()
        guard case .failure(let e) = ParameterCatalog.applyAssignment("guards=3", to: &p) else {
            Issue.record("accepted guards=3"); return
        }
        #expect(e == .sectionNotValue(key: "guards", example: "guards.count = 6"))
    }

    @Test func malformedAssignmentIsRejected() {
        var p = WorldParameters()
        guard case .failure(.malformedAssignment) = ParameterCatalog.applyAssignment("guards.count", to: &p) else {
            Issue.record("accepted a key without a value"); return
        }
    }

    @Test func integersWidenToNumbers() throws {
        let spec = ParameterCatalog.spec(for: "toxicity.decay")!
        #expect(try spec.coerce(.int(1)).get() == .double(1))
        #expect(throws: ParameterError.self) { try spec.coerce(.int(2)).get() }
    }
}

@Suite struct ModelDrivenParameterTests {
    /// Every model-driven entry names a real parameter, and its hold-fixed advice names real keys.
    @Test func entriesNameRealParameters() {
        for e in ModelDrivenParameters.all {
            #expect(ParameterCatalog.spec(for: e.key) != nil, "\(e.key)")
            for assignment in e.holdFixed.split(separator: " ") where assignment.contains("=") {
                let key = String(assignment.prefix { $0 != "=" })
                #expect(ParameterCatalog.spec(for: key) != nil, "\(e.key): \(key)")
            }
        }
    }

    /// The entries are true: with the advice applied the parameter stays at its starting value,
    /// and without it the model moves it (on a world that exercises that mechanism).
    @Test func holdingFixedKeepsTheStartingValue() throws {
        let movingSet = ["guards.recruit_threshold=1", "guards.recruit_window=50", "education.workshop_every=10",
                         "education.recruit_rate=0.5", "recyclers.max=500"]
        let moving = try TestWorlds.defaults(movingSet)
        let held = try TestWorlds.defaults(movingSet + ["guards.recruit_threshold=0", "education.recruit_rate=0", "education.workshop_every=0",
                                                        "education.decay=0"])
        func final(_ w: (parameters: WorldParameters, map: CityMap)) throws -> City {
            var city = City(map: w.map, parameters: w.parameters, seed: 3)
            for _ in 0..<400 { city.step() }
            return city
        }
        // What the notes test is what holds the lever: the held world has no note for the
        // three levers it holds, the moving one has a note for each.
        let levers = ["guards.count", "recyclers.count", "education.level"]
        #expect(ModelDrivenParameters.notes(keys: levers, parameters: held.parameters).isEmpty)
        #expect(ModelDrivenParameters.notes(keys: levers, parameters: moving.parameters).count == 3)
        for e in ModelDrivenParameters.all { #expect(MetricCatalog.index(of: e.metric) != nil, "\(e.key): \(e.metric)") }
        let m = try final(moving), h = try final(held)
        #expect(m.guards.count > moving.parameters.guards.count)
        #expect(m.recyclers.count > moving.parameters.recyclers.count)
        #expect(m.educationLevel != moving.parameters.education.level)
        #expect(h.guards.count == held.parameters.guards.count)
        #expect(h.recyclers.count == held.parameters.recyclers.count)
        #expect(h.educationLevel == held.parameters.education.level)
        // Parameters are never overwritten by the tick: they stay what the world file says.
        #expect(m.params.education.level == moving.parameters.education.level && m.params.guards.count == moving.parameters.guards.count)
    }
}
