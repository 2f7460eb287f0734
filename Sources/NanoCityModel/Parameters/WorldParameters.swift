import NanoCityEngine

/// Every parameter of a NanoCity world, grouped as in the world file (`[recyclers]`, `[guards]` …).
///
/// Defaults here are the documented defaults; `ParameterCatalog` lists each one with its unit,
/// range and meaning, and is the only way files and `--set` change them.
/// Units: a *tick* is one simulation step; *mass* is an abstract unit of material (waste,
/// components, reservoir stock); *tox* is a unit of biohazard concentration per cell.
public struct WorldParameters: Sendable, Equatable {
    public struct Run: Sendable, Equatable {
        public var ticks = 500
        public var seed = 1
    }
    public struct Map: Sendable, Equatable {
        public var kind = MapKind.procedural
        public var width = 64
        public var height = 64
        public var seed = 1
        public var block = 8
        public var centres = 3
        public var stations = 2
        public var hideouts = 1
        public var parkShare = 0.15
        public var industrialShare = 0.25
        public var ascii = ""
        public var file = ""
        public var image = ""
    }
    /// The city's physical scale: read only by the crime-pattern statistics (which report metres
    /// and days), never by the model, so changing it changes no simulated output.
    public struct Scale: Sendable, Equatable {
        public var metresPerCell = 10.0
        public var hoursPerTick = 1.0
    }
    public struct Waste: Sendable, Equatable {
        public var residentialRate = 0.0005
        public var industrialRate = 0.001
        public var improperShare = 0.3
        public var litterToxicity = 0.1
    }
    public struct Components: Sendable, Equatable {
        public var industrialRate = 0.0002
    }
    public struct Toxicity: Sendable, Equatable {
        public var diffusion = 0.2
        public var decay = 0.99
        public var industrialRate = 0.0005
    }
    public struct Centres: Sendable, Equatable {
        public var processRate = 2.0
        public var efficiency = 0.8
        public var componentTransfer = 0.02
    }
    public struct Reservoir: Sendable, Equatable {
        public var initial = 100.0
    }
    public struct Recyclers: Sendable, Equatable {
        public var count = 50
        public var max = 400
        public var capacity = 2.0
        public var senseRadius = 6
        public var healthLoss = 0.05
        public var sickThreshold = 0.3
        public var recoveryRate = 0.02
    }
    public struct Scavengers: Sendable, Equatable {
        public var count = 15
        public var capacity = 0.5
        public var senseRadius = 8
        public var riskAversion = 2.0
        public var choiceNoise = 0.5
        public var patience = 60
    }
    public struct Market: Sendable, Equatable {
        public var centrePrice = 1.0
        public var blackPrice = 1.6
        public var stockPrice = 0.2
    }
    public struct Crew: Sendable, Equatable {
        public var behavior = CrewBehavior.city
        public var count = 8
        public var max = 60
        public var stealAmount = 1.0
        public var dumpProb = 0.02
        public var dumpToxicity = 5.0
        public var sensorAwareness = 0.8
        public var hackProb = 0.002
        public var recruitCost = 6.0
        public var spawnRate = 0.019
    }
    public struct Crime: Sendable, Equatable {
        public var a0 = 1.0 / 30.0
        public var theta = 0.56
        public var eta = 0.2
        public var omega = 1.0 / 15.0
        public var dt = 1.0
        public var moveBias = 1.0
    }
    public struct Guards: Sendable, Equatable {
        public var count = 6
        public var max = 60
        public var patrol = PatrolStrategy.hotspot
        public var reach = 1
        public var arrestProb = 0.3
        public var jailTicks = 100
        public var recruitThreshold = 5
        public var recruitWindow = 50
        public var recruitSize = 2
    }
    public struct Sensors: Sendable, Equatable {
        public var density = 0.03
        public var radius = 3
        public var detectProb = 0.5
        public var hardened = 0.0
        public var alertTTL = 30
        public var wasteTracking = 3
    }
    public struct Containment: Sendable, Equatable {
        public var enabled = false
        public var slow = 0.7
        public var trappedArrestProb = 0.9
        public var cleanRate = 0.05
        public var recovery = 0.5
    }
    public struct Heist: Sendable, Equatable {
        public var tick = -1
        public var strength = 0
        public var holdTicks = 10
        public var lossFraction = 0.5
        public var radius = 2
        public var guardWeight = 2.0
        public var maxDuration = 150
        public var cooldown = 200
    }
    public struct Education: Sendable, Equatable {
        public var level = 0.2
        public var workshopEvery = 0
        public var workshopGain = 0.05
        public var decay = 0.0
        public var disposalEffect = 0.8
        public var recruitRate = 0.05
        public var blackMarketEffect = 1.0
    }
    public struct Health: Sendable, Equatable {
        public var toxicityScale = 1.0
    }
    public struct Informants: Sendable, Equatable {
        public var count = 0
        public var radius = 4
        public var tipProbability = 0.5
        public var tipDelay = 10
        public var exposureRisk = 0.05
    }
    public var name = "default"
    public var description = ""
    public var run = Run()
    public var map = Map()
    public var waste = Waste()
    public var components = Components()
    public var toxicity = Toxicity()
    public var centres = Centres()
    public var reservoir = Reservoir()
    public var recyclers = Recyclers()
    public var scavengers = Scavengers()
    public var market = Market()
    public var crew = Crew()
    public var crime = Crime()
    public var guards = Guards()
    public var sensors = Sensors()
    public var containment = Containment()
    public var heist = Heist()
    public var education = Education()
    public var health = Health()
    public var informants = Informants()
    public var scale = Scale()
    /// Named areas of the map (`[[zone]]`), in declaration order: fixed for the run.
    public var zones: [ZoneDeclaration] = []
    /// Each zone's policy levers (`zones.<name>.<lever>`), by zone name; a zone not listed has
    /// every lever at its default. Read in declaration order (`City.zoneLevers`), never by
    /// iterating the dictionary.
    public var zoneLevers: [String: ZoneLevers] = [:]
    /// Policy changes applied at the start of given ticks, in file order.
    public var schedule: [ScheduleEntry] = []

