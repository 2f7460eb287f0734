import NanoCityEngine

// Tick phase 3, generation (the order: `TickPhase`, Tick.swift).
extension City {
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
        sweepZones()
    }
}
