import NanoCityEngine

/// The list of every world parameter: the single source for world-file decoding, `--set`,
/// schedules, sweeps, the manifest and the README's parameter table.
public enum ParameterCatalog {
    static let big = 10_000_000
    static let huge = 1e12

    /// Every parameter, in README order.
    public static let all: [ParameterSpec] = [
        .text("name", \.name, "world name; names the default output folder"),
        .text("description", \.description, "free text shown in the manifest"),

        .int("run.ticks", \.run.ticks, 0...big, "ticks", "ticks to run when `--ticks` is not given", schedulable: false),
        .int("run.seed", \.run.seed, 0...Int.max, "", "PRNG seed when `--seed` is not given", schedulable: false),

        .choice("map.kind", \.map.kind, "where the layout comes from: procedural generator, ASCII map, or PNG image", schedulable: false),
        .int("map.width", \.map.width, 8...16384, "cells", "procedural map width", schedulable: false),
        .int("map.height", \.map.height, 8...16384, "cells", "procedural map height", schedulable: false),
        .int("map.seed", \.map.seed, 0...Int.max, "", "procedural layout seed (separate from the run seed, so replicates share a city)", schedulable: false),
        .int("map.block", \.map.block, 4...256, "cells", "procedural street spacing (a street every `block` cells)", schedulable: false),
        .int("map.centres", \.map.centres, 1...10_000, "", "procedural: number of recycling centres", schedulable: false),
        .int("map.stations", \.map.stations, 1...10_000, "", "procedural: number of guard stations", schedulable: false),
        .int("map.hideouts", \.map.hideouts, 1...10_000, "", "procedural: number of crew hideouts", schedulable: false),
        .num("map.park_share", \.map.parkShare, 0...0.9, "", "procedural: share of blocks that are parks", schedulable: false),
        .num("map.industrial_share", \.map.industrialShare, 0...0.9, "", "procedural: share of blocks that are industrial", schedulable: false),
        .text("map.ascii", \.map.ascii, "inline ASCII layout (map.kind = \"ascii\"); see the legend"),
        .text("map.file", \.map.file, "ASCII layout file, relative to the world file (map.kind = \"ascii\")"),
        .text("map.image", \.map.image, "colour-coded PNG layout, relative to the world file (map.kind = \"image\")"),
        .num("scale.metres_per_cell", \.scale.metresPerCell, 0.001...1_000_000, "m", "side of one cell on the ground: the unit of distances in `nanocity patterns` (the model never reads it)", schedulable: false),
        .num("scale.hours_per_tick", \.scale.hoursPerTick, 0.000001...1_000_000, "h", "time one tick stands for: the unit of time bands in `nanocity patterns` (the model never reads it)", schedulable: false),

        .num("waste.residential_rate", \.waste.residentialRate, 0...huge, "mass/cell/tick", "waste produced by each residential cell"),
        .num("waste.industrial_rate", \.waste.industrialRate, 0...huge, "mass/cell/tick", "waste produced by each industrial cell"),
        .num("waste.improper_share", \.waste.improperShare, 0...1, "", "share of new waste littered onto the nearest street at education level 0"),
        .num("waste.litter_toxicity", \.waste.litterToxicity, 0...huge, "tox/mass", "toxicity released by each unit of littered waste"),
        .num("components.industrial_rate", \.components.industrialRate, 0...huge, "mass/cell/tick", "valuable components produced by each industrial cell"),

        .num("toxicity.diffusion", \.toxicity.diffusion, 0...1, "", "NetLogo `diffuse` rate: share of each cell's toxicity given to its 8 neighbours per tick"),
        .num("toxicity.decay", \.toxicity.decay, 0...1, "1/tick", "factor applied to toxicity after diffusion each tick (1 = none)"),
        .num("toxicity.industrial_rate", \.toxicity.industrialRate, 0...huge, "tox/cell/tick", "toxicity emitted by each industrial cell"),

        .num("centres.process_rate", \.centres.processRate, 0...huge, "mass/tick", "waste each centre processes per tick"),
        .num("centres.efficiency", \.centres.efficiency, 0...1, "", "reservoir stock gained per unit of processed waste"),
        .num("centres.component_transfer", \.centres.componentTransfer, 0...1, "1/tick", "share of a centre's component stock shipped to the Heart each tick"),
        .num("reservoir.initial", \.reservoir.initial, 0...huge, "mass", "stock in the Heart of Recycling at tick 0"),

        .int("recyclers.count", \.recyclers.count, 0...big, "agents", "recyclers at start (a schedule entry adds or removes to reach it)").rebuilding(.reconcileRecyclers),
        .int("recyclers.max", \.recyclers.max, 0...big, "agents", "cap on recyclers reachable through education recruitment"),
        .num("recyclers.capacity", \.recyclers.capacity, 0.001...huge, "mass", "waste a recycler carries before delivering"),
        .int("recyclers.sense_radius", \.recyclers.senseRadius, 0...256, "cells", "Chebyshev radius in which a recycler sees waste"),
        .num("recyclers.health_loss", \.recyclers.healthLoss, 0...huge, "1/(tox·tick)", "health lost per tick per unit of toxicity on the recycler's cell"),
        .num("recyclers.sick_threshold", \.recyclers.sickThreshold, 0...1, "", "health below which a recycler goes home sick"),
        .num("recyclers.recovery_rate", \.recyclers.recoveryRate, 0...1, "1/tick", "health regained per tick at home, times public health"),

        .int("scavengers.count", \.scavengers.count, 0...big, "agents", "scavengers (fixed population)").rebuilding(.reconcileScavengers),
        .num("scavengers.capacity", \.scavengers.capacity, 0.001...huge, "mass", "components a scavenger carries before selling"),
        .int("scavengers.sense_radius", \.scavengers.senseRadius, 0...256, "cells", "radius in which a scavenger sees components"),
        .num("scavengers.risk_aversion", \.scavengers.riskAversion, 0...huge, "price/guard", "black-market price discount per guard within 5 cells"),
        .num("scavengers.choice_noise", \.scavengers.choiceNoise, 0.001...huge, "price", "logit temperature of the sell decision"),
        .int("scavengers.patience", \.scavengers.patience, 1...big, "ticks", "ticks of fruitless search before selling a partial load"),
        .num("market.centre_price", \.market.centrePrice, 0...huge, "price/mass", "buy-back price a centre pays for components (policy lever)"),
        .num("market.black_price", \.market.blackPrice, 0...huge, "price/mass", "price the crew pays for components"),
        .num("market.stock_price", \.market.stockPrice, 0...huge, "price/mass", "price the crew's fence pays for stolen Heart stock (bulk material)"),

        .choice("crew.behavior", \.crew.behavior, "`city` (full model) or `short2008` (Short et al. burglars only)", schedulable: false),
        .int("crew.count", \.crew.count, 0...big, "agents", "crew members at start (short2008: initial burglars)").rebuilding(.reconcileCrew),
        .int("crew.max", \.crew.max, 0...big, "agents", "cap on crew size through recruitment"),
        .num("crew.steal_amount", \.crew.stealAmount, 0...huge, "mass", "components (or stock) taken per theft"),
        .num("crew.dump_prob", \.crew.dumpProb, 0...1, "1/tick", "probability per tick that a crew member dumps biohazards"),
        .num("crew.dump_toxicity", \.crew.dumpToxicity, 0...huge, "tox", "toxicity added by one dump"),
        .num("crew.sensor_awareness", \.crew.sensorAwareness, 0...1, "", "probability a crew member refrains from dumping in sight of an active sensor"),
        .num("crew.hack_prob", \.crew.hackProb, 0...1, "1/tick", "probability per tick of hacking a non-hardened sensor covering the crew member's cell"),
        .num("crew.recruit_cost", \.crew.recruitCost, 0.001...huge, "price", "crew cash that buys one new member"),
        .num("crew.spawn_rate", \.crew.spawnRate, 0...huge, "1/(cell·time)", "short2008: burglar generation rate Γ (per cell per unit time)"),

        .num("crime.a0", \.crime.a0, 0...huge, "1/time", "static attractiveness A0 of every cell"),
        .num("crime.theta", \.crime.theta, 0...huge, "", "θ: dynamic attractiveness added per crime"),
        .num("crime.eta", \.crime.eta, 0...1, "", "η: neighbourhood effect (share of B exchanged with the 4 neighbours)"),
        .num("crime.omega", \.crime.omega, 0...huge, "1/time", "ω: decay rate of dynamic attractiveness"),
        .num("crime.dt", \.crime.dt, 0.0001...1000, "time/tick", "δt: model time per tick for the attractiveness field"),
        .num("crime.move_bias", \.crime.moveBias, 0...huge, "", "exponent on A when crew choose a neighbour (1 = proportional to A)"),

        .int("guards.count", \.guards.count, 0...big, "agents", "guards at start").rebuilding(.reconcileGuards),
        .int("guards.max", \.guards.max, 0...big, "agents", "cap on guards through community recruitment"),
        .choice("guards.patrol", \.guards.patrol, "patrol strategy: `random`, `hotspot` (climb attractiveness) or `sensor` (dispatched to alerts)"),
        .int("guards.reach", \.guards.reach, 0...16, "cells", "Chebyshev radius within which a guard can arrest"),
        .num("guards.arrest_prob", \.guards.arrestProb, 0...1, "", "probability per tick that a guard arrests one crew member within reach"),
        .int("guards.jail_ticks", \.guards.jailTicks, 0...big, "ticks", "jail time of an arrested crew member; 0 removes them for good"),
        .int("guards.recruit_threshold", \.guards.recruitThreshold, 0...big, "crimes", "reported crimes in the window that trigger recruitment (0 = never)"),
        .int("guards.recruit_window", \.guards.recruitWindow, 1...100_000, "ticks", "length of the crime-count window").rebuilding(.resizeCrimeWindow),
        .int("guards.recruit_size", \.guards.recruitSize, 0...big, "agents", "guards recruited each time"),

        .num("sensors.density", \.sensors.density, 0...1, "1/cell", "probability that a street cell holds a sensor (plus sensors drawn in the map)").rebuilding(.replaceSensors),
        .int("sensors.radius", \.sensors.radius, 0...64, "cells", "Chebyshev detection (and containment) radius").rebuilding(.replaceSensors),
        .num("sensors.detect_prob", \.sensors.detectProb, 0...1, "", "probability one active sensor in range detects a theft or dump"),
        .num("sensors.hardened", \.sensors.hardened, 0...1, "", "share of sensors that are hardened (never hacked): 0 none, 1 all").rebuilding(.replaceSensors),
        .int("sensors.waste_tracking", \.sensors.wasteTracking, 0...256, "cells", "extra waste-sensing radius of a recycler standing where an active sensor reports (Zia's network tracks waste)"),
        .int("sensors.alert_ttl", \.sensors.alertTTL, 1...100_000, "ticks", "how long an alert stays open for dispatch"),

        .bool("containment.enabled", \.containment.enabled, "", "containment mode: sensors slow crew and clean toxicity"),
        .num("containment.slow", \.containment.slow, 0...1, "", "probability a crew member within an active sensor's radius cannot move this tick (1 = trapped)"),
        .num("containment.trapped_arrest_prob", \.containment.trappedArrestProb, 0...1, "", "arrest probability for a crew member trapped by containment this tick (used when above guards.arrest_prob)"),
        .num("containment.clean_rate", \.containment.cleanRate, 0...1, "1/tick", "share of toxicity removed per tick in each active sensor's radius"),
        .num("containment.recovery", \.containment.recovery, 0...huge, "mass/tox", "reservoir stock gained per unit of toxicity cleaned"),

        .int("heist.tick", \.heist.tick, -1...big, "tick", "tick at which the crew stages a heist (-1 = none scheduled)"),
        .int("heist.strength", \.heist.strength, 0...big, "agents", "free crew size that triggers a heist (0 = never)"),
        .int("heist.hold_ticks", \.heist.holdTicks, 1...big, "ticks", "ticks the crew must hold the Heart to succeed"),
        .num("heist.loss_fraction", \.heist.lossFraction, 0...1, "", "share of reservoir stock lost when a heist succeeds"),
        .int("heist.radius", \.heist.radius, 0...64, "cells", "Chebyshev radius around the Heart that counts as holding it"),
        .num("heist.guard_weight", \.heist.guardWeight, 0...huge, "", "how many crew one guard at the Heart offsets"),
        .int("heist.max_duration", \.heist.maxDuration, 1...big, "ticks", "a heist not won by then fails"),
        .int("heist.cooldown", \.heist.cooldown, 0...big, "ticks", "ticks after a heist before strength can trigger another"),

        .num("education.level", \.education.level, 0...1, "", "Recycle Revolution education level at the start (a schedule entry sets the current level)").rebuilding(.setEducationLevel),
        .int("education.workshop_every", \.education.workshopEvery, 0...big, "ticks", "a workshop every this many ticks (0 = none)"),
        .num("education.workshop_gain", \.education.workshopGain, 0...1, "", "level gained per workshop, times public health"),
        .num("education.decay", \.education.decay, 0...1, "1/tick", "share of the level lost per tick"),
        .num("education.disposal_effect", \.education.disposalEffect, 0...1, "", "improper share is multiplied by 1 − effect·level"),
        .num("education.recruit_rate", \.education.recruitRate, 0...huge, "agents/tick", "expected new recyclers per tick at level 1, times public health"),
        .num("education.black_market_effect", \.education.blackMarketEffect, 0...huge, "price", "black-market price discount (stigma) at level 1"),

        .num("health.toxicity_scale", \.health.toxicityScale, 0.000001...huge, "tox", "public health = exp(−mean residential toxicity / scale)"),

        .int("informants.count", \.informants.count, 0...big, "agents", "Mars's informants walking the streets (0 = none)").rebuilding(.reconcileInformants),
        .int("informants.radius", \.informants.radius, 0...64, "cells", "Chebyshev radius in which an informant notices crew activity"),
        .num("informants.tip_probability", \.informants.tipProbability, 0...1, "", "probability per tick that an informant who noticed activity passes a tip"),
        .int("informants.tip_delay", \.informants.tipDelay, 0...100_000, "ticks", "ticks from a tip to the alert it raises for the guards"),
        .num("informants.exposure_risk", \.informants.exposureRisk, 0...1, "", "probability per tick that free crew next to an informant discover and silence it"),
    ]

