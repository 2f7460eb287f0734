import Foundation

/// Longitude and latitude to planar metres by the equirectangular projection about a centre
/// (λ₀, φ₀): x = R (λ − λ₀) cos φ₀, y = R (φ − φ₀), with R = 6,371,008.8 m (the IUGG mean
/// Earth radius). Within 10 km of the centre and below 60° latitude distances are off by
/// less than 0.3% — ample for bands of tens of metres, and no projection library is needed.
public struct LocalProjection: Sendable, Equatable {
    public static let earthRadius = 6_371_008.8
    public let longitude: Double, latitude: Double

    /// Centred on the middle of the points' bounding box.
    public init(centreOf points: [(lon: Double, lat: Double)]) {
        let lons = points.map(\.lon), lats = points.map(\.lat)
        longitude = ((lons.min() ?? 0) + (lons.max() ?? 0)) / 2
        latitude = ((lats.min() ?? 0) + (lats.max() ?? 0)) / 2
    }

    public func metres(lon: Double, lat: Double) -> (x: Double, y: Double) {
        let rad = Double.pi / 180
        return (Self.earthRadius * (lon - longitude) * rad * cos(latitude * rad), Self.earthRadius * (lat - latitude) * rad)
    }
}
