import Foundation
import Testing

/// The README's exit codes, for every command: 0 success · 2 bad input (a file, an option
/// value, an --out that holds something else) · 3 an output could not be written · 64 command-
/// line syntax. (130, interrupted, is in HostileRegressionTests and CheckpointCommandTests.)
@Suite struct ExitCodeTests {
    struct Case: Sendable, CustomStringConvertible {
        var args: [String]
        var status: Int32
        var description: String { "\(args.joined(separator: " ")) → \(status)" }
    }

    /// A directory that cannot be created or written (as any user, root included).
    static let unwritable = "/proc/nanocity-cannot-write-here"

    static let cases: [Case] = [
        // run
        Case(args: ["run", "--ticks", "2", "--out", "@/run"], status: 0),
        Case(args: ["run", "--ticks", "2", "--set", "guards.count=-1", "--out", "@/x"], status: 2),
        Case(args: ["run", "--ticks", "2", "--out", "@/run"], status: 2),                      // not empty: refused
        Case(args: ["run", "--ticks", "2", "--out", unwritable + "/run"], status: 3),
        Case(args: ["run", "--tiks", "2"], status: 64),
        // validate, params, map, bench
        Case(args: ["validate", "worlds/default.toml"], status: 0),
        Case(args: ["validate", "@/nope.toml"], status: 2),
        Case(args: ["params", "guards.count"], status: 0),
        Case(args: ["params", "guards.cnt"], status: 2),
        Case(args: ["map", "export", "worlds/default.toml", "--out", "@/map.png"], status: 0),
        Case(args: ["map", "export", "@/nope.toml", "--out", "@/m.png"], status: 2),
        Case(args: ["map", "export", "worlds/default.toml", "--out", unwritable + "/m.png"], status: 3),
        Case(args: ["bench", "--ticks", "2", "--repeats", "1"], status: 0),
        Case(args: ["bench", "@/nope.toml"], status: 2),
        // sweep, merge, compare, analyze
        Case(args: ["sweep", "--vary", "guards.count=2,4", "--replicates", "2", "--ticks", "5", "--seeds", "per-replicate",
                    "--out", "@/sweep", "--quiet"], status: 0),
        Case(args: ["sweep", "--vary", "guards.cnt=2,4", "--out", "@/s2"], status: 2),
        Case(args: ["sweep", "--vary", "guards.count=2,4", "--ticks", "5", "--out", "@/run", "--quiet"], status: 2),  // holds a run
        Case(args: ["sweep", "--vary", "guards.count=2,4", "--ticks", "5", "--out", unwritable + "/s", "--quiet"], status: 3),
        Case(args: ["merge", "@/sweep"], status: 0),
        Case(args: ["merge", "@/nothing-here"], status: 2),
        Case(args: ["merge", "@/sweep", "--out", unwritable + "/m"], status: 3),
        Case(args: ["compare", "@/sweep", "--baseline", "guards.count=2"], status: 0),
        Case(args: ["compare", "@/sweep", "--baseline", "guards.count=3"], status: 2),
        Case(args: ["compare", "@/sweep", "--baseline", "guards.count=2", "--out", unwritable + "/c.csv"], status: 3),
        Case(args: ["analyze", "@/sweep"], status: 0),
        Case(args: ["analyze", "@/run"], status: 2),
        // plot, report, video
        Case(args: ["plot", "@/run"], status: 0),
        Case(args: ["plot", "@/nothing-here"], status: 2),
        Case(args: ["plot", "@/run", "--out", unwritable + "/plots"], status: 3),
        Case(args: ["report", "@/sweep"], status: 0),
        Case(args: ["report", "@/nothing-here"], status: 2),
        Case(args: ["report", "@/run", "--out", unwritable + "/r.html"], status: 3),
        Case(args: ["video", "@/nothing-here"], status: 2),
    ]

    /// The cases run in order in one directory: later ones use what earlier ones wrote.
    @Test func everyCommandExitsAsDocumented() throws {
        let dir = CLI.tempDir("exitcodes")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for c in Self.cases {
            let args = c.args.map { $0.hasPrefix("@") ? dir + $0.dropFirst() : $0 }
            let r = try CLI.run(args)
            #expect(r.status == c.status, "\(c): exit \(r.status): \(r.stderr.prefix(300))")
        }
    }
}
