/// Bowers & Johnson's (2003) measures of displacement for a before/after comparison of a
/// target area R, a buffer B and a control area C ("Measuring the geographical displacement
/// and diffusion of benefit effects of crime prevention activity", J. Quantitative
/// Criminology 19(3):275–301), from event counts in the period before (b) and after (a):
///
///     WDQ = (B_a/C_a − B_b/C_b) / (R_a/C_a − R_b/C_b)
///     TNE = (R_b·C_a/C_b − R_a) + (B_b·C_a/C_b − B_a)
///
/// The denominator is the success measure (negative when the target improved relative to
/// the control); the WDQ is then negative for displacement into the buffer and positive for a
/// diffusion of benefits (above 1: the buffer gained more than the target). The total net
/// effect counts the events prevented (positive) in target and buffer together, the control
/// standing for what would have happened.
public struct DisplacementQuotient: Sendable, Equatable {
    public struct Counts: Sendable, Equatable {
        public var target: Double, buffer: Double, control: Double
        public init(target: Double, buffer: Double, control: Double) {
            self.target = target; self.buffer = buffer; self.control = control
        }
    }

    /// The success measure R_a/C_a − R_b/C_b; nil when a control count is 0.
    public let success: Double?
    /// The buffer measure B_a/C_a − B_b/C_b; nil when a control count is 0.
    public let bufferMeasure: Double?
    /// The WDQ; nil when undefined (a control count is 0, or the target did not change
    /// relative to the control: success measure 0).
    public let wdq: Double?
    /// The total net effect (events prevented); nil when the control's before count is 0.
    public let totalNetEffect: Double?

    public init(before b: Counts, after a: Counts) {
        if a.control > 0 && b.control > 0 {
            let s = a.target / a.control - b.target / b.control
            let m = a.buffer / a.control - b.buffer / b.control
            success = s
            bufferMeasure = m
            wdq = s == 0 ? nil : m / s
        } else {
            success = nil; bufferMeasure = nil; wdq = nil
        }
        if b.control > 0 {
            let k = a.control / b.control
            totalNetEffect = (b.target * k - a.target) + (b.buffer * k - a.buffer)
        } else {
            totalNetEffect = nil
        }
    }
}
