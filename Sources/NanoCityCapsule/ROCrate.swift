import Foundation
import NanoCityIO

/// `ro-crate-metadata.json`: the capsule described as an RO-Crate 1.1 (JSON-LD), so Zenodo,
/// WorkflowHub and other registries read what it is, what made it and which files it holds.
enum ROCrate {
    static func metadata(_ m: CapsuleManifest, files: [String], name: String) -> JSONValue {
        let parts: [JSONValue] = files.map { .object([("@id", .string($0))]) }
        var graph: [JSONValue] = [
            .object([("@id", .string("ro-crate-metadata.json")), ("@type", .string("CreativeWork")),
                     ("conformsTo", .object([("@id", .string("https://w3id.org/ro/crate/1.1"))])), ("about", .object([("@id", .string("./"))]))]),
            .object([("@id", .string("./")), ("@type", .string("Dataset")),
                     ("name", .string("NanoCity \(m.kind.rawValue) of \(name): reproducibility capsule")),
                     ("description", .string("Inputs, outputs and checksums of a NanoCity \(m.kind.rawValue); `nanocity verify` re-runs it and checks the results byte for byte.")),
                     ("datePublished", .string(ISO8601DateFormatter().string(from: Date()))),
                     ("license", .object([("@id", .string("https://spdx.org/licenses/MIT"))])),
                     ("hasPart", .array(parts)),
                     ("mentions", .object([("@id", .string("#nanocity"))]))]),
            .object([("@id", .string("#nanocity")), ("@type", .string("SoftwareApplication")), ("name", .string("NanoCity")),
                     ("version", .string(m.version)), ("softwareVersion", .string(m.sourceRevision))]),
        ]
        for f in files {
            graph.append(.object([("@id", .string(f)), ("@type", .string("File")),
                                  ("encodingFormat", .string(format(f)))]))
        }
        return .object([("@context", .string("https://w3id.org/ro/crate/1.1/context")), ("@graph", .array(graph))])
    }

    static func format(_ path: String) -> String {
        switch URL(fileURLWithPath: path).pathExtension {
        case "csv": "text/csv"
        case "json": "application/json"
        case "png": "image/png"
        case "md": "text/markdown"
        case "toml": "application/toml"
        case "npy": "application/octet-stream"
        case "cff": "application/x-yaml"
        default: "application/octet-stream"
        }
    }
}
