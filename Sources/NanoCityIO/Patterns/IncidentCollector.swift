import NanoCityModel
import NanoCityPatterns

/// Keeps a run's crimes of some kinds in a tick window in memory, as `RunIncidents` reads them
/// from `events.csv`, so a sweep can compute pattern outcomes without keeping the run's files.
/// Holds at most `ObservedIncidents.maxIncidents`; beyond that `overflowed` is set and the
/// patterns are not computed (their outcomes are empty).
public final class IncidentCollector: RunRecorder {
    let kinds: Set<EventKind>
    let from: Int, to: Int
    public private(set) var ticks: [Int32] = []
    public private(set) var cellsXY: [(x: Int32, y: Int32)] = []
    public private(set) var overflowed = false

    public init(kinds: Set<EventKind>, fromTick: Int, toTick: Int) {
        self.kinds = kinds
        from = fromTick
        to = toTick
    }

    public func record(_ city: City, metrics: [Double]) throws(OutputError) {
        for e in city.events where kinds.contains(e.kind) && e.x >= 0 && e.y >= 0 && Int(e.tick) >= from && Int(e.tick) <= to {
            guard ticks.count < ObservedIncidents.maxIncidents else { overflowed = true; return }
            ticks.append(e.tick)
            cellsXY.append((e.x, e.y))
        }
    }

    /// The incidents and their row-major cells on a `width` × `height` map.
    public func incidents(width: Int, height: Int, scale: WorldParameters.Scale) -> (incidents: [Incident], cells: [Int]) {
        var incidents: [Incident] = [], cells: [Int] = []
        incidents.reserveCapacity(ticks.count)
        for (t, c) in zip(ticks, cellsXY) {
            incidents.append(RunIncidents.incident(x: Int(c.x), y: Int(c.y), tick: Int(t), height: height,
                                                   metresPerCell: scale.metresPerCell, hoursPerTick: scale.hoursPerTick))
            cells.append(Int(c.y) * width + Int(c.x))
        }
        return (incidents, cells)
    }
}
