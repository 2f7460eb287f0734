import Foundation
import NanoCityModel

/// A one-line progress bar on stderr: `[#####-----] 50% tick 500/1000  812 ticks/s`.
public final class ProgressRecorder: RunRecorder {
    let total: Int
    let first: Int
    let start = ContinuousClock.now
    var lastDrawn = -1

    public init(total: Int, startingAt first: Int) {
        self.total = max(total, 1)
        self.first = first
    }

    public func record(_ city: City, metrics: [Double]) throws(OutputError) {
        let t = city.tick
        let pct = min(100, t * 100 / total)
        guard pct != lastDrawn else { return }
        lastDrawn = pct
        let filled = pct * 30 / 100
        let rate = Double(t - first) / max((ContinuousClock.now - start).inSeconds, 1e-9)
        let line = "\r[" + String(repeating: "#", count: filled) + String(repeating: "-", count: 30 - filled)
            + "] \(pct)% tick \(t)/\(total)  \(Int(rate)) ticks/s"
        FileHandle.standardError.write(line.data(using: .utf8)!)
    }

    public func finish() throws(OutputError) -> String? {
        FileHandle.standardError.write("\n".data(using: .utf8)!)
        return nil
    }
}