    public init() {}
}

/// Where the map comes from.
public enum MapKind: String, Sendable, CaseIterable {
    case procedural, ascii, image
}

/// Guard patrol strategy (`guards.patrol`).
public enum PatrolStrategy: String, Sendable, CaseIterable {
    /// Random walk over the city.
    case random
    /// Climb the crime attractiveness field (Short et al. 2008 hotspot policing).
    case hotspot
    /// Stay near stations and run to the nearest open sensor alert.
    case sensor
}

/// How the crew behaves (`crew.behavior`).
public enum CrewBehavior: String, Sendable, CaseIterable {
    /// The full city model: theft, fencing, dumping, hacking, heists.
    case city
    /// Short et al. (2008) burglars only: burgle with probability 1 − exp(−A·δt) and leave.
    case short2008
}

/// One `[[schedule]]` entry: parameter changes applied at the start of `tick`.
public struct ScheduleEntry: Sendable, Equatable {
    public var tick: Int
    public var changes: [(key: String, value: ParameterValue)]
    /// The entry's name (`name = "…"` in the world file): what `schedule.<name>.tick` moves.
    /// It identifies the entry and changes nothing in a run, so equality and checkpoints leave it out.
    public var name: String?

    public init(tick: Int, changes: [(key: String, value: ParameterValue)], name: String? = nil) {
        self.tick = tick
        self.changes = changes
        self.name = name
    }

    public static func == (a: ScheduleEntry, b: ScheduleEntry) -> Bool {
        a.tick == b.tick && a.changes.elementsEqual(b.changes) { $0.key == $1.key && $0.value == $1.value }
    }
}

extension WorldParameters {
    /// The changes of `schedule`'s entries at `tick`, in file order — the values a run's phase 1
    /// sets at that tick, without the rebuilds it then does (`ScheduleEffect`).
    public mutating func apply(_ schedule: [ScheduleEntry], at tick: Int) {
        for entry in schedule where entry.tick == tick {
            for c in entry.changes { ParameterCatalog.spec(for: c.key)?.apply(c.value, to: &self) }
        }
    }
}

extension [ScheduleEntry] {
    /// The ticks that have entries, ascending, each once.
    public var ticks: [Int] { Set(map(\.tick)).sorted() }
}
