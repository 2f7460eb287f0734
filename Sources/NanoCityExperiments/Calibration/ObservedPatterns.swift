import Foundation
import NanoCityEngine
import NanoCityAnalysis
import NanoCityIO
import NanoCityPatterns

/// An observed-pattern file for a calibration target (`observed_file` in a targets file): the
/// `patterns.json` that `nanocity patterns` wrote — from police data (`--events`) or from a
/// run. It gives the observed value of each pattern statistic and the settings they were
/// measured with, so every simulated run is measured the same way (same Knox bands and
/// convention, distance, weights, FDR, top share, persistence window, seed).
public struct ObservedPatterns: Sendable {
    /// The `patterns.json` read.
    public let path: String
    public let fingerprint: String
    /// Each statistic of `CrimePatterns.outcomeNames`, nil where the observed data left it undefined.
    public let results: [String: Double?]
    /// The settings the statistics were measured with (permutations as recorded).
    public let options: CrimePatterns.Options
    /// Side of the grid cells of the grid statistics (m).
    public let cellMetres: Double
    /// Incidents analysed.
    public let incidents: Int
    /// From a run's patterns (`nanocity patterns RUN`): its event kinds and tick window, the
    /// defaults for the simulated runs; nil for observed incidents (`--events`).
    public let runKinds: [String]?
    public let runFromTick: Int?
    public let runToTick: Int?

    public static let maxBytes = 1 << 20

    /// The statistics that count incidents per grid cell: comparable only on cells of one size.
    public static func isGridStatistic(_ name: String) -> Bool {
        !(name == "incidents" || name.hasPrefix("knox_ratio_"))
    }

    /// The statistics whose value depends on the Gi*/Moran permutations (their p-values).
    public static func usesPermutations(_ name: String) -> Bool {
        name == "moran_p" || name == "gi_hotspot_share"
    }

    private struct File: Decodable {
        struct Knox: Decodable {
            let space_band_m: Double, space_bands: Int, time_band_days: Double, time_bands: Int
            let convention: String, distance: String
        }
        struct Grid: Decodable { let cell_m: Double }
        let knox: Knox
        let grid: Grid
        let weights: SweepRecord.Patterns.Weights
        let permutations: Int
        let fdr: Double
        let top_share: Double
        let window_days: Double?
        let seed: Int
        let results: [String: Double?]
        let kinds: [String]?
        let from_tick: Int?
        let to_tick: Int?
    }

    /// Reads `given`: a folder holding `patterns.json`, that file, or its sibling `outcomes.csv`.
    public init(path given: String) throws(SweepError) {
        var isDirectory: ObjCBool = false
        let path: String
        if FileManager.default.fileExists(atPath: given, isDirectory: &isDirectory), isDirectory.boolValue {
            path = given + "/" + PatternFiles.settings
        } else if (given as NSString).lastPathComponent == PatternFiles.outcomes {
            path = (given as NSString).deletingLastPathComponent + "/" + PatternFiles.settings
        } else {
            path = given
        }
        let data: Data
        switch BoundedRead.read(path, limit: Self.maxBytes) {
        case .success(let d): data = d
        case .failure(let p):
            throw .badPlan("\(path): cannot read the observed patterns: it \(p) (give the folder `nanocity patterns` wrote, or its \(PatternFiles.settings))")
        }
        let f: File
        do throws(OutputError) { f = try JSONRecord.decode(File.self, from: data, path: path) } catch {
            throw .badPlan("\(path): not a \(PatternFiles.settings) of `nanocity patterns`: \(error.message)")
        }
        func bad(_ what: String) -> SweepError { .badPlan("\(path): \(what)") }
        guard let convention = KnoxBandConvention(rawValue: f.knox.convention) else {
            throw bad("knox.convention \"\(f.knox.convention)\" is not one of " + KnoxBandConvention.allCases.map(\.rawValue).joined(separator: ", "))
        }
        guard let metric = DistanceMetric(rawValue: f.knox.distance) else {
            throw bad("knox.distance \"\(f.knox.distance)\" is not one of " + DistanceMetric.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let k = f.knox
        guard k.space_band_m > 0, k.space_band_m.isFinite, k.time_band_days > 0, k.time_band_days.isFinite,
              (1...KnoxBands.maxBands).contains(k.space_bands), (1...KnoxBands.maxBands).contains(k.time_bands) else {
            throw bad("knox bands must be widths > 0 and 1…\(KnoxBands.maxBands) bands")
        }
        guard f.grid.cell_m > 0, f.grid.cell_m.isFinite else { throw bad("grid.cell_m must be a number > 0") }
        guard (0...100_000).contains(f.permutations) else { throw bad("permutations must be 0…100000") }
        guard f.fdr > 0, f.fdr < 1 else { throw bad("fdr must be in (0, 1)") }
        guard f.top_share > 0, f.top_share <= 1 else { throw bad("top_share must be in (0, 1]") }
        if let w = f.window_days { guard w > 0, w.isFinite else { throw bad("window_days must be a number > 0") } }
        var options = CrimePatterns.Options(bands: KnoxBands(space: KnoxAxis(width: k.space_band_m, count: k.space_bands, convention: convention),
                                                             time: KnoxAxis(width: k.time_band_days, count: k.time_bands, convention: convention)))
        options.metric = metric
        options.permutations = f.permutations
        switch f.weights {
        case .queen: options.weights = .queen
        case .withinMetres(let m):
            guard m > 0, m.isFinite else { throw bad("weights.distance_m must be a number > 0") }
            options.weights = .withinMetres(m)
        }
        options.fdr = f.fdr
        options.topShare = f.top_share
        options.windowDays = f.window_days
        options.seed = UInt64(truncatingIfNeeded: f.seed)
        let names = CrimePatterns.outcomeNames(options).map(\.name)
        for name in names where f.results.index(forKey: name) == nil {
            throw bad("results.\(name) is missing (written by another version of `nanocity patterns`?)")
        }
        self.path = path
        fingerprint = FNV1a.hex(data)
        results = f.results
        self.options = options
        cellMetres = f.grid.cell_m
        let n = f.results["incidents"] ?? nil
        runKinds = f.kinds.map { Array($0.prefix(64)) }
        runFromTick = f.from_tick
        runToTick = f.to_tick
        incidents = n.flatMap { $0.isFinite && $0 >= 0 && $0 < 1e15 ? Int($0) : nil } ?? 0
    }

    /// Whether `other` measured with the same settings (so one measurement of each run serves both).
    func sameSettings(as other: ObservedPatterns) -> Bool {
        let a = options, b = other.options
        return a.bands.space == b.bands.space && a.bands.time == b.bands.time && a.metric == b.metric && a.weights == b.weights
            && a.fdr == b.fdr && a.topShare == b.topShare && a.windowDays == b.windowDays && a.seed == b.seed
            && a.permutations == b.permutations && cellMetres == other.cellMetres
            // A run's patterns: the same crimes over the same ticks.
            && runKinds == other.runKinds && runFromTick == other.runFromTick && runToTick == other.runToTick
    }
}
