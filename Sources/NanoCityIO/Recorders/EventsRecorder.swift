import NanoCityModel

/// `events.csv`: one row per discrete event of each tick.
public final class EventsRecorder: RunRecorder {
    let file: BufferedFile

    public init(path: String, append: Bool) throws(OutputError) {
        file = try BufferedFile(path: path, append: append)
        if !append { try file.write(Self.header) }
    }

    public static let header = "tick,kind,x,y,agent,amount\n"

    public func record(_ city: City, metrics: [Double]) throws(OutputError) {
        for e in city.events {
            try file.write("\(e.tick),\(e.kind.rawValue),\(e.x),\(e.y),\(e.agent),\(CSVNumber.format(e.amount))\n")
        }
    }

    public func flush() throws(OutputError) { try file.flush() }
    public func finish() throws(OutputError) -> String? { try file.close(); return nil }
}
