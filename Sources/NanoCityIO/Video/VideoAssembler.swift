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
    public static func make(from dir: String, to out: String, fps: Int) throws(VideoError) -> Int {
        let ffmpeg = try FFmpeg.require()
        try FFmpeg.checkOutput(out)
        let files = frames(in: dir)
        guard !files.isEmpty else { throw VideoError.noFrames(dir) }
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("nanocity-video-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        do { try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: false) } catch {
            throw VideoError.pipe("cannot create a temporary folder: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        for (i, f) in files.enumerated() {
            let abs = f.hasPrefix("/") ? f : FileManager.default.currentDirectoryPath + "/" + f
            guard symlink(abs, tmp + "/" + OutputNames.pad6(i) + ".png") == 0 else {
                throw VideoError.pipe("cannot link \(f): \(String(cString: strerror(errno)))")
            }
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: ffmpeg)
        p.arguments = ["-y", "-hide_banner", "-loglevel", "error", "-framerate", String(fps), "-i", tmp + "/%06d.png"]
            + FFmpeg.outputArguments(out)
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        do { try p.run() } catch { throw VideoError.ffmpegFailed(status: -1, message: "\(error)") }
        let message = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw VideoError.ffmpegFailed(status: p.terminationStatus, message: String(decoding: message.prefix(2000), as: UTF8.self))
        }
        return files.count
    }
}
