import NanoCityModel

/// `metrics.csv`: a header, then one row per tick.
public final class MetricsRecorder: RunRecorder {
    let file: BufferedFile
    /// One row's bytes, reused from tick to tick.
    var row: [UInt8] = []

    /// - Parameter append: continue an existing file (a resumed run) instead of starting one.
    public init(path: String, append: Bool, map: CityMap) throws(OutputError) {
        file = try BufferedFile(path: path, append: append)
        if !append { try file.write(Self.header(for: map)) }
    }

    /// The header of a world without zones.
    public static let header = "tick," + MetricCatalog.names.joined(separator: ",") + "\n"

    /// The header of a run on `map`: the catalog's columns, then its zones'.
    public static func header(for map: CityMap) -> String {
        map.zones.isEmpty ? header : "tick," + MetricCatalog.columns(for: map).map(\.name).joined(separator: ",") + "\n"
    }

    public func record(_ city: City, metrics: [Double]) throws(OutputError) {
        row.removeAll(keepingCapacity: true)
        CSVNumber.append(Int64(city.tick), to: &row)
        for v in metrics {
            row.append(0x2C)
            CSVNumber.append(v, to: &row)
        }
        row.append(0x0A)
        try file.write(bytes: row)
    }

    public func flush() throws(OutputError) { try file.flush() }
    public func finish() throws(OutputError) -> String? { try file.close(); return nil }
}
