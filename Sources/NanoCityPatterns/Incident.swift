/// One crime in the form every pattern statistic reads: a place on a plane in metres and a
/// time in days. Simulated events (cells and ticks) and observed incidents (coordinates and
/// dates) are both brought to this form first, so that one statistic serves both.
public struct Incident: Sendable, Equatable {
    /// East–west position (m), finite.
    public var x: Double
    /// North–south position (m), finite; larger is further north.
    public var y: Double
    /// Time (days since an arbitrary origin), finite.
    public var day: Double

    public init(x: Double, y: Double, day: Double) {
        self.x = x
        self.y = y
        self.day = day
    }
}
