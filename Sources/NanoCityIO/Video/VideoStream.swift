import Foundation

/// Frames streamed to an `ffmpeg` process as raw RGB while a run draws them, so a video needs
/// no second pass over PNG files.
public final class VideoStream: @unchecked Sendable {
    // Only touched from the frame writer's serial queue (and `finish` after it drained).
    private let process: Process
    private let input: FileHandle
    private let errors: Pipe
    private let path: String
    /// Where ffmpeg writes until `commit` moves the video to `path`.
    private let partial: String
    private let frameBytes: Int

    /// Starts ffmpeg writing `path` (through a hidden temporary beside it, moved into place by
    /// `commit`) from `width` × `height` frames at `fps` frames per second; an existing `path`
    /// is replaced only with `replace`.
    public init(path: String, width: Int, height: Int, fps: Int, replace: Bool = false) throws(VideoError) {
        let ffmpeg = try FFmpeg.require()
        try FFmpeg.checkOutput(path)
        try FFmpeg.checkNotExisting(path, replace: replace)
        self.path = path
        partial = FFmpeg.temporaryPath(for: path)
        frameBytes = 3 * width * height
        process = Process()
        process.executableURL = URL(fileURLWithPath: ffmpeg)
        process.arguments = ["-y", "-hide_banner", "-loglevel", "error", "-f", "rawvideo", "-pix_fmt", "rgb24",
                             "-s", "\(width)x\(height)", "-framerate", String(fps), "-i", "-"] + FFmpeg.outputArguments(partial)
        let stdin = Pipe()
        errors = Pipe()
        process.standardInput = stdin
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        // A dead ffmpeg must turn a write into an error, not kill the run.
        signal(SIGPIPE, SIG_IGN)
        do { try process.run() } catch { throw VideoError.ffmpegFailed(status: -1, message: "\(error)") }
        input = stdin.fileHandleForWriting
    }

    /// Sends one frame (`3 × width × height` RGB bytes).
    public func append(_ pixels: [UInt8]) throws(VideoError) {
        precondition(pixels.count == frameBytes)
        let fd = input.fileDescriptor
        let failure: String? = pixels.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                offset += n
            }
            return nil
        }
        if let failure { throw VideoError.pipe(failure + " (ffmpeg stopped: " + stderrText() + ")") }
    }

    func stderrText() -> String {
        let data = errors.fileHandleForReading.availableData
        return String(decoding: data.prefix(2000), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Closes the stream and waits for ffmpeg to finish the (temporary) file.
    public func finish() throws(VideoError) {
        try? input.close()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            unlink(partial)
            throw VideoError.ffmpegFailed(status: process.terminationStatus, message: stderrText())
        }
    }

    /// Moves the finished video into place (after `finish`, for a run that completed).
    public func commit() throws(VideoError) { try FFmpeg.commit(partial, to: path) }

    /// Drops the temporary (a run that did not complete has no video: a resume rebuilds it
    /// from the PNG frames).
    public func discard() {
        if process.isRunning { try? input.close(); process.waitUntilExit() }
        unlink(partial)
    }
}
