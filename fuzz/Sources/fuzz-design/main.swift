// Design files (`sweep --design-file`): CSV with parameter keys as header.
import FuzzDriver
import NanoCityAnalysis
import NanoCityExperiments

runFuzzer { bytes in
    _ = try? DesignFile(path: "fuzz.csv", bytes: bytes)
}