    private static let byKey: [String: Int] = {
        var d: [String: Int] = [:]
        for (i, s) in all.enumerated() { d[s.key] = i }
        return d
    }()

    /// The parameter for a dotted key, or nil. `zones.<zone>.<lever>` keys are zone levers
    /// (`ZoneLever`) for any valid zone name; `consistencyProblems` refuses one whose zone the
    /// world does not declare.
    public static func spec(for key: String) -> ParameterSpec? {
        if let i = byKey[key] { return all[i] }
        if key.hasPrefix("zones."), case .success(let s) = ZoneLever.lookup(key) { return s }
        if key.hasPrefix("schedule."), case .success(let s) = ScheduleTick.lookup(key) { return s }
        return nil
    }

    /// Every parameter of `params`: the catalog's, then each declared zone's levers (zone
    /// order, then lever order) — what manifests and checkpoints record.
    public static func all(for params: WorldParameters) -> [ParameterSpec] {
        all + zoneLevers(for: params)
    }

    /// The lever parameters of `params`'s declared zones, and of any other zone a lever was set
    /// for (so a check can name it).
    public static func zoneLevers(for params: WorldParameters) -> [ParameterSpec] {
        let declared = params.zones.map(\.name)
        let stray = params.zoneLevers.keys.filter { !declared.contains($0) }.sorted()
        return (declared + stray).flatMap { z in ZoneLever.all.map { ZoneLever.parameter(zone: z, $0) } }
    }

