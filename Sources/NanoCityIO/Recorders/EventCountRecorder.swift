import NanoCityEngine
import NanoCityModel

/// Per cell, how many events of each counted kind happened over the recorded ticks (a fork's
/// "where crime went" maps): one count map per kind of `ZoneMetrics.eventMeasures`, in that order.
public final class EventCountRecorder: RunRecorder {
    public static let kinds = ZoneMetrics.eventMeasures.compactMap(\.event)
    /// The measures' names (`thefts`, …), naming the maps.
    public static let names = ZoneMetrics.eventMeasures.map(\.rawValue)

    public private(set) var counts: [[Float]]
    let width: Int

    public init(size: GridSize) {
        width = size.width
        counts = Self.kinds.map { _ in [Float](repeating: 0, count: size.count) }
    }

    public func record(_ city: City, metrics: [Double]) throws(OutputError) {
        for e in city.events where e.x >= 0 {
            guard let k = Self.kinds.firstIndex(of: e.kind) else { continue }
            counts[k][Int(e.y) * width + Int(e.x)] += 1
        }
    }
}
