import Foundation

/// A video made from a finished run's PNG frames (`nanocity video DIR`).
public enum VideoAssembler {
    /// The frame files of run directory `dir`, in tick order.
    public static func frames(in dir: String) -> [String] {
        let folder = dir + "/" + OutputNames.frames
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let ticks = names.compactMap { name -> (Int, String)? in
            guard name.hasPrefix("frame_"), name.hasSuffix(".png"), let t = Int(name.dropFirst(6).dropLast(4)) else { return nil }
            return (t, name)
        }
        return ticks.sorted { $0.0 < $1.0 }.map { folder + "/" + $0.1 }
    }

    /// Encodes `dir`'s frames into `out` at `fps`. Frames are linked under consecutive numbers in
    /// a temporary folder so that any `--frame-every` and any path characters work.
    ///
    /// ffmpeg writes a hidden temporary beside `out`, moved into place when it succeeds; an
    /// existing `out` is replaced only with `replace`. When `shouldStop` turns true (a signal),
    /// ffmpeg is stopped and the temporary and the link folder are removed.
    public static func make(from dir: String, to out: String, fps: Int, replace: Bool = false,
                            shouldStop: () -> Bool = { RunInterrupt.requested }) throws(VideoError) -> Int {
        let ffmpeg = try FFmpeg.require()
        try FFmpeg.checkOutput(out)
        try FFmpeg.checkNotExisting(out, replace: replace)
        let partial = FFmpeg.temporaryPath(for: out)
        let files = frames(in: dir)
        guard !files.isEmpty else { throw VideoError.noFrames(dir) }
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("nanocity-video-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        do { try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: false) } catch {
            throw VideoError.pipe("cannot create a temporary folder: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        for (i, f) in files.enumerated() {
            // A damaged or foreign frame is named, not skipped by ffmpeg into a short video.
            guard let head = BoundedRead.data(f, limit: 8), [UInt8](head) == signature else {
                throw VideoError.badFrame(f)
            }
            let abs = f.hasPrefix("/") ? f : FileManager.default.currentDirectoryPath + "/" + f
            guard symlink(abs, tmp + "/" + OutputNames.pad6(i) + ".png") == 0 else {
                throw VideoError.pipe("cannot link \(f): \(String(cString: strerror(errno)))")
            }
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: ffmpeg)
        p.arguments = ["-y", "-hide_banner", "-loglevel", "error", "-framerate", String(fps), "-i", tmp + "/%06d.png"]
            + FFmpeg.outputArguments(partial)
        // ffmpeg's messages go to a file, so waiting never depends on a pipe being drained.
        let log = tmp + "/ffmpeg.log"
        guard FileManager.default.createFile(atPath: log, contents: nil), let logHandle = FileHandle(forWritingAtPath: log) else {
            throw VideoError.pipe("cannot create \(log)")
        }
        p.standardError = logHandle
        p.standardOutput = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        do { try p.run() } catch { throw VideoError.ffmpegFailed(status: -1, message: "\(error)") }
        while p.isRunning {
            if shouldStop() {
                p.terminate()
                p.waitUntilExit()
                unlink(partial)
                throw VideoError.interrupted
            }
            usleep(20_000)
        }
        try? logHandle.close()
        guard p.terminationStatus == 0 else {
            unlink(partial)
            let message = BoundedRead.data(log, limit: 2000) ?? Data()
            throw VideoError.ffmpegFailed(status: p.terminationStatus, message: String(decoding: message, as: UTF8.self))
        }
        try FFmpeg.commit(partial, to: out)
        return files.count
    }
}
