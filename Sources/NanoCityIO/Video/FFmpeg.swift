import Foundation

/// Finding and running the `ffmpeg` program (Debian's `ffmpeg` package), which turns frames into
/// video. NanoCity does not link it: it is found on `PATH` when a video is asked for, before any
/// work starts.
public enum FFmpeg {
    /// The path of `name` on `PATH`, or nil.
    public static func locate(_ name: String = "ffmpeg") -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") where !dir.isEmpty {
            let candidate = dir + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The ffmpeg executable, or an error that says how to install it.
    public static func require() throws(VideoError) -> String {
        guard let p = locate() else { throw VideoError.ffmpegMissing }
        return p
    }

    /// Encoder settings shared by streamed and assembled videos: H.264 in yuv420p (what every
    /// player and slide program reads), dimensions padded to even numbers as yuv420p needs.
    static func outputArguments(_ out: String) -> [String] {
        ["-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-crf", "20",
         "-movflags", "+faststart", out]
    }

    /// Where ffmpeg writes while it encodes: a hidden file beside `out` (same folder, so the
    /// final rename never crosses devices; same extension, which tells ffmpeg the container).
    static func temporaryPath(for out: String) -> String {
        let url = URL(fileURLWithPath: out)
        let name = "." + url.deletingPathExtension().lastPathComponent + ".partial-\(getpid())." + url.pathExtension
        return url.deletingLastPathComponent().appendingPathComponent(name).path
    }

    /// Refuses to replace an existing `out` (a file, a link, anything) unless `replace`.
    public static func checkNotExisting(_ out: String, replace: Bool) throws(VideoError) {
        var st = stat()
        guard replace || lstat(out, &st) != 0 else { throw VideoError.exists(out) }
    }

    /// Moves the finished temporary into place. rename(2) replaces a link at `out` itself,
    /// never the file it points to: nothing is written through a link.
    static func commit(_ temporary: String, to out: String) throws(VideoError) {
        guard rename(temporary, out) == 0 else {
            let why = String(cString: strerror(errno))
            unlink(temporary)
            throw VideoError.pipe("cannot move the finished video into place at \(out): \(why)")
        }
    }

    /// Checks a video's output path before work starts: its directory exists and the extension
    /// names a container ffmpeg writes H.264 into. `willCreate` is a folder the run is about to
    /// create (its `--out`), which may hold the video.
    public static func checkOutput(_ path: String, willCreate: String? = nil) throws(VideoError) {
        let ext = (path as NSString).pathExtension.lowercased()
        guard ["mp4", "mkv", "mov"].contains(ext) else { throw VideoError.badExtension(path) }
        let dir = (path as NSString).deletingLastPathComponent
        var isDir: ObjCBool = false
        if let willCreate, (dir as NSString).standardizingPath == (willCreate as NSString).standardizingPath { return }
        guard dir.isEmpty || (FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) && isDir.boolValue) else {
            throw VideoError.noDirectory(path)
        }
    }
}

/// A video that cannot be made.
public enum VideoError: Error, CustomStringConvertible, Sendable {
    case ffmpegMissing
    case badExtension(String)
    case noDirectory(String)
    case noFrames(String)
    case ffmpegFailed(status: Int32, message: String)
    case pipe(String)
    /// The output exists and `--force` was not given.
    case exists(String)
    /// Stopped by a signal (the partial file removed).
    case interrupted
    /// A frame file that is not a PNG.
    case badFrame(String)

    public var description: String {
        switch self {
        case .ffmpegMissing:
            "ffmpeg was not found on PATH; videos need it. Install it (Debian/Ubuntu: `sudo apt-get install ffmpeg`; "
                + "macOS: `brew install ffmpeg`), or leave out --video and make one later with `nanocity video DIR`"
        case .badExtension(let p): "\(p): a video file must end in .mp4, .mkv or .mov"
        case .noDirectory(let p): "\(p): the folder for the video does not exist"
        case .noFrames(let d): "\(d): no frames (frames/frame_NNNNNN.png) to make a video from; run with --frame-every K"
        case .ffmpegFailed(let s, let m): "ffmpeg failed (exit \(s))" + (m.isEmpty ? "" : ": " + m)
        case .pipe(let m): "cannot send frames to ffmpeg: \(m)"
        case .exists(let p): "\(p) exists; NanoCity does not replace it without --force (or choose another name)"
        case .interrupted: "interrupted: the partial video was removed"
        case .badFrame(let p): "\(p) is not a PNG file (damaged, or not written by NanoCity); remove it or redraw the frames"
        }
    }
}
