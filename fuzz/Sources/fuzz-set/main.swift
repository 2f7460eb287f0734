// `--set key=value`: each input line is one assignment.
import FuzzDriver
import NanoCityModel

runFuzzer { bytes in
    var params = WorldParameters()
    for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
        _ = ParameterCatalog.applyAssignment(String(line), to: &params)
    }
    _ = ParameterCatalog.consistencyProblems(params)
}
