import Foundation
import Testing
@testable import NanoCityEngine

/// Kernels split into row bands on several cores give the same bits as on one.
@Suite struct RowBandsTests {
    func randomField(_ w: Int, _ h: Int, seed: UInt64) -> ScalarField {
        var field = ScalarField(size: GridSize(width: w, height: h))
        var rng = Xoshiro256StarStar(seed: seed)
        for i in field.values.indices { field.values[i] = rng.uniform() < 0.3 ? Float(rng.uniform() * 100) : 0 }
        return field
    }

    @Test func bandsCoverEveryRowOnceAlignedAndBounded() {
        for (rows, width, threads, align) in [(1, 1, 4, 1), (600, 400, 3, 1), (601, 529, 7, 8), (1000, 1000, 2, 8), (5, 100_000, 8, 1),
                                              (1 << 20, 1 << 40, 64, 8)] {
            let n = RowBands.count(rows: rows, width: width, threads: threads, align: align)
            #expect(n >= 1 && n <= threads)
            if n > 1 { #expect(rows * width / n >= RowBands.minimumCellsPerBand) }
            guard rows <= 1000 else { continue }
            let hits = Counter(rows)
            RowBands.run(rows: rows, width: width, threads: threads, align: align) { band in
                #expect(band.lowerBound % align == 0)
                hits.add(band)
            }
            #expect(hits.all(equal: 1), "rows \(rows) width \(width) threads \(threads) align \(align)")
        }
        // Small grids stay on one core.
        #expect(RowBands.count(rows: 64, width: 64, threads: 8) == 1)
        #expect(RowBands.count(rows: 256, width: 256, threads: 8) == 1)
        #expect(RowBands.count(rows: 600, width: 400, threads: 3) == 3)
    }

    @Test func diffusionIsBitIdenticalForAnyThreadCount() {
        for (w, h) in [(600, 400), (257, 1025), (4000, 40)] {
            let start = randomField(w, h, seed: UInt64(w * h))
            var serial = start, scratch: [Float] = []
            for _ in 0..<3 { Diffusion.step(&serial, rate: 0.7, decay: 0.99, scratch: &scratch) }
            for threads in [2, 3, 7] {
                var banded = start
                for _ in 0..<3 { Diffusion.step(&banded, rate: 0.7, decay: 0.99, scratch: &scratch, threads: threads) }
                #expect(banded.values.map(\.bitPattern) == serial.values.map(\.bitPattern), "\(w)×\(h), \(threads) threads")
            }
        }
    }

    @Test func tileMaximaAreTheSameForAnyThreadCount() {
        for (w, h) in [(601, 329), (512, 512), (33, 8000)] {
            let field = randomField(w, h, seed: 9)
            var serial = TileMaximum()
            serial.rebuild(field)
            for threads in [2, 3, 5] {
                var banded = TileMaximum()
                banded.rebuild(field, threads: threads)
                #expect(banded.maxima == serial.maxima, "\(w)×\(h), \(threads) threads")
            }
        }
    }

    @Test func tasksRunOnceEachAndWriteTheirOwnSlots() {
        for (count, threads) in [(0, 4), (1, 4), (4, 2), (9, 3), (4, 16)] {
            var out = [Int](repeating: 0, count: count)
            out.withUnsafeMutableBufferPointer { o in
                ConcurrentTasks.run(count: count, threads: threads) { k in o[k] += k + 1 }
            }
            #expect(out == Array(stride(from: 1, through: count, by: 1)))
        }
    }
}

/// Counts how often each row is visited, from several threads (a lock per counter).
private final class Counter: @unchecked Sendable {
    private var hits: [Int]
    private let lock = NSLock()

    init(_ n: Int) { hits = [Int](repeating: 0, count: n) }

    func add(_ band: Range<Int>) {
        lock.withLock { for r in band { hits[r] += 1 } }
    }

    func all(equal n: Int) -> Bool { lock.withLock { hits.allSatisfy { $0 == n } } }
}
