import NanoCityModel

/// `frames/frame_NNNNNN.png` every `every` ticks, encoded off the simulation thread.
public final class FrameRecorder: RunRecorder {
    let directory: String
    let every: Int
    let writer: AsyncFileWriter

    public init(directory: String, every: Int, writer: AsyncFileWriter) throws(OutputError) {
        self.directory = directory
        self.every = every
        self.writer = writer
        try OutputDirectory.createDirectory(directory + "/" + OutputNames.frames)
    }

    public func record(_ city: City, metrics: [Double]) throws(OutputError) {
        guard city.tick % every == 0 else { return }
        let image = FrameRenderer.render(city)
        let path = directory + "/" + OutputNames.frame(tick: city.tick)
        writer.submit { try image.write(path: path) }
    }

    public func flush() throws(OutputError) {
        if let failure = writer.wait() { throw OutputError(path: directory + "/" + OutputNames.frames, message: failure) }
    }

    public func finish() throws(OutputError) -> String? { writer.finish() }
}
