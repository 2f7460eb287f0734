import Foundation
import NanoCityEngine
import NanoCityIO
import NanoCityModel
import NanoCityAnalysis

/// Everything one fork replicate produced, for every arm: its summary outcomes and status,
/// its metrics rows after the fork, and its last-tick delta fields. Kept as
/// `forks/replicate_NNNNNN.bin` (written atomically), so a resumed or sharded fork never
/// reruns a finished replicate and every aggregate is computed in replicate order.
struct ForkReplicate: Sendable {
    struct Arm: Sendable {
        var outcomes: [Double]
        var status: RunStatus
        /// Metrics rows of ticks forkAt+1 … ticks, row-major.
        var rows: [Double]
        /// `ForkDirectory.deltaFields` at the last tick, each `cells` values.
        var fields: [[Float]]
        /// The plan's pattern outcomes (NaN where undefined); empty without `--patterns`.
        var patterns: [Double] = []
        /// Per cell, the events of each `EventCountRecorder.kinds` after the fork, each `cells` values.
        var events: [[Float]] = []
    }

    var arms: [Arm]

    /// Version 2 (nanocity 0.4): an FNV-1a 64 checksum of the body follows the magic, so a
    /// damaged file is redone, never merged. Version 3: each arm's pattern outcomes follow its
    /// fields (a version-2 file of an unfinished fork is redone). Version 4: each arm's event
    /// count maps follow, and outcomes and rows cover the world's zone metrics.
    static let magic = Array("NANOCITY-FORK4\r\n\u{1A}".utf8)

    static func fileName(_ r: Int) -> String { "forks/replicate_" + OutputNames.pad6(r) + ".bin" }
    /// The replicate's burn-in checkpoint while its arms run (removed when the replicate is written).
    static func burnInName(_ r: Int) -> String { "forks/burnin_" + OutputNames.pad6(r) + ".bin" }

    func encode() -> [UInt8] {
        var w = StateWriter()
        w.write(UInt64(arms.count))
        for a in arms {
            w.write(array: a.outcomes)
            w.write(a.status.description)
            w.write(array: a.rows)
            w.write(UInt64(a.fields.count))
            for f in a.fields { w.write(array: f) }
            w.write(array: a.patterns)
            w.write(UInt64(a.events.count))
            for f in a.events { w.write(array: f) }
        }
        var out = StateWriter()
        for b in Self.magic { out.write(b) }
        out.write(FNV1a.hash(w.bytes))
        return out.bytes + w.bytes
    }

    /// Reads a replicate file; nil when it is missing, damaged or not of this plan's shape.
    static func read(path: String, arms: Int, rows: Int, cells: Int, patterns: Int = 0, columns: OutcomeColumns) -> ForkReplicate? {
        // At most what this plan's replicate can hold (every row and field of every arm).
        let outcomeCount = columns.names.count, metrics = columns.count, maps = EventCountRecorder.kinds.count
        let limit = 64 + arms * (outcomeCount * 8 + 4200 + rows * metrics * 8 + (ForkDirectory.deltaFields.count + maps) * (cells * 4 + 8)
                                 + patterns * 8 + 96)
        guard let data = BoundedRead.data(path, limit: limit + 1), data.count <= limit else { return nil }
        let bytes = [UInt8](data)
        guard bytes.count >= magic.count + 8, Array(bytes.prefix(magic.count)) == magic else { return nil }
        var h = StateReader(bytes, offset: magic.count)
        guard let sum: UInt64 = try? h.read(), FNV1a.hash(Array(bytes[(magic.count + 8)...])) == sum else { return nil }
        var r = StateReader(bytes, offset: magic.count + 8)
        do throws(StateError) {
            guard try r.read(UInt64.self) == UInt64(arms) else { return nil }
            var out: [Arm] = []
            for _ in 0..<arms {
                let outcomes = try r.readDoubleArray(maxCount: outcomeCount)
                let statusText = try r.readString(maxBytes: 4096)
                guard let status = RunStatus(parsing: statusText) else { return nil }
                let rowValues = try r.readDoubleArray(maxCount: rows * metrics)
                let count: UInt64 = try r.read()
                guard outcomes.count == outcomeCount, rowValues.count == rows * metrics,
                      count == UInt64(ForkDirectory.deltaFields.count) else { return nil }
                var fields: [[Float]] = []
                for _ in 0..<Int(count) {
                    let f = try r.readFloatArray(maxCount: cells)
                    guard f.count == cells else { return nil }
                    fields.append(f)
                }
                let p = try r.readDoubleArray(maxCount: patterns)
                guard p.count == patterns else { return nil }
                guard try r.read(UInt64.self) == UInt64(maps) else { return nil }
                var events: [[Float]] = []
                for _ in 0..<maps {
                    let f = try r.readFloatArray(maxCount: cells)
                    guard f.count == cells else { return nil }
                    events.append(f)
                }
                out.append(Arm(outcomes: outcomes, status: status, rows: rowValues, fields: fields, patterns: p, events: events))
            }
            return r.remaining == 0 ? ForkReplicate(arms: out) : nil
        } catch {
            return nil
        }
    }
}