    /// For a `zones.<zone>.<lever>` key whose zone `params` does not declare, or a
    /// `schedule.<name>.tick` key with no entry of that name: the problem
    /// (nil for any other key). Where a key is named (`--set`, `--vary`, arms), not only where
    /// its value would differ from the default.
    public static func undeclaredName(_ key: String, in params: WorldParameters) -> ParameterError? {
        if key.hasPrefix("schedule.") {
            let parts = key.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 3, !params.schedule.contains(where: { $0.name == String(parts[1]) }) else { return nil }
            let names = params.schedule.compactMap(\.name)
            let close = suggestion(for: String(parts[1]), among: names).map { " (did you mean schedule.\($0).tick?)" } ?? ""
            return .inconsistent(key: key, message: "no [[schedule]] entry is named \"\(parts[1])\"" + close
                + (names.isEmpty ? " (give an entry name = \"\(parts[1])\" in the world file)" : "; named entries: " + names.joined(separator: ", ")))
        }
        guard key.hasPrefix("zones.") else { return nil }
        let parts = key.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, !params.zones.contains(where: { $0.name == parts[1] }) else { return nil }
        return .inconsistent(key: key, message: noSuchZone(String(parts[1]), declared: params.zones.map(\.name)))
    }

    static func noSuchZone(_ zone: String, declared: [String]) -> String {
        "no [[zone]] is named \"\(zone)\"" + (declared.isEmpty ? " (this world declares no zones)" : "; zones: " + declared.joined(separator: ", "))
    }

