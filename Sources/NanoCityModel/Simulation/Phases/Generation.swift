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
        let residential = map.residential, industrial = map.industrial
        if residentialRate > 0 { counters.littered += Double(Float(residentialRate * improper)) * Double(residential.count) }
        if industrialRate > 0 { counters.littered += Double(Float(industrialRate * improper)) * Double(industrial.count) }
        let n = RowBands.count(rows: map.size.height, width: map.size.width, threads: threads)
        let streets = map.streets, litter = map.streetLitter
        let resKept = Float(residentialRate * (1 - improper)), resLitter = Float(residentialRate * improper)
        let indKept = Float(industrialRate * (1 - improper)), indLitter = Float(industrialRate * improper)
        // A street's litter from residential cells, then from industrial ones (the order the
        // cells were once visited in; see `StreetLitter`); zero rates and no litter add nothing.
        let resOn = resLitter > 0, indOn = indLitter > 0
        let resTox = resLitter * litterTox, indTox = indLitter * litterTox
        // Over buffers: element writes through the arrays would check their uniqueness once per
        // cell (hundreds of thousands of checks a tick on the metropolis).
        waste.values.withUnsafeMutableBufferPointer { w in
            toxicity.values.withUnsafeMutableBufferPointer { t in
                components.values.withUnsafeMutableBufferPointer { cv in
                    // Every cell is written by one of the three loops only (residential,
                    // industrial and street cells are disjoint), so any split over cores gives
                    // the one-core bits; each list splits into n contiguous shares the way rows
                    // split into bands.
                    ConcurrentTasks.run(count: n, threads: n) { b in
                        if residentialRate > 0 {
                            for i in RowBands.band(b, of: n, rows: residential.count) { w[Int(residential[i])] += resKept }
                        }
                        let emits = comp > 0 || tox > 0
                        if industrialRate > 0 || emits {
                            for i in RowBands.band(b, of: n, rows: industrial.count) {
                                let c = Int(industrial[i])
                                if industrialRate > 0 { w[c] += indKept }
                                if emits {
                                    cv[c] += comp
                                    t[c] += tox
                                }
                            }
                        }
                        guard resOn || indOn else { return }
                        let range = RowBands.band(b, of: n, rows: streets.count)
                        var o = litter.firstOverflow(atOrAfter: range.lowerBound)
                        for j in range {
                            guard litter.counts[j] != 0 else { continue }
                            let (fromRes, fromInd) = litter.feeders(j, overflowCursor: &o)
                            let s = Int(streets[j])
                            var ws = w[s], ts = t[s]
                            if resOn { for _ in 0..<fromRes { ws += resLitter; ts += resTox } }
                            if indOn { for _ in 0..<fromInd { ws += indLitter; ts += indTox } }
                            w[s] = ws
                            t[s] = ts
                        }
                    }
                }
            }
        }
        sweepZones()
    }
}
