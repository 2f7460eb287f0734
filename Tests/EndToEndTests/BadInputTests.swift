import Foundation
import Testing

/// Malformed inputs from the command line: each exits non-zero with one clear message that names
/// the file, line or option — never a crash (signal exit) or a hang.
@Suite struct BadInputTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        /// World-file text (written to w.toml and passed as the world), or nil.
        var world: String?
        var args: [String]
        var status: Int32
        var fragments: [String]
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "lone [", world: "[\n", args: ["validate"], status: 2, fragments: ["w.toml:1", "malformed table header"]),
        Case(name: "[.map]", world: "[.map]\n", args: ["validate"], status: 2, fragments: ["w.toml:1", "table header"]),
        Case(name: "[=", world: "name = \"x\"\n[=\n", args: ["validate"], status: 2, fragments: ["w.toml:2"]),
        Case(name: "[{", world: "[{\n", args: ["run", "--ticks", "1"], status: 2, fragments: ["w.toml:1"]),
        Case(name: "[#]", world: "[#]\n", args: ["bench", "--ticks", "1"], status: 2, fragments: ["w.toml:1"]),
        Case(name: "[ U+2028", world: "[\u{2028}\n", args: ["validate"], status: 2, fragments: ["w.toml:1"]),
        Case(name: "deep header", world: "[" + Array(repeating: "a", count: 30_000).joined(separator: ".") + "]\n",
             args: ["validate"], status: 2, fragments: ["w.toml:1", "at most 32"]),
        Case(name: "deep dotted key", world: Array(repeating: "k", count: 30_000).joined(separator: ".") + " = 1\n",
             args: ["validate"], status: 2, fragments: ["w.toml:1", "at most 32"]),
        Case(name: "deep array", world: "x = " + String(repeating: "[", count: 40_000) + "\n", args: ["validate"], status: 2,
             fragments: ["w.toml:1", "nested"]),
        Case(name: "CRLF keeps lines", world: "name = \"a\"\r\n[guards]\r\ncount = -4\r\n", args: ["validate"], status: 2,
             fragments: ["w.toml:3", "guards.count"]),
        Case(name: "unknown key", world: "[guards]\ncolour = 1\n", args: ["validate"], status: 2, fragments: ["w.toml:2", "guards.colour"]),
        Case(name: "out of range", world: "[toxicity]\ndiffusion = 1.5\n", args: ["validate"], status: 2, fragments: ["w.toml:2", "toxicity.diffusion"]),
        Case(name: "not UTF-8", world: nil, args: ["validate", "BINARY"], status: 2, fragments: ["not UTF-8"]),
        Case(name: "missing world", world: nil, args: ["run", "/nonexistent/w.toml"], status: 2, fragments: ["/nonexistent/w.toml", "no such file"]),
        Case(name: "negative ticks", world: nil, args: ["run", "--ticks", "-1"], status: 64, fragments: ["--ticks must be ≥ 0, got -1"]),
        Case(name: "negative seed", world: nil, args: ["run", "--seed", "-1"], status: 64, fragments: ["'-1' is invalid for '--seed"]),
        Case(name: "bad --set", world: nil, args: ["run", "--set", "guards.count=lots"], status: 2, fragments: ["guards.count", "integer"]),
        Case(name: "--set section", world: nil, args: ["run", "--set", "guards=5"], status: 2, fragments: ["guards"]),
        Case(name: "--set with a space", world: nil, args: ["run", "--set", "guards.count", "12"], status: 2,
             fragments: ["--set guards.count: give key=value with no space", "--set guards.count=12"]),
        Case(name: "boolean as the message says", world: nil, args: ["run", "--set", "containment.enabled=yes"], status: 2,
             fragments: ["containment.enabled", "true or false"]),
        Case(name: "params of an unknown key", world: nil, args: ["params", "guards.cnt"], status: 2,
             fragments: ["'guards.cnt' is not a parameter", "guards.count"]),
        Case(name: "too many jobs", world: nil, args: ["sweep", "--vary", "guards.count=1,2", "--jobs", "40000"], status: 2,
             fragments: ["--jobs must be 1…1024"]),
        Case(name: "negative replicates", world: nil, args: ["sweep", "--vary", "guards.count=1,2", "--replicates", "-3"], status: 2,
             fragments: ["replicates must be ≥ 1"]),
        Case(name: "huge replicates", world: nil, args: ["sweep", "--vary", "guards.count=1,2", "--replicates", "9223372036854775807"],
             status: 2, fragments: ["at most 10,000,000 runs"]),
        Case(name: "huge range", world: nil, args: ["sweep", "--vary", "sensors.density=0:1:0.0000000001"], status: 2, fragments: ["at most 1,000,000"]),
        Case(name: "bad shard", world: nil, args: ["sweep", "--vary", "guards.count=1", "--shard", "2/2"], status: 2, fragments: ["--shard"]),
        Case(name: "bad seeds rule", world: nil, args: ["sweep", "--seeds", "sometimes"], status: 64, fragments: ["per-run", "per-replicate"]),
        Case(name: "merge missing dir", world: nil, args: ["merge", "/nonexistent/sweep"], status: 2, fragments: ["/nonexistent/sweep does not exist"]),
        Case(name: "compare missing dir", world: nil, args: ["compare", "/nonexistent/sweep", "--baseline", "a=1"], status: 2,
             fragments: ["/nonexistent/sweep does not exist"]),
        Case(name: "analyze bad precision", world: nil, args: ["analyze", "/nonexistent", "--precision", "-1"], status: 2,
             fragments: ["does not exist"]),
        Case(name: "resume without out", world: nil, args: ["run", "--resume"], status: 64, fragments: ["--resume needs --out"]),
        Case(name: "keep-checkpoints 0", world: nil, args: ["run", "--keep-checkpoints", "0"], status: 64, fragments: ["--keep-checkpoints"]),
        Case(name: "fork without arms", world: nil, args: ["sweep", "--fork-at", "5", "--ticks", "10"], status: 2, fragments: ["--fork-at needs --arms"]),
        Case(name: "design file missing", world: nil, args: ["sweep", "--design-file", "/nonexistent.csv"], status: 2,
             fragments: ["/nonexistent.csv", "cannot read the design file"]),
        Case(name: "plan file bad TOML", world: nil, args: ["sweep", "--plan", "PLAN"], status: 2, fragments: ["plan.toml:2", "table header"]),
        Case(name: "plan file bad value", world: nil, args: ["sweep", "--plan", "PLAN2"], status: 2,
             fragments: ["plan2.toml:2: replicates must be an integer", "plan2.toml:3: seeds must be"]),
    ]

    @Test(arguments: cases)
    func badInputGetsOneClearMessage(_ c: Case) throws {
        let dir = CLI.tempDir("bad")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var args = c.args
        if let w = c.world {
            try w.write(toFile: dir + "/w.toml", atomically: true, encoding: .utf8)
            args.insert(dir + "/w.toml", at: 1)
        }
        try Data([0x6E, 0x61, 0xFF, 0xFE, 0x3D, 0x31]).write(to: URL(fileURLWithPath: dir + "/binary.toml"))
        try "ticks = 5\n[vary\n".write(toFile: dir + "/plan.toml", atomically: true, encoding: .utf8)
        try "ticks = 5\nreplicates = \"three\"\nseeds = \"sometimes\"\n".write(toFile: dir + "/plan2.toml", atomically: true, encoding: .utf8)
        let files = ["BINARY": dir + "/binary.toml", "PLAN": dir + "/plan.toml", "PLAN2": dir + "/plan2.toml"]
        args = args.map { files[$0] ?? $0 }
        if ["run", "sweep"].contains(args[0]) && !args.contains("--out") && !args.contains("--resume") { args += ["--out", dir + "/out"] }
        let r = try CLI.run(args)
        #expect(r.status == c.status, "exit \(r.status): \(r.stderr)")
        for f in c.fragments { #expect(r.stderr.contains(f), "missing '\(f)' in: \(r.stderr)") }
        #expect(!r.stderr.contains("Program crashed") && !r.stderr.contains("Fatal error"))
    }
}
