import NanoCityEngine

/// The phases of one tick, in the fixed order `City.step()` runs them.
public enum TickPhase: String, CaseIterable, Sendable {
    case schedule, heistTrigger, generation, agentOrder, agents, agentResolution, heistResolution, centres, sensors,
         diffusion, crimeField, health, education, recruitment, cleanup
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
        tick += 1
        counters = TickCounters()
        events.removeAll(keepingCapacity: true)
        crimeWindow[tick % crimeWindow.count] = 0
        crimeCells.removeAll(keepingCapacity: true)

        applySchedule()
        if params.crew.behavior == .short2008 {
            observer.begin(.agents)
            stepShortBurglars()
            observer.begin(.crimeField)
            updateAttractiveness()
            observer.begin(.recruitment)
            spawnShortBurglars()
            observer.begin(.cleanup)
            compactCrew()
            observer.end()
            return
        }
        observer.begin(.heistTrigger)
        triggerHeistIfDue()
        observer.begin(.generation)
        generate()
        observer.begin(.agentOrder)
        prepareAgents()
        observer.begin(.agents)
        decideAgents()
        observer.begin(.agentResolution)
        resolveAgents()
        observer.begin(.heistResolution)
        resolveHeist()
        observer.begin(.centres)
        processCentres()
        observer.begin(.sensors)
        deliverTips()
        runSensors()
        observer.begin(.diffusion)
        Diffusion.step(&toxicity, rate: Float(params.toxicity.diffusion), decay: Float(params.toxicity.decay), scratch: &scratch,
                       threads: threads)
        observer.begin(.crimeField)
        updateAttractiveness()
        observer.begin(.health)
        publicHealth = computePublicHealth()
        observer.begin(.education)
        runEducation()
        observer.begin(.recruitment)
        recruitGuards()
        recruitCrew()
        observer.begin(.cleanup)
        compactCrew()
        removeSilencedInformants()
        observer.end()
    }

    /// Runs `ticks` steps.
    public mutating func run(ticks: Int) {
        for _ in 0..<ticks { step() }
    }

    // MARK: 1 schedule

    mutating func applySchedule() {
        var populations: Set<AgentKind> = [], sensorsChanged = false
        for (i, entry) in params.schedule.enumerated() where entry.tick == tick {
            for change in entry.changes {
                guard let spec = ParameterCatalog.spec(for: change.key) else { continue }
                spec.apply(change.value, to: &params)
                switch spec.effect {
                case .none: break
                case .reconcileRecyclers, .reconcileScavengers, .reconcileCrew, .reconcileGuards, .reconcileInformants:
                    populations.insert(spec.effect.population!)
                case .replaceSensors: sensorsChanged = true
                case .setEducationLevel: educationLevel = params.education.level
                case .resizeCrimeWindow: crimeWindow = [Int32](repeating: 0, count: max(1, params.guards.recruitWindow))
                }
            }
            emit(.schedule, cell: -1, agent: Int64(i), amount: Double(entry.changes.count))
        }
        if sensorsChanged { placeSensors() }
        // Only the populations whose count was set: the others keep what recruitment and
        // departures made of them (the count parameters are starting values and targets,
        // never overwritten by the tick).
        if !populations.isEmpty { reconcilePopulations(populations) }
    }

    // MARK: 3 generation

    /// Residential and industrial cells produce waste; the improper share (lowered by
    /// education) is littered onto the nearest street and releases toxicity there. Industrial
    /// cells also produce components and emit toxicity.
    mutating func generate() {
        let improper = params.waste.improperShare * (1 - params.education.disposalEffect * educationLevel)
        let litterTox = Float(params.waste.litterToxicity)
        let residentialRate = params.waste.residentialRate, industrialRate = params.waste.industrialRate
        let comp = Float(params.components.industrialRate), tox = Float(params.toxicity.industrialRate)
        let residential = map.residential, industrial = map.industrial, nearest = map.nearestStreet
        if residentialRate > 0 { counters.littered += Double(Float(residentialRate * improper)) * Double(residential.count) }
        if industrialRate > 0 { counters.littered += Double(Float(industrialRate * improper)) * Double(industrial.count) }
        let n = RowBands.count(rows: map.size.height, width: map.size.width, threads: threads)
        if n > 1, generationBands?.bands != n { generationBands = GenerationBands(map: map, bands: n) }
        let plan = n > 1 ? generationBands : nil
        // Over buffers: element writes through the arrays would check their uniqueness once per
        // cell (hundreds of thousands of checks a tick on the metropolis).
        waste.values.withUnsafeMutableBufferPointer { w in
            toxicity.values.withUnsafeMutableBufferPointer { t in
                components.values.withUnsafeMutableBufferPointer { cv in
                    /// `cells[range]` add their waste; their litter too, except to streets `skip`
                    /// marks (added later, in order, by `litter`).
                    func produce(_ cells: [Int32], rate: Double, _ range: Range<Int>, skip: [UInt64]?) {
                        guard rate > 0 else { return }
                        let kept = Float(rate * (1 - improper)), littered = Float(rate * improper)
                        for i in range {
                            let c = Int(cells[i])
                            w[c] += kept
                            if littered > 0 {
                                let s = Int(nearest[c])
                                if let skip, skip[s >> 6] & (1 << UInt64(s & 63)) != 0 { continue }
                                w[s] += littered
                                t[s] += littered * litterTox
                            }
                        }
                    }
                    /// The litter of `cells[i]` for each i in `deferred`, in that order.
                    func litter(_ cells: [Int32], rate: Double, _ deferred: [Int32]) {
                        let littered = Float(rate * improper)
                        guard rate > 0, littered > 0 else { return }
                        for i in deferred {
                            let s = Int(nearest[Int(cells[Int(i)])])
                            w[s] += littered
                            t[s] += littered * litterTox
                        }
                    }
                    func emit(_ range: Range<Int>) {
                        guard comp > 0 || tox > 0 else { return }
                        for i in range {
                            let c = Int(industrial[i])
                            cv[c] += comp
                            t[c] += tox
                        }
                    }
                    guard let plan else {
                        produce(residential, rate: residentialRate, residential.indices, skip: nil)
                        produce(industrial, rate: industrialRate, industrial.indices, skip: nil)
                        emit(industrial.indices)
                        return
                    }
                    // Each band's own cells and the streets only they feed; then the shared
                    // streets' litter on this core, in list order (see `GenerationBands`).
                    ConcurrentTasks.run(count: n, threads: n) { b in
                        produce(residential, rate: residentialRate, plan.residential[b], skip: plan.shared)
                        produce(industrial, rate: industrialRate, plan.industrial[b], skip: plan.shared)
                        emit(plan.industrial[b])
                    }
                    litter(residential, rate: residentialRate, plan.deferredResidential)
                    litter(industrial, rate: industrialRate, plan.deferredIndustrial)
                }
            }
        }
    }

    // MARK: 4 agents: AgentPhase.swift

    // MARK: 6 centres

    /// Each centre processes up to `centres.process_rate` of its queue into reservoir stock
    /// (times `centres.efficiency`) and ships `centres.component_transfer` of its components to the Heart.
    mutating func processCentres() {
        for k in 0..<centres.queue.count {
            let done = min(centres.queue[k], params.centres.processRate)
            centres.queue[k] -= done
            counters.recycled += done
            reservoir += done * params.centres.efficiency
            let shipped = centres.components[k] * params.centres.componentTransfer
            centres.components[k] -= shipped
            reservoir += shipped
        }
    }

    // MARK: 9 crime field

    /// Short et al. (2008) eq. (2-3) on the bounded grid, with reflecting edges (a missing
    /// neighbour counts as the cell itself):
    /// B ← [(1−η)·B + η/4·Σ₄ B_n]·(1 − ω·δt) + θ·E.
    ///
    /// E is zero on all but this tick's crime cells: the stencil adds θ·0 everywhere (as the
    /// formula does, so a −0 becomes +0 exactly as with E stored per cell), then θ·E_c is added
    /// at each crime cell, E_c counted first so each cell gets one addition.
    mutating func updateAttractiveness() {
        let w = map.size.width, h = map.size.height
        let eta = Float(params.crime.eta), keep = Float(1 - params.crime.omega * params.crime.dt)
        let theta = Float(params.crime.theta)
        let none = theta * 0
        if scratch.count != map.size.count { scratch = [Float](repeating: 0, count: map.size.count) }
        let stay = 1 - eta, spread = eta * 0.25
        attractiveness.values.withUnsafeBufferPointer { b in
            scratch.withUnsafeMutableBufferPointer { out in
                func cell(_ c: Int, _ up: Int, _ down: Int, _ l: Int, _ r: Int) {
                    let lap = b[up] + b[down] + b[l] + b[r]
                    out[c] = (stay * b[c] + spread * lap) * keep + none
                }
                let bp = b.baseAddress!, op = out.baseAddress!
                // Each cell reads only the old field: bands of rows on several cores give
                // the same bits as one.
                RowBands.run(rows: h, width: w, threads: threads) { band in
                    for y in band {
                        let row = y * w
                        let up = y > 0 ? row - w : row, down = y < h - 1 ? row + w : row
                        // Edges reflect (a missing neighbour counts as the cell itself).
                        cell(row, up, down, row, w > 1 ? row + 1 : row)
                        if w > 1 { cell(row + w - 1, up + w - 1, down + w - 1, row + w - 2, row + w - 1) }
                        guard w > 2 else { continue }
                        // The interior over raw pointers with wrapping indices, so it vectorises;
                        // each cell's arithmetic is in the same order as above: bit-identical.
                        let bu = bp + up, bd = bp + down, bc = bp + row, oc = op + row
                        for x in 1..<(w &- 1) {
                            let lap = bu[x] + bd[x] + bc[x &- 1] + bc[x &+ 1]
                            oc[x] = (stay * bc[x] + spread * lap) * keep + none
                        }
                    }
                }
            }
        }
        if !crimeCells.isEmpty {
            crimeCounts.removeAll(keepingCapacity: true)
            for c in crimeCells { crimeCounts[c, default: 0] += 1 }
            // Each cell once, so the order of the cells does not matter.
            for (c, e) in crimeCounts { scratch[Int(c)] += theta * e }
        }
        swap(&attractiveness.values, &scratch)
    }

    // MARK: 10 health

    /// Public health = exp(−T̄ / health.toxicity_scale), T̄ the mean toxicity over residential
    /// cells (over all cells when the map has none).
    func computePublicHealth() -> Double {
        let cells = map.residential
        var sum = 0.0
        if cells.isEmpty {
            sum = toxicity.total()
            return expD(-(sum / Double(map.size.count)) / params.health.toxicityScale)
        }
        toxicity.values.withUnsafeBufferPointer { t in
            for c in cells { sum += Double(t[Int(c)]) }
        }
        return expD(-(sum / Double(cells.count)) / params.health.toxicityScale)
    }

    // MARK: 11 education

    /// Workshops raise the level by `workshop_gain × public health`; the level decays by
    /// `education.decay` per tick; new recyclers join at expected rate
    /// `recruit_rate × level × public health` per tick (up to `recyclers.max`).
    mutating func runEducation() {
        let e = params.education
        if e.workshopEvery > 0 && tick % e.workshopEvery == 0 {
            educationLevel = min(1, educationLevel + e.workshopGain * publicHealth)
            emit(.workshop, cell: -1, amount: educationLevel)
        }
        educationLevel *= (1 - e.decay)
        let expected = e.recruitRate * educationLevel * publicHealth
        // At most the room left under recyclers.max: an in-range rate of 10¹² must cost no
        // more than filling the city (it looped 10¹¹ times a tick). The fractional draw is
        // made whatever the room, as it always was, so outputs are unchanged.
        let room = max(0, params.recyclers.max - recyclers.count)
        let whole = expected.isFinite && expected > 0 ? expected.rounded(.down) : 0
        var n = whole >= Double(room) ? room : Int(whole)
        if rng.chance(expected.isFinite ? expected - whole : 0) && n < room { n += 1 }
        let homes = map.residential.isEmpty ? map.streets : map.residential
        for _ in 0..<n where recyclers.count < params.recyclers.max {
            let home = pick(homes)
            let id = newID()
            recyclers.append(id: id, cell: home, home: home)
            counters.recyclersRecruited += 1
            emit(.recyclerJoin, cell: Int(home), agent: id)
        }
    }

    // MARK: 12 recruitment

    /// Community recruitment: when reported crimes (thefts, detected dumps, heist starts) over
    /// the last `guards.recruit_window` ticks exceed `guards.recruit_threshold`, `recruit_size`
    /// guards join at the stations (up to `guards.max`) and the window starts afresh.
    mutating func recruitGuards() {
        let g = params.guards
        guard g.recruitThreshold > 0 else { return }
        let reported = crimeWindow.reduce(0) { $0 + Int($1) }
        guard reported > g.recruitThreshold else { return }
        var added = 0
        while added < g.recruitSize && guards.count < g.max {
            addGuard(at: map.stations[guards.count % map.stations.count])
            added += 1
        }
        for i in crimeWindow.indices { crimeWindow[i] = 0 }
        if added > 0 {
            counters.guardsRecruited += added
            emit(.recruit, cell: Int(map.stations[0]), amount: Double(added))
        }
    }

    /// The crew buys new members with its cash (`crew.recruit_cost` each, up to `crew.max`
    /// members outside jail), who start at a hideout.
    mutating func recruitCrew() {
        var present = crew.present
        while crewCash >= params.crew.recruitCost && present < params.crew.max {
            crewCash -= params.crew.recruitCost
            let at = pick(map.hideouts)
            let id = addCrew(at: at)
            present += 1
            counters.crewRecruited += 1
            emit(.crewJoin, cell: Int(at), agent: id)
        }
    }

    // MARK: 13 cleanup

    /// Removes departed crew, keeping the per-cell index consistent.
    mutating func compactCrew() {
        var k = 0
        while k < crew.count {
            if crew.state[k] == CrewStore.State.gone.rawValue {
                let last = crew.count - 1
                if k != last {
                    let lastOnGrid = crewIndex.cell[last] >= 0
                    let lastCell = Int(crewIndex.cell[last])
                    if lastOnGrid { crewIndex.remove(last) }
                    crew.swapRemove(k)
                    if lastOnGrid { crewIndex.insert(k, at: lastCell) }
                } else {
                    crew.swapRemove(k)
                }
            } else {
                k += 1
            }
        }
    }
}
