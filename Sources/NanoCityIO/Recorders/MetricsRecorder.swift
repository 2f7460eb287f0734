import NanoCityModel

/// `metrics.csv`: a header, then one row per tick.
public final class MetricsRecorder: RunRecorder {
    let file: BufferedFile

    /// - Parameter append: continue an existing file (a resumed run) instead of starting one.
    public init(path: String, append: Bool) throws(OutputError) {
        file = try BufferedFile(path: path, append: append)
        if !append { try file.write(Self.header) }
    }

    public static let header = "tick," + MetricCatalog.names.joined(separator: ",") + "\n"

    public func record(_ city: City, metrics: [Double]) throws(OutputError) {
        var s = String(city.tick)
        for v in metrics { s += ","; s += CSVNumber.format(v) }
        s += "\n"
        try file.write(s)
    }

    public func flush() throws(OutputError) { try file.flush() }
    public func finish() throws(OutputError) -> String? { try file.close(); return nil }
}
