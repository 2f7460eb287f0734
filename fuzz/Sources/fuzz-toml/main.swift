// The TOML parser on arbitrary bytes: a table or a TOMLError, never a crash or a hang; an
// accepted document must survive the tagged-JSON writer and flattening.
import FuzzDriver
import NanoCityTOML

runFuzzer { bytes in
    if let table = try? TOMLParser.parse(bytes: bytes) {
        _ = TOMLTaggedJSON.encode(table)
        _ = table.flattened()
    }
}
