import NanoCityModel

/// Something that records a run as it goes: the run loop hands it the city after every tick.
///
/// Recorders never change the city (the model does not know it is recorded); a new output is
/// one new recorder.
public protocol RunRecorder: AnyObject {
    /// The state after `city.tick` ticks, with that tick's metrics row (`MetricCatalog` order).
    func record(_ city: City, metrics: [Double]) throws(OutputError)
    /// Puts everything recorded so far on disk (before a checkpoint is written).
    func flush() throws(OutputError)
    /// Ends the recording; returns a failure found on the way (background writes), if any.
    func finish() throws(OutputError) -> String?
}

extension RunRecorder {
    public func flush() throws(OutputError) {}
    public func finish() throws(OutputError) -> String? { nil }
}
