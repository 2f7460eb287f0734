// swift-tools-version: 6.0
import PackageDescription

// The benchmark package: NanoCity's engine running the peers' reference workload
// (PEERS-WORKLOAD.md; the rules are restated in PeersCity.swift), built apart from the main
// package so it costs the main build and CI nothing. Run everything side by side with
// `bash bench/peers/compare.sh` (README "Performance").
let package = Package(
    name: "NanoCityBench",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "NanoCity", path: "..")],
    targets: [
        .executableTarget(
            name: "peers-workload",
            dependencies: [.product(name: "NanoCityEngine", package: "NanoCity")],
            path: "Sources/PeersWorkload"
        ),
    ],
    swiftLanguageModes: [.v6]
)
