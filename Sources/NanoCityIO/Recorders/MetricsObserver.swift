import NanoCityModel

/// Hands every metrics row to a closure (sweeps fold them into a summary row).
public final class MetricsObserver: RunRecorder {
    let observe: ([Double]) -> Void

    public init(_ observe: @escaping ([Double]) -> Void) { self.observe = observe }

    public func record(_ city: City, metrics: [Double]) throws(OutputError) { observe(metrics) }
}
