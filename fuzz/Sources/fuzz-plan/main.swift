// Sweep plan files (`sweep --plan`), and the same bytes as a policy arms file.
import Foundation
import FuzzDriver
import NanoCityAnalysis
import NanoCityExperiments

let armsPath = NSTemporaryDirectory() + "/nanocity-fuzz-arms-\(getpid()).toml"
runFuzzer { bytes in
    _ = try? SweepFile.parse(text: String(decoding: bytes, as: UTF8.self), path: "/nonexistent/plan.toml")
    _ = FileManager.default.createFile(atPath: armsPath, contents: Data(bytes))
    _ = try? ArmsFile(path: armsPath)
}
