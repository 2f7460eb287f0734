import Foundation
import NanoCityModel

/// `checkpoints/state_NNNNNN.bin` every `every` ticks, after every other recorder has put its
/// rows on disk, so a resume from it can cut the CSVs back to that tick. Files are written
/// under a temporary name and renamed; only the newest `keep` are kept (nil: all).
public final class CheckpointRecorder: RunRecorder {
    let directory: String
    let every: Int
    let keep: Int?
    let world: World
    let map: CityMap
    let seed: UInt64
    let ticks: Int
    /// Recorders to flush first.
    let before: [any RunRecorder]
    /// Encoding time and size of the last checkpoint (for the run summary).
    public private(set) var lastBytes = 0
    public private(set) var lastSeconds = 0.0

    public init(directory: String, every: Int, keep: Int?, world: World, map: CityMap, seed: UInt64, ticks: Int,
                before: [any RunRecorder]) throws(OutputError) {
        self.directory = directory + "/" + OutputNames.checkpoints
        self.every = every
        self.keep = keep
        self.world = world
        self.map = map
        self.seed = seed
        self.ticks = ticks
        self.before = before
        try OutputDirectory.createDirectory(self.directory)
    }

    public func record(_ city: City, metrics: [Double]) throws(OutputError) {
        guard city.tick % every == 0, city.tick > 0 else { return }
        let start = ContinuousClock.now
        for r in before { try r.flush() }
        let bytes = Checkpoint.encode(world: world, map: map, city: city, seed: seed, ticks: ticks)
        let path = directory + "/" + OutputNames.checkpointFile(tick: city.tick)
        try BufferedFile.writeAtomically(bytes, to: path)
        lastBytes = bytes.count
        lastSeconds = (ContinuousClock.now - start).inSeconds
        if let keep { try prune(keeping: keep) }
    }

    /// Checkpoint files in `directory` (its `checkpoints/` folder), newest first.
    public static func existing(in checkpointsDirectory: String) -> [(tick: Int, path: String)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: checkpointsDirectory)) ?? []
        return names.compactMap { n in OutputNames.checkpointTick(fileName: n).map { ($0, checkpointsDirectory + "/" + n) } }
            .sorted { $0.tick > $1.tick }
    }

    func prune(keeping n: Int) throws(OutputError) {
        for old in Self.existing(in: directory).dropFirst(n) where unlink(old.path) != 0 && errno != ENOENT {
            throw OutputError(path: old.path, message: "cannot remove an old checkpoint: \(String(cString: strerror(errno)))")
        }
    }
}
