// `--set key=value`: each input line is one assignment, applied as the command line does
// (model parameters and frame settings alike), then the cross-key checks.
import FuzzDriver
import NanoCityIO
import NanoCityModel

let base: World = try! WorldFile.embeddedDefault()

runFuzzer { bytes in
    var world = base
    for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
        try? world.applyOverrides([String(line)])
    }
    _ = world.consistencyProblems()
}
