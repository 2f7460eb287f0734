import NanoCityModel

/// `fields/<field>_NNNNNN.npy` and `agents/agents_NNNNNN.csv` every `every` ticks.
public final class SnapshotRecorder: RunRecorder {
    let directory: String
    let every: Int
    let writer: AsyncFileWriter

    public init(directory: String, every: Int, writer: AsyncFileWriter) throws(OutputError) {
        self.directory = directory
        self.every = every
        self.writer = writer
        try OutputDirectory.createDirectory(directory + "/" + OutputNames.fields)
        try OutputDirectory.createDirectory(directory + "/" + OutputNames.agents)
    }

    public func record(_ city: City, metrics: [Double]) throws(OutputError) {
        let t = city.tick
        guard t % every == 0 else { return }
        let fields = [city.waste, city.components, city.toxicity, city.attractiveness]
        let agents = AgentSnapshot.csv(city)
        let dir = directory
        writer.submit {
            for (name, f) in zip(SnapshotNames.fields, fields) {
                try BufferedFile.writeAtomically(NPYFormat.encode(f.values, height: f.size.height, width: f.size.width),
                                                 to: dir + "/" + OutputNames.field(name, tick: t))
            }
            try BufferedFile.writeAtomically(Array(agents.utf8), to: dir + "/" + OutputNames.agentTable(tick: t))
        }
    }

    public func flush() throws(OutputError) {
        if let failure = writer.wait() { throw OutputError(path: directory + "/" + OutputNames.fields, message: failure) }
    }

    public func finish() throws(OutputError) -> String? { writer.finish() }
}