    /// The parameter for `key`, or an unknown-key error with the closest known key.
    public static func lookup(_ key: String) -> Result<ParameterSpec, ParameterError> {
        if let s = spec(for: key) { return .success(s) }
        if key.hasPrefix("zones.") { return ZoneLever.lookup(key) }
        if key == "zones" { return .failure(.sectionNotValue(key: key, example: "zones.<zone>.guards = 4, for a zone declared with [[zone]]")) }
        if key.hasPrefix("schedule.") {
            return .failure(.inconsistent(key: key, message: "a schedule key is schedule.<name>.tick, the tick of the [[schedule]] entry with that name"))
        }
        if let inSection = all.first(where: { $0.key.hasPrefix(key + ".") }) {
            let example = "\(inSection.key) = \(inSection.value(in: WorldParameters()))"
            return .failure(.sectionNotValue(key: key, example: example))
        }
        return .failure(.unknownKey(key: key, suggestion: suggestion(for: key)))
    }

    /// Closest known key by edit distance, if reasonably close.
    /// Candidates whose length differs by more than the threshold cannot be that close, so
    /// they are skipped before the quadratic edit distance (a long or hostile key costs O(1)).
    public static func suggestion(for key: String, among keys: [String] = all.map(\.key)) -> String? {
        var best: (String, Int)?
        let n = key.utf8.count, limit = max(2, n / 3)
        guard n <= 128 else { return nil }
        for candidate in keys where abs(candidate.utf8.count - n) <= limit {
            let d = editDistance(key, candidate)
            if d <= max(2, key.count / 3), best == nil || d < best!.1 { best = (candidate, d) }
        }
        return best?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.utf8), b = Array(b.utf8)
        if a.isEmpty { return b.count }
        var prev = Array(0...b.count), cur = prev
        for i in 1...a.count {
            cur[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                cur[j] = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }

    /// Splits `key=value` text (as given to `--set`) into the trimmed key and the raw value.
    public static func splitAssignment(_ text: String) -> Result<(key: String, raw: String), ParameterError> {
        guard let eq = text.firstIndex(of: "=") else { return .failure(.malformedAssignment(text)) }
        let key = String(text[..<eq]).trimmedSpaces()
        guard !key.isEmpty else { return .failure(.malformedAssignment(text)) }
        return .success((key, String(text[text.index(after: eq)...])))
    }

    /// Applies `key=value` text (as given to `--set`) to `params`.
    public static func applyAssignment(_ text: String, to params: inout WorldParameters) -> Result<(String, ParameterValue), ParameterError> {
        let split: (key: String, raw: String)
        switch splitAssignment(text) {
        case .failure(let e): return .failure(e)
        case .success(let s): split = s
        }
        switch lookup(split.key).flatMap({ spec in spec.parse(split.raw).map { (spec, $0) } }) {
        case .failure(let e): return .failure(e)
        case .success(let (spec, v)):
            spec.apply(v, to: &params)
            return .success((split.key, v))
        }
    }

    /// Cross-parameter checks that a single key's range cannot express.
    public static func consistencyProblems(_ p: WorldParameters) -> [ParameterError] {
        var out: [ParameterError] = []
        switch p.map.kind {
        case .ascii where p.map.ascii.isEmpty && p.map.file.isEmpty:
            out.append(.inconsistent(key: "map.kind", message: "\"ascii\" needs map.ascii (inline) or map.file"))
        case .ascii where !p.map.ascii.isEmpty && !p.map.file.isEmpty:
            out.append(.inconsistent(key: "map.file", message: "give map.ascii or map.file, not both"))
        case .image where p.map.image.isEmpty:
            out.append(.inconsistent(key: "map.kind", message: "\"image\" needs map.image (a PNG file)"))
        default: break
        }
        if p.recyclers.count > p.recyclers.max {
            out.append(.inconsistent(key: "recyclers.max", message: "is \(p.recyclers.max), below recyclers.count = \(p.recyclers.count)"))
        }
        if p.crew.behavior == .city, p.crew.count > p.crew.max {
            out.append(.inconsistent(key: "crew.max", message: "is \(p.crew.max), below crew.count = \(p.crew.count)"))
        }
        if p.guards.count > p.guards.max {
            out.append(.inconsistent(key: "guards.max", message: "is \(p.guards.max), below guards.count = \(p.guards.count)"))
        }
        let declared = p.zones.map(\.name)
        for z in p.zoneLevers.keys.sorted() where !declared.contains(z) {
            let set = ZoneLever.all.first { $0.value(in: p.zoneLevers[z]!) != $0.value(in: ZoneLevers()) }?.key ?? ZoneLever.all[0].key
            out.append(.inconsistent(key: "zones.\(z).\(set)", message: noSuchZone(z, declared: declared)))
        }
        for (i, e) in p.schedule.enumerated() where e.tick < 0 {
            out.append(.inconsistent(key: "schedule[\(i)].tick", message: "must be ≥ 0, got \(e.tick)"))
        }
        guard out.isEmpty else { return out }
        // The parameters as the schedule leaves them after each of its ticks must be as
        // consistent as the start: a schedule cannot push a count above its maximum.
        var q = p
        q.schedule = []
        for t in p.schedule.ticks {
            q.apply(p.schedule, at: t)
            if let first = consistencyProblems(q).first {
                out.append(.inconsistent(key: "schedule", message: "the entries at tick \(t) leave the parameters inconsistent: \(first.description)"))
                break
            }
        }
        return out
    }
}
