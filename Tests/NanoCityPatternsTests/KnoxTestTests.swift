import Foundation
import NanoCityEngine
import Testing
@testable import NanoCityPatterns

@Suite struct KnoxTestTests {
    static let bands = KnoxBands(space: KnoxAxis(width: 100, count: 3, convention: .labelled),
                                 time: KnoxAxis(width: 2, count: 2, convention: .labelled))

    /// Uniform incidents over 2 km × 2 km and 200 days.
    static func randomIncidents(_ n: Int, seed: UInt64) -> [Incident] {
        var rng = Xoshiro256StarStar(seed: seed)
        return (0..<n).map { _ in Incident(x: rng.uniform() * 2000, y: rng.uniform() * 2000, day: (rng.uniform() * 200).rounded(.down)) }
    }

    /// Every pair counted by brute force, in the same bands.
    static func bruteForce(_ e: [Incident], _ b: KnoxBands) -> [Int] {
        var cells = [Int](repeating: 0, count: b.spaceRows * b.timeColumns)
        for i in 0..<e.count {
            for j in (i + 1)..<e.count {
                let d = DistanceMetric.euclidean.distance(e[i].x - e[j].x, e[i].y - e[j].y)
                cells[b.spaceRow(d) * b.timeColumns + b.time.band(of: abs(e[i].day - e[j].day))] += 1
            }
        }
        return cells
    }

    @Test func observedCountsEqualBruteForceInBothConventions() throws {
        var e = Self.randomIncidents(400, seed: 3)
        e += e.prefix(20).map { Incident(x: $0.x, y: $0.y, day: $0.day + 1) }   // same places
        for convention in KnoxBandConvention.allCases {
            let b = KnoxBands(space: KnoxAxis(width: 100, count: 3, convention: convention),
                              time: KnoxAxis(width: 2, count: 2, convention: convention))
            let t = try KnoxTest.run(e, bands: b, iterations: 5, seed: 1)
            #expect(t.observed == Self.bruteForce(e, b))
            #expect(t.observed.reduce(0, +) == e.count * (e.count - 1) / 2)
        }
    }

