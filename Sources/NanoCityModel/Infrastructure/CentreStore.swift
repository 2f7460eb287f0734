/// Recycling centres: waste waiting to be processed and components in store.
public struct CentreStore: Sendable {
    public var queue: [Double]
    public var components: [Double]
}
