import Foundation
import Testing
@testable import NanoCityReports

/// The calibration page: what it draws follows from posterior.csv, predictive.csv and
/// calibration.json (a hand-made calibration folder, so every number is known).
@Suite struct CalibrationReportTests {
    static func folder() throws -> String {
        let dir = NSTemporaryDirectory() + "calibration-report-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let json = """
            {"program": "nanocity", "method": "abc-smc", "world_name": "default", "world": "worlds/default.toml", "runs": 12, "replicates": 1,
             "parameters": [{"key": "a", "prior": "uniform", "low": 0, "high": 1}, {"key": "b", "prior": "log-uniform", "low": 0.001, "high": 10}],
             "targets": [{"outcome": "thefts_total", "observed": 5, "scale": 1}],
             "status": "complete", "stopped_because": "generations reached",
             "generations": [{"generation": 0, "runs": 8, "epsilon": 2.5, "acceptance": null, "effective_sample_size": 4, "kept": 4},
                             {"generation": 1, "runs": 4, "epsilon": 1.25, "acceptance": 0.5, "effective_sample_size": 3.2, "kept": 4}],
             "predictive_check": {"draws": 4, "generation": 1, "targets": [{"outcome": "thefts_total", "observed": 5, "mean": 4.5, "q05": 3,
                                  "q50": 4, "q95": 6, "share_below_observed": 0.75, "draws_with_outcome": 4}]}}
            """
        try json.write(toFile: dir + "/calibration.json", atomically: true, encoding: .utf8)
        try """
            generation,particle,weight,distance,a,b
            0,0,0.25,2,0.9,1
            0,1,0.25,2,0.9,1
            0,2,0.25,2,0.9,1
            0,3,0.25,2,0.9,1
            1,0,0.5,1,0.1,0.01
            1,1,0.25,1,0.3,0.1
            1,2,0.25,1,0.7,1
            1,3,0,1,0.95,nan

            """.write(toFile: dir + "/posterior.csv", atomically: true, encoding: .utf8)
        try "draw,particle,a,b,thefts_total\n0,0,0.1,0.01,3\n1,0,0.1,0.01,4\n2,1,0.3,0.1,4\n3,2,0.7,1,7\n"
            .write(toFile: dir + "/predictive.csv", atomically: true, encoding: .utf8)
        return dir
    }

    static func count(_ s: String, _ needle: String) -> Int { s.components(separatedBy: needle).count - 1 }

    @Test func thePageDrawsTheLastGenerationAndThePredictiveCheck() throws {
        let dir = try Self.folder()
        #expect(CalibrationReport.present(dir))
        let html = try RunReport.html(directory: dir)
        for section in ["Generations", "Posterior marginals", "Pairs", "Posterior predictive check"] { #expect(html.contains(">\(section)</h2>")) }
        // Generation 1 only: a's particles fill 4 bins (0.1, 0.3, 0.7, 0.95; the last with weight 0 draws nothing → 3 bars);
        // b (log10 axis) has 3 finite values with weight → 3 bars; the predictive check's 4 draws fall in 3 bins.
        #expect(Self.count(html, "class=\"bin\"") == 3 + 3 + 3)
        #expect(html.contains("log10(b)"))
        // One pair plot, one dot per particle with both coordinates finite.
        #expect(Self.count(html, "class=\"particle\"") == 3)
        #expect(Self.count(html, "class=\"observed\"") == 1)
        // The weighted posterior mean of a over generation 1: 0.5·0.1 + 0.25·0.3 + 0.25·0.7 = 0.3.
        #expect(html.contains("<td class=\"num\">0.3</td>"))
        // The 50% bar of a is the particle at 0.1 (weight 0.5 of 1).
        #expect(html.contains("<title>50.00%</title>"))
        #expect(html.contains("0.75"))  // share below observed, from calibration.json
    }

    @Test func aCalibrationFolderRefusesASweepBaseline() throws {
        let dir = try Self.folder()
        #expect(throws: ChartError.self) { try RunReport.html(directory: dir, baseline: "guards.count=1") }
    }

    /// A damaged posterior.csv (values far outside the priors, a generation no Int holds, a
    /// fractional generation) still gives a page: such rows are drawn at the edge or skipped.
    @Test func aDamagedPosteriorGivesAPageNotATrap() throws {
        let dir = try Self.folder()
        try """
            generation,particle,weight,distance,a,b
            1,0,0.5,1,1e308,-1e308
            1,1,0.25,1,1e20,nan
            99999999999999999999,0,1,1,0.5,0.5
            1.5,0,1,1,0.5,0.5
            -3,0,1,1,0.5,0.5
            1,2,inf,1,0.2,0.3

            """.write(toFile: dir + "/posterior.csv", atomically: true, encoding: .utf8)
        let html = try RunReport.html(directory: dir)
        #expect(html.contains("Generation 1, 3 particles"))
        let wide = dir + "/wide"
        try FileManager.default.createDirectory(atPath: wide, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: dir + "/calibration.json", toPath: wide + "/calibration.json")
        try ("generation,particle,weight,distance," + (0..<1000).map { "k\($0)" }.joined(separator: ",") + "\n")
            .write(toFile: wide + "/posterior.csv", atomically: true, encoding: .utf8)
        #expect(try RunReport.html(directory: wide).contains("not one this program writes"))
    }
}
