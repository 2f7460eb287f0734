import NanoCityIO
import NanoCityAnalysis

extension OutputLock {
    /// The lock of a sweep's (or shard's) directory, its refusal as a sweep error.
    static func sweep(_ dir: String) throws(SweepError) -> OutputLock {
        do throws(OutputError) { return try OutputLock(directory: dir, what: "sweep") } catch {
            throw error.refused ? .outputConflict(path: error.path, message: error.message) : .io(path: error.path, message: error.message)
        }
    }
}
