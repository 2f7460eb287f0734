// toml-dump FILE…: for each file, one line: `ok <tagged JSON>` or `error <line> <message>`.
// Built by scripts/toml-differential.py from Sources/NanoCityTOML and this file alone, so the
// differential fuzz against Python's tomllib needs no package build.
import Foundation

@main
struct TOMLDump {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                print("error 0 cannot read \(path)")
                continue
            }
            do {
                print("ok " + TOMLTaggedJSON.encode(try TOMLParser.parse(bytes: [UInt8](data))))
            } catch {
                print("error \(error.line) \(error.message.replacingOccurrences(of: "\n", with: " "))")
            }
        }
    }
}
