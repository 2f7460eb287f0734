import NanoCityModel

/// `events.csv`: one row per discrete event of each tick.
public final class EventsRecorder: RunRecorder {
    let file: BufferedFile

    public init(path: String, append: Bool) throws(OutputError) {
        file = try BufferedFile(path: path, append: append)
        if !append { try file.write(Self.header) }
    }

    public static let header = "tick,kind,x,y,agent,amount\n"

    /// The tick's rows' bytes, reused from tick to tick.
    var rows: [UInt8] = []

    public func record(_ city: City, metrics: [Double]) throws(OutputError) {
        guard !city.events.isEmpty else { return }
        rows.removeAll(keepingCapacity: true)
        for e in city.events {
            CSVNumber.append(Int64(e.tick), to: &rows)
            rows.append(0x2C)
            rows.append(contentsOf: e.kind.rawValue.utf8)
            rows.append(0x2C)
            CSVNumber.append(Int64(e.x), to: &rows)
            rows.append(0x2C)
            CSVNumber.append(Int64(e.y), to: &rows)
            rows.append(0x2C)
            CSVNumber.append(e.agent, to: &rows)
            rows.append(0x2C)
            CSVNumber.append(e.amount, to: &rows)
            rows.append(0x0A)
        }
        try file.write(bytes: rows)
    }

    public func flush() throws(OutputError) { try file.flush() }
    public func finish() throws(OutputError) -> String? { try file.close(); return nil }
}
