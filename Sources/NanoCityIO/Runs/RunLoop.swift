import NanoCityModel

/// The one simulation loop: step the city, then hand its state to every recorder. `run`,
/// `sweep`, forks and `bench` all go through it.
public enum RunLoop {
    /// Steps `city` from its current tick to `ticks`. The starting state is recorded first
    /// unless `recordStart` is false (a resumed run already holds that row). `shouldStop` is
    /// asked before each tick. An output that cannot be written ends the loop with `.failed`.
    /// `until`: a stop condition, fed every row; the loop ends, complete, after the first tick
    /// at whose end it holds.
    public static func run(_ city: inout City, to ticks: Int, recorders: [any RunRecorder], recordStart: Bool = true,
                           until stop: StopMonitor? = nil, shouldStop: () -> Bool) -> RunStatus {
        var none = NoTickPhaseObserver()
        return run(&city, to: ticks, recorders: recorders, recordStart: recordStart, observing: &none, until: stop, shouldStop: shouldStop)
    }

    /// `run`, telling `observer` where each phase of each tick begins (`bench --phases`).
    public static func run<O: TickPhaseObserver>(_ city: inout City, to ticks: Int, recorders: [any RunRecorder],
                                                 recordStart: Bool = true, observing observer: inout O, until stop: StopMonitor? = nil,
                                                 shouldStop: () -> Bool) -> RunStatus {
        let recorders = stop.map { recorders + [$0] } ?? recorders
        do throws(OutputError) {
            if recordStart { try record(city, recorders) }
            while city.tick < ticks {
                if shouldStop() { return .interrupted(atTick: city.tick) }
                city.step(observing: &observer)
                try record(city, recorders)
                if let stop, stop.stoppedAt != nil { return .complete }
            }
            return .complete
        } catch {
            return .failed(error.description)
        }
    }

    @inline(__always)
    static func record(_ city: City, _ recorders: [any RunRecorder]) throws(OutputError) {
        guard !recorders.isEmpty else { return }
        let metrics = MetricCatalog.sample(city)
        for r in recorders { try r.record(city, metrics: metrics) }
    }
}
