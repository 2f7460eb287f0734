import NanoCityIO
import NanoCityAnalysis

/// A `--shard I/N` selection: runs whose index ≡ I (mod N).
public struct Shard: Sendable, Equatable {
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) throws(SweepError) {
        guard count >= 1 else { throw .badShard("N must be ≥ 1, got \(count)") }
        guard index >= 0 && index < count else { throw .badShard("I must be in 0…\(count - 1), got \(index)") }
        self.index = index
        self.count = count
    }

    /// Parses `I/N`.
    public static func parse(_ s: String) throws(SweepError) -> Shard {
        let parts = s.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else {
            throw .badShard("expected I/N, e.g. 0/4 or $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT, got '\(s)'")
        }
        return try Shard(index: i, count: n)
    }

    /// This shard's run indices among `0..<runCount`, ascending.
    public func runs(of runCount: Int) -> [Int] {
        Array(stride(from: index, to: runCount, by: count))
    }

    /// Folder of this shard inside the sweep directory.
    public var folder: String { "shard-\(index)-of-\(count)" }
}
