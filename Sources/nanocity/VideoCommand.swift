import ArgumentParser
import Foundation
import NanoCityIO

struct VideoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "video",
        abstract: "Make a video (H.264 .mp4) from a run's frames with ffmpeg.",
        discussion: """
            Reads DIR/frames/frame_NNNNNN.png in tick order (any --frame-every) and writes \
            DIR/video.mp4 unless --out says otherwise. Needs ffmpeg on PATH (Debian: apt-get \
            install ffmpeg). To make the video while the run goes, use `nanocity run … --video FILE`.
            """
    )

    @Argument(help: "A run's output directory.")
    var directory: String

    @Option(help: "Video file (.mp4, .mkv or .mov; default DIR/video.mp4).")
    var out: String?

    @Option(parsing: .unconditional, help: "Frames per second, 1…240.")
    var fps = 24

    @Flag(help: "Replace an existing video file (never written through: a link in its place is replaced, not followed).")
    var force = false

    func validate() throws {
        if !(1...240).contains(fps) { throw ValidationError("--fps must be 1…240, got \(fps)") }
    }

    func run() throws {
        let target = out ?? directory + "/video.mp4"
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            printError("error: \(directory) is not a directory; give a run's output directory (it holds frames/)")
            throw ExitCodes.badInput
        }
        // The run's directory: its frames must not change while they are encoded.
        let lock = try lockOutput(directory, what: "video")
        defer { withExtendedLifetime(lock) {} }
        RunInterrupt.install()
        do throws(VideoError) {
            let n = try VideoAssembler.make(from: directory, to: target, fps: fps, replace: force)
            print(target)
            printError("\(n) frames at \(fps) fps → \(target)")
        } catch {
            printError("error: \(error)")
            switch error {
            case .interrupted: throw ExitCodes.interrupted
            case .ffmpegFailed, .pipe: throw ExitCodes.runFailed
            default: throw ExitCodes.badInput
            }
        }
    }
}
