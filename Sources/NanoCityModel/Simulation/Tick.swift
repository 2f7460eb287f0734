import NanoCityEngine

/// The phases of one tick, in the fixed order `City.step()` runs them.
public enum TickPhase: String, CaseIterable, Sendable {
    case schedule, heistTrigger, generation, agentOrder, agents, agentResolution, heistResolution, centres, sensors,
         diffusion, crimeField, health, education, recruitment, cleanup

    /// The city model's tick after the schedule: every other phase, in declaration order.
    public static let cityOrder: [TickPhase] = allCases.filter { $0 != .schedule }
    /// A `short2008` world's tick after the schedule: burglars act, the field updates, new
    /// burglars arrive, those who left are removed (Short et al. 2008; no city mechanics).
    public static let short2008Order: [TickPhase] = [.agents, .crimeField, .recruitment, .cleanup]
}

/// Told when each phase of a tick begins (`City.step(observing:)`), so a profiler can time the
/// phases without the model knowing about clocks.
public protocol TickPhaseObserver {
    mutating func begin(_ phase: TickPhase)
    /// The tick's last phase has ended.
    mutating func end()
}

/// Observes nothing; `step()` uses it, and specialisation removes every call.
public struct NoTickPhaseObserver: TickPhaseObserver {
    public init() {}
    @inline(__always) public mutating func begin(_ phase: TickPhase) {}
    @inline(__always) public mutating func end() {}
}

extension City {
    /// Advances the world by one tick. Phase order (README "Model"):
    /// 1 schedule · 2 heist trigger · 3 waste/component/toxicity generation · 4 every agent once:
    /// each decides, then acts in a freshly shuffled order (`prepareAgents`) · 5 heist resolution · 6 centres process deliveries ·
    /// 7 sensors (containment cleaning, alert expiry) · 8 toxicity diffusion and decay ·
    /// 9 crime attractiveness update · 10 public health · 11 education · 12 recruitment ·
    /// 13 cleanup (departed agents removed).
    public mutating func step() {
        var none = NoTickPhaseObserver()
        step(observing: &none)
    }

    /// `step()`, telling `observer` where each phase begins.
    public mutating func step<O: TickPhaseObserver>(observing observer: inout O) {
        observer.begin(.schedule)
        run(.schedule)
        // After the schedule: the order is the one of the model the run now has.
        let short = params.crew.behavior == .short2008
        for phase in short ? TickPhase.short2008Order : TickPhase.cityOrder {
            observer.begin(phase)
            run(phase, short2008: short)
        }
        observer.end()
    }

    /// Runs one phase of the tick (see `TickPhase.summary`; each phase's code is in
    /// `Simulation/Phases/`, the agents' in `Agents/`).
    mutating func run(_ phase: TickPhase, short2008: Bool = false) {
        switch phase {
        case .schedule:
            tick += 1
            counters = TickCounters()
            events.removeAll(keepingCapacity: true)
            crimeWindow[tick % crimeWindow.count] = 0
            crimeCells.removeAll(keepingCapacity: true)
            applySchedule()
        case .heistTrigger: triggerHeistIfDue()
        case .generation: generate()
        case .agentOrder: prepareAgents()
        case .agents: if short2008 { stepShortBurglars() } else { decideAgents() }
        case .agentResolution: resolveAgents()
        case .heistResolution: resolveHeist()
        case .centres: processCentres()
        case .sensors:
            deliverTips()
            runSensors()
        case .diffusion:
            Diffusion.step(&toxicity, rate: Float(params.toxicity.diffusion), decay: Float(params.toxicity.decay), scratch: &scratch,
                           threads: threads)
        case .crimeField: updateAttractiveness()
        case .health: publicHealth = computePublicHealth()
        case .education: runEducation()
        case .recruitment:
            if short2008 { spawnShortBurglars() } else {
                recruitGuards()
                recruitCrew()
            }
        case .cleanup:
            compactCrew()
            if !short2008 { removeSilencedInformants() }
        }
    }

    /// Runs `ticks` steps.
    public mutating func run(ticks: Int) {
        for _ in 0..<ticks { step() }
    }
}
