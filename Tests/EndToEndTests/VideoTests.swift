import Foundation
import Testing

/// `run --video` and `nanocity video` make a video ffprobe reads with the run's frame count and
/// size (when ffmpeg is installed; `.ci/run` installs it).
@Suite struct VideoTests {
    static let hasFFmpeg = ["/usr/bin/ffmpeg", "/usr/local/bin/ffmpeg"].contains { FileManager.default.isExecutableFile(atPath: $0) }

    func probe(_ path: String) throws -> [String] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
                       "-show_entries", "stream=width,height,nb_read_frames", "-of", "csv=p=0", path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let d = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: d, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ",").map(String.init)
    }

    @Test(.enabled(if: hasFFmpeg)) func runStreamsAVideoAndVideoRebuildsOne() throws {
        let dir = CLI.tempDir("video")
        let r = try CLI.run(["run", "--ticks", "20", "--frame-every", "2", "--frame-scale", "3", "--video", dir + "/city.mp4",
                             "--out", dir + "/run", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        // 64² cells at 3 px = 192 wide, padded to the strip's 360; 11 frames (ticks 0, 2, …, 20).
        let png = try PNGImageSize.read(dir + "/run/frames/frame_000000.png")
        #expect(png.width == 360)
        #expect(try probe(dir + "/city.mp4") == ["360", String(png.height + png.height % 2), "11"])
        let v = try CLI.run(["video", dir + "/run", "--fps", "5"])
        #expect(v.status == 0, "\(v.stderr)")
        #expect(try probe(dir + "/run/video.mp4") == ["360", String(png.height + png.height % 2), "11"])
        // A bare name goes into the run's folder, not the current one.
        let bare = try CLI.run(["run", "--ticks", "4", "--frame-every", "2", "--video", "bare.mp4", "--out", dir + "/run2", "--quiet"], cwd: dir)
        #expect(bare.status == 0, "\(bare.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir + "/run2/bare.mp4") && !FileManager.default.fileExists(atPath: dir + "/bare.mp4"))
    }

    @Test func missingFFmpegIsOneClearErrorBeforeTheRun() throws {
        let dir = CLI.tempDir("video")
        let r = try CLI.run(["run", "--ticks", "5", "--video", dir + "/a.mp4", "--out", dir + "/run", "--quiet"],
                            environment: ["PATH": "/nonexistent"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("ffmpeg was not found") && r.stderr.contains("apt-get install ffmpeg"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/run"))
        // A container ffmpeg cannot write H.264 into is refused before the run, with or without
        // ffmpeg (without it, the missing program is the message).
        let bad = try CLI.run(["run", "--ticks", "5", "--video", dir + "/a.gif", "--out", dir + "/gif", "--quiet"])
        #expect(bad.status == 2 && bad.stderr.contains(Self.hasFFmpeg ? ".gif" : "ffmpeg was not found"), "\(bad.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/gif/metrics.csv"))
    }
}

/// Width and height from a PNG's IHDR, read without libpng.
enum PNGImageSize {
    static func read(_ path: String) throws -> (width: Int, height: Int) {
        let d = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        func be(_ o: Int) -> Int { Int(d[o]) << 24 | Int(d[o + 1]) << 16 | Int(d[o + 2]) << 8 | Int(d[o + 3]) }
        return (be(16), be(20))
    }
}
