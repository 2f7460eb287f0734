// swift-tools-version: 6.0
import PackageDescription

// Layout (see README "Architecture"):
//   CPNG, CPrefetch libpng (system library); the CPU's prefetch hint (Swift has none)
//   NanoCityEngine  grid, dense fields, PRNG, diffusion, row bands on several cores — no I/O
//   NanoCityTOML    TOML 1.0 parser: positions for every key, bounded depth, no recursion
//   NanoCityModel   parameters, maps, agents, the tick — no I/O
//   NanoCityIO      world files, CSV, .npy, PNG (libpng), manifests, run recording
//   NanoCityStats   replicate statistics, comparisons, Sobol'/Morris designs and indices — no I/O
//   NanoCityPatterns crime-pattern statistics: Knox, concentration, Gi*, Moran's I, persistence — no I/O
//   NanoCityAnalysis a sweep's or fork's files read back (typed), and the analyses of them:
//                   point statistics, policy comparisons, sensitivity, precision, displacement
//   NanoCityExperiments parameter sweeps and forks: plans, designs, seeds, parallel runs,
//                   resume, shards, merge
//   NanoCityReports SVG charts of runs and sweeps, report.html (reads results via Analysis only)
//   NanoCityCapsule reproducibility capsules: pack a run or sweep, verify it by re-running
//   NanoCityExplore `nanocity explore`: a live city in the browser (Hummingbird, WebSockets)
//   nanocity        thin command-line layer
let package = Package(
    name: "NanoCity",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "nanocity", targets: ["nanocity"]),
        .library(name: "NanoCityEngine", targets: ["NanoCityEngine"]),
        .library(name: "NanoCityModel", targets: ["NanoCityModel"]),
        .library(name: "NanoCityIO", targets: ["NanoCityIO"]),
        .library(name: "NanoCityTOML", targets: ["NanoCityTOML"]),
        .library(name: "NanoCityAnalysis", targets: ["NanoCityAnalysis"]),
        .library(name: "NanoCityExperiments", targets: ["NanoCityExperiments"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
        // `explore` only: HTTP and WebSockets on SwiftNIO (bounded headers, frames and bodies).
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", exact: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", exact: "2.8.1"),
        .package(url: "https://github.com/apple/swift-http-types.git", exact: "1.8.0"),
        // Tests only: property-based checks (no dependencies of its own).
        .package(url: "https://github.com/x-sheep/swift-property-based.git", exact: "2.0.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CPNG",
            path: "Sources/CPNG",
            pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"])]
        ),
        // The CPU's prefetch hint (Swift has none), for the agent loop.
        .target(name: "CPrefetch", path: "Sources/CPrefetch"),
        .target(name: "NanoCityEngine"),
        .target(name: "NanoCityTOML"),
        .target(name: "NanoCityModel", dependencies: ["NanoCityEngine", "CPrefetch"]),
        .target(name: "NanoCityStats", dependencies: ["NanoCityEngine"]),
        .target(name: "NanoCityPatterns", dependencies: ["NanoCityEngine", "NanoCityStats"]),
        .target(
            name: "NanoCityIO",
            dependencies: [
                "NanoCityEngine", "NanoCityModel", "NanoCityTOML", "NanoCityPatterns", "CPNG",
            ]
        ),
        .target(
            name: "NanoCityAnalysis",
            dependencies: ["NanoCityEngine", "NanoCityModel", "NanoCityIO", "NanoCityStats", "NanoCityPatterns"]
        ),
        .target(
            name: "NanoCityExperiments",
            dependencies: ["NanoCityEngine", "NanoCityModel", "NanoCityIO", "NanoCityStats", "NanoCityTOML", "NanoCityPatterns", "NanoCityAnalysis"]
        ),
        .target(
            name: "NanoCityCapsule",
            dependencies: ["NanoCityEngine", "NanoCityModel", "NanoCityIO", "NanoCityAnalysis", "NanoCityExperiments"]
        ),
        .target(
            name: "NanoCityReports",
            dependencies: ["NanoCityModel", "NanoCityIO", "NanoCityStats", "NanoCityAnalysis"]
        ),
        .target(
            name: "NanoCityExplore",
            dependencies: [
                "NanoCityEngine", "NanoCityModel", "NanoCityIO",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .executableTarget(
            name: "nanocity",
            dependencies: [
                "NanoCityExplore", "NanoCityModel", "NanoCityIO", "NanoCityAnalysis", "NanoCityExperiments", "NanoCityStats", "NanoCityReports", "NanoCityCapsule", "NanoCityPatterns",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "NanoCityEngineTests", dependencies: ["NanoCityEngine", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "NanoCityTOMLTests", dependencies: ["NanoCityTOML"]),
        // Helpers shared by test targets (small worlds, the default city, state round trips),
        // on the model alone: the Model tests need no world file, parser or I/O.
        .target(name: "NanoCityTestSupport", dependencies: ["NanoCityEngine", "NanoCityModel"], path: "Tests/NanoCityTestSupport"),
        .testTarget(name: "NanoCityModelTests", dependencies: ["NanoCityEngine", "NanoCityModel", "NanoCityTestSupport",
                                                      .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "NanoCityIOTests", dependencies: ["NanoCityModel", "NanoCityIO", "NanoCityTOML", "CPNG", "NanoCityTestSupport",
                                                   .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "NanoCityStatsTests", dependencies: ["NanoCityStats", "NanoCityEngine"]),
        .testTarget(name: "NanoCityPatternsTests", dependencies: ["NanoCityPatterns", "NanoCityEngine"]),
        // The typed readers are held to the writers: these tests write plans with Experiments.
        .testTarget(name: "NanoCityAnalysisTests", dependencies: ["NanoCityIO", "NanoCityModel", "NanoCityPatterns", "NanoCityAnalysis", "NanoCityExperiments"]),
        .testTarget(name: "NanoCityExperimentsTests", dependencies: ["NanoCityEngine", "NanoCityModel", "NanoCityIO", "NanoCityAnalysis", "NanoCityExperiments"]),
        .testTarget(name: "NanoCityReportsTests", dependencies: ["NanoCityReports", "NanoCityIO", "NanoCityModel"]),
        .testTarget(name: "NanoCityExploreTests", dependencies: ["NanoCityExplore", "NanoCityIO", "NanoCityModel"]),
        .testTarget(name: "EndToEndTests", dependencies: ["NanoCityEngine", "NanoCityIO", "nanocity"]),
    ],
    swiftLanguageModes: [.v6]
)
