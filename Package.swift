// swift-tools-version: 6.0
import PackageDescription

// Layout (see README "Architecture"):
//   NanoCityEngine  grid, dense fields, PRNG, diffusion, per-cell agent index — no I/O
//   NanoCityModel   parameters, maps, agents, the tick — no I/O
//   NanoCityIO      world files (TOML), CSV, .npy, PNG (libpng), manifests, run recording
//   NanoCityStats   replicate statistics, comparisons, Sobol'/Morris designs and indices — no I/O
//   NanoCitySweep   parameter sweeps: plans, seeds, parallel runs, resume, shards, merge
//   NanoCityReports SVG charts of runs and sweeps, report.html
//   nanocity        thin command-line layer
let package = Package(
    name: "NanoCity",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "nanocity", targets: ["nanocity"]),
        .library(name: "NanoCityEngine", targets: ["NanoCityEngine"]),
        .library(name: "NanoCityModel", targets: ["NanoCityModel"]),
        .library(name: "NanoCityIO", targets: ["NanoCityIO"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", exact: "0.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CPNG",
            path: "Sources/CPNG",
            pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"])]
        ),
        .target(name: "NanoCityEngine"),
        .target(name: "NanoCityModel", dependencies: ["NanoCityEngine"]),
        .target(name: "NanoCityStats", dependencies: ["NanoCityEngine"]),
        .target(
            name: "NanoCityIO",
            dependencies: [
                "NanoCityEngine", "NanoCityModel", "CPNG",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        .target(
            name: "NanoCitySweep",
            dependencies: ["NanoCityEngine", "NanoCityModel", "NanoCityIO", "NanoCityStats",
                           .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        .target(
            name: "NanoCityReports",
            dependencies: ["NanoCityModel", "NanoCityIO", "NanoCityStats", "NanoCitySweep"]
        ),
        .executableTarget(
            name: "nanocity",
            dependencies: [
                "NanoCityModel", "NanoCityIO", "NanoCitySweep", "NanoCityStats", "NanoCityReports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "NanoCityEngineTests", dependencies: ["NanoCityEngine"]),
        .testTarget(name: "NanoCityModelTests", dependencies: ["NanoCityEngine", "NanoCityModel", "NanoCityIO"]),
        .testTarget(name: "NanoCityIOTests", dependencies: ["NanoCityModel", "NanoCityIO", "CPNG", .product(name: "TOMLKit", package: "TOMLKit")]),
        .testTarget(name: "NanoCityStatsTests", dependencies: ["NanoCityStats", "NanoCityEngine"]),
        .testTarget(name: "NanoCitySweepTests", dependencies: ["NanoCityEngine", "NanoCityModel", "NanoCityIO", "NanoCitySweep"]),
        .testTarget(name: "NanoCityReportsTests", dependencies: ["NanoCityReports", "NanoCityIO", "NanoCityModel"]),
        .testTarget(name: "EndToEndTests", dependencies: ["NanoCityIO", "nanocity"]),
    ],
    swiftLanguageModes: [.v6]
)
