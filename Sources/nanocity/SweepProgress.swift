import Foundation
import NanoCityAnalysis
import NanoCityExperiments
import Synchronization

/// Progress of a sweep while it runs: one JSON line per finished run on stdout
/// (`--progress json`, for scripts), or a one-line bar with rate and ETA on a terminal.
final class SweepProgress: Sendable {
    let json: Bool
    let bar: Bool
    private let started = ContinuousClock.now
    /// Runs already done when this session's first run finished (resumed runs cost nothing).
    private let firstDone = Mutex<Int?>(nil)

    init(json: Bool, bar: Bool) {
        self.json = json
        self.bar = bar
    }

    @Sendable func report(_ r: RunProgress) {
        if json {
            let line = "{\"event\":\"run\",\"run\":\(r.run.index),\"replicate\":\(r.run.replicate),\"seed\":\"\(r.run.seed)\","
                + "\"status\":\"\(r.status)\",\"wall_s\":\(String(format: "%.4f", r.wallSeconds)),\"done\":\(r.done),\"total\":\(r.total)}"
            // One write(2) per line, so lines from parallel workers never interleave.
            FileHandle.standardOutput.write((line + "\n").data(using: .utf8)!)
        } else if bar {
            let base = firstDone.withLock { v in if v == nil { v = r.done - 1 }; return v! }
            let elapsed = (ContinuousClock.now - started).inSeconds
            let rate = Double(r.done - base) / max(elapsed, 1e-9)
            let eta = rate > 0 ? Int(Double(r.total - r.done) / rate) : 0
            let line = "\r\(r.done)/\(r.total) runs  \(String(format: "%.1f", rate)) runs/s  ETA \(eta / 60)m\(eta % 60)s   "
            FileHandle.standardError.write(line.data(using: .utf8)!)
        }
    }
}
