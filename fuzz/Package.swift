// swift-tools-version: 6.0
import PackageDescription

// libFuzzer targets for every reader of untrusted input, built apart from the main package
// (sanitizer builds are slow). Build and run with `bash fuzz/run.sh TARGET SECONDS`
// (README "Fuzzing"); `bash fuzz/run.sh all 10` is what CI runs.
let targets = ["fuzz-toml", "fuzz-world", "fuzz-set", "fuzz-plan", "fuzz-design", "fuzz-ascii-map", "fuzz-png-map", "fuzz-checkpoint"]

let package = Package(
    name: "NanoCityFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "NanoCity", path: "..")],
    targets: [.target(name: "FuzzDriver")] + targets.map { name in
        .executableTarget(
            name: name,
            dependencies: [
                "FuzzDriver",
                .product(name: "NanoCityTOML", package: "NanoCity"),
                .product(name: "NanoCityModel", package: "NanoCity"),
                .product(name: "NanoCityIO", package: "NanoCity"),
                .product(name: "NanoCityAnalysis", package: "NanoCity"),
                .product(name: "NanoCityExperiments", package: "NanoCity"),
            ],
            path: "Sources/\(name)"
        )
    },
    swiftLanguageModes: [.v6]
)
