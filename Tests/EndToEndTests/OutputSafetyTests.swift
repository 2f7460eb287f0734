import Foundation
import Testing

/// What `--force` may remove, and what it must leave.
@Suite struct OutputSafetyTests {
    @Test func forceRemovesOnlyWhatARunWrote() throws {
        let dir = CLI.tempDir("force")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try CLI.run(["run", "--ticks", "20", "--frame-every", "10", "--snapshot-every", "10", "--checkpoint-every", "10",
                             "--out", dir, "--quiet"]).status == 0)
        // The user keeps notes beside and inside the run's folders.
        let mine = ["notes.md", "frames/poster.png", "fields/mask.npy", "agents/selection.csv", "checkpoints/README"]
        for f in mine { try "mine".write(toFile: dir + "/" + f, atomically: true, encoding: .utf8) }
        let refused = try CLI.run(["run", "--ticks", "5", "--out", dir])
        #expect(refused.status == 3 && refused.stderr.contains("not empty"))
        let r = try CLI.run(["run", "--ticks", "5", "--out", dir, "--force", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        for f in mine { #expect(CLI.read(dir + "/" + f) == "mine", "\(f) was removed") }
        // The old run's outputs are gone; the new run's are there.
        #expect(!FileManager.default.fileExists(atPath: dir + "/frames/frame_000020.png"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/fields/toxicity_000010.npy"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/checkpoints/state_000010.bin"))
        #expect(CLI.read(dir + "/metrics.csv").split(separator: "\n").count == 7)
    }
}