    @Test func bandEdgesFollowTheConvention() {
        let lab = KnoxAxis(width: 100, count: 3, convention: .labelled)
        let nrc = KnoxAxis(width: 100, count: 3, convention: .nrc)
        #expect(lab.band(of: 100) == 0 && lab.band(of: 100.001) == 1 && lab.band(of: 300) == 2 && lab.band(of: 301) == 3)
        #expect(nrc.band(of: 100) == 1 && nrc.band(of: 99.99) == 0 && nrc.band(of: 300) == 3)
        // 3 cells × 0.1 m computed in floating point lands on the stated side of 0.3.
        #expect(KnoxAxis(width: 0.3, count: 2, convention: .labelled).band(of: 0.1 + 0.1 + 0.1) == 0)
        let b = Self.bands
        #expect(b.spaceRow(0) == 0 && b.spaceRow(0.5) == 1)
        let n = KnoxBands(space: nrc, time: KnoxAxis(width: 2, count: 2, convention: .nrc))
        #expect(n.spaceRow(0.5) == 0 && n.spaceRow(1) == 1)
        #expect(n.time.band(of: 2) == 1 && b.time.band(of: 2) == 0 && b.time.band(of: 0) == 0)
        #expect(b.spaceLabel(0) == "same location" && b.spaceLabel(1) == "1 to 100 meters"
                && b.spaceLabel(2) == "101 to 200 meters" && b.spaceLabel(4) == "more than 300 meters")
        #expect(b.timeLabel(0) == "0 to 2 days" && b.timeLabel(1) == "3 to 4 days" && b.timeLabel(2) == "more than 4 days")
    }

    @Test func plantedNearRepeatsRaiseOnlyTheirBands() throws {
        var rng = Xoshiro256StarStar(seed: 11)
        var e = Self.randomIncidents(600, seed: 5)
        // Each of 150 seeds gets a follower within 60 m and 1 day: the (1–100 m, 0–2 days) cell.
        for s in e.prefix(150) {
            let angle = rng.uniform() * 6.283185307179586, r = 10 + rng.uniform() * 50
            e.append(Incident(x: s.x + r * cos(angle), y: s.y + r * sin(angle), day: s.day + 1))
        }
        let t = try KnoxTest.run(e, bands: Self.bands, iterations: 99, seed: 2, threads: 2)
        let planted = t.index(row: 1, column: 0)
        #expect(t.ratio(planted)! > 3)
        #expect(t.pValue[planted] <= 0.01)
        for row in 2..<t.bands.spaceRows {
            for column in 0..<t.bands.timeColumns {
                let r = t.ratio(t.index(row: row, column: column))!
                #expect(abs(r - 1) < 0.25, "row \(row) column \(column): ratio \(r)")
            }
        }
    }

    @Test func spatialRandomnessGivesRatiosNearOneAndUniformPValues() throws {
        var ps: [Double] = []
        for s in 0..<20 {
            let t = try KnoxTest.run(Self.randomIncidents(500, seed: 100 + UInt64(s)), bands: Self.bands,
                                     iterations: 39, seed: UInt64(s))
            for row in 1..<t.bands.spaceRows {
                for c in 0..<t.bands.timeColumns { ps.append(t.pValue[t.index(row: row, column: c)]) }
            }
            let far = t.index(row: t.bands.spaceRows - 1, column: t.bands.timeColumns - 1)
            #expect(abs(t.ratio(far)! - 1) < 0.01)
        }
        // Rank p-values of a true null are uniform on {1/40, …, 1}: mean ≈ 0.51, few below 0.05.
        let mean = ps.reduce(0, +) / Double(ps.count)
        #expect(abs(mean - 0.5125) < 0.08)
        #expect(Double(ps.filter { $0 <= 0.05 }.count) / Double(ps.count) < 0.12)
    }

    @Test func permutationMeanApproachesTheKnoxExpectation() throws {
        let t = try KnoxTest.run(Self.randomIncidents(300, seed: 9), bands: Self.bands, iterations: 400, seed: 4)
        for cell in t.observed.indices where t.expectedAnalytic[cell] > 20 {
            let rel = abs(t.expectedMean[cell] - t.expectedAnalytic[cell]) / t.expectedAnalytic[cell]
            #expect(rel < 0.03, "cell \(cell): \(t.expectedMean[cell]) vs \(t.expectedAnalytic[cell])")
        }
    }

    @Test func sameTableForAnyThreadCount() throws {
        let e = Self.randomIncidents(300, seed: 21)
        let one = try KnoxTest.run(e, bands: Self.bands, iterations: 30, seed: 8, threads: 1)
        let two = try KnoxTest.run(e, bands: Self.bands, iterations: 30, seed: 8, threads: 2)
        #expect(one.expectedMean == two.expectedMean && one.pValue == two.pValue && one.expectedMedian == two.expectedMedian)
    }

    @Test func pairLimitAndBadInputAreErrorsNotCrashes() {
        let e = (0..<100).map { Incident(x: Double($0 % 3), y: 0, day: Double($0)) }
        #expect(throws: KnoxError.tooManyPairs(limit: 50, lastBand: 300)) {
            try KnoxTest.run(e, bands: Self.bands, iterations: 1, seed: 1, pairLimit: 50)
        }
        #expect(throws: KnoxError.tooFewIncidents(1)) { try KnoxTest.run([e[0]], bands: Self.bands, iterations: 1, seed: 1) }
        #expect(throws: KnoxError.notFinite(index: 1)) {
            try KnoxTest.run([e[0], Incident(x: .nan, y: 0, day: 0)], bands: Self.bands, iterations: 1, seed: 1)
        }
    }
}
