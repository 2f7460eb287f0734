import NanoCityModel

/// `frames/frame_NNNNNN.png` every `every` ticks (and, with a `VideoStream`, the same frames sent
/// to ffmpeg), drawn on the simulation thread and encoded off it.
public final class FrameRecorder: RunRecorder {
    let directory: String
    let every: Int
    let writer: AsyncFileWriter
    let renderer: FrameRenderer
    public let video: VideoStream?
    let writeFiles: Bool
    let text: [(String, String)]
    /// Counter metrics summed since tick 0, for the strip's run totals.
    var totals: [Double]

    /// `totals` seeds the run totals when a run continues from a checkpoint (the metrics rows
    /// summed up to it).
    public init(directory: String, every: Int, writer: AsyncFileWriter, renderer: FrameRenderer, video: VideoStream?,
                writeFiles: Bool = true, text: [(String, String)], totals: [Double]? = nil) throws(OutputError) {
        self.directory = directory
        self.every = every
        self.writer = writer
        self.renderer = renderer
        self.video = video
        self.writeFiles = writeFiles
        self.text = text
        self.totals = totals ?? [Double](repeating: 0, count: MetricCatalog.all.count)
        if writeFiles { try OutputDirectory.createDirectory(directory + "/" + OutputNames.frames) }
    }

    public func record(_ city: City, metrics: [Double]) throws(OutputError) {
        for (i, m) in MetricCatalog.all.enumerated() where m.kind == .counter { totals[i] += metrics[i] }
        guard city.tick % every == 0 else { return }
        let canvas = renderer.render(city, metrics: metrics, totals: totals)
        let image = PNGImage(canvas)
        let path = directory + "/" + OutputNames.frame(tick: city.tick)
        let text = self.text + [("Tick", String(city.tick))]
        let files = writeFiles, video = self.video
        writer.submit {
            if files { try image.write(path: path, text: text) }
            try video?.append(image.pixels)
        }
    }

    public func flush() throws(OutputError) {
        if let failure = writer.wait() { throw OutputError(path: directory + "/" + OutputNames.frames, message: failure) }
    }

    public func finish() throws(OutputError) -> String? {
        if let failure = writer.finish() { return failure }
        do throws(VideoError) { try video?.finish() } catch { return error.description }
        return nil
    }
}
