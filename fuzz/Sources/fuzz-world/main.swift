// World files: parse, cross-key checks and, for small maps, building the map.
import FuzzDriver
import NanoCityIO
import NanoCityModel

runFuzzer { bytes in
    let text = String(decoding: bytes, as: UTF8.self)
    guard let world = try? WorldFile.parse(text: text, origin: "fuzz.toml", baseDirectory: "/nonexistent"),
          world.consistencyProblems().isEmpty else { return }
    let m = world.parameters.map
    // Big procedural maps are legitimate slow work, not findings.
    if m.kind != .procedural || m.width * m.height <= 128 * 128 {
        _ = try? world.buildMap()
    }
}
