// ASCII maps (`map.file`, `map.ascii`).
import FuzzDriver
import NanoCityModel

runFuzzer { bytes in
    _ = try? CityMap(ascii: String(decoding: bytes, as: UTF8.self))
}
