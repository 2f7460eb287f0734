import Foundation
import Testing

/// The malformed-input table (issue "hostile input"): world files, maps, PNGs, plans, arms and
/// design files, checkpoints and command-line values. Each case exits with the documented code
/// (2: bad input, 64: bad usage) and one message naming the file, line and key at fault —
/// never a crash or a hang. `BadInputTests` holds the first 33 cases (the fuzzer finds).
@Suite struct MalformedInputTableTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        /// Files written into the case's directory first (name → bytes). A world in `w.toml`
        /// is passed as the command's world unless the args say otherwise.
        var files: [String: [UInt8]] = [:]
        /// Arguments; `@name` becomes the path of the case's file `name`.
        var args: [String]
        var status: Int32 = 2
        var fragments: [String]
        var description: String { name }

        init(_ name: String, world: String? = nil, files: [String: String] = [:], binary: [String: [UInt8]] = [:],
             _ args: [String], status: Int32 = 2, _ fragments: [String]) {
            self.name = name
            var all = binary
            for (k, v) in files { all[k] = Array(v.utf8) }
            if let world { all["w.toml"] = Array(world.utf8) }
            self.files = all
            self.args = world != nil && !args.contains("@w.toml") ? [args[0], "@w.toml"] + args.dropFirst() : args
            self.status = status
            self.fragments = fragments
        }
    }

    /// A PNG whose header claims `width`×`height` RGB pixels, followed by no real image data.
    static func pngHeader(width: UInt32, height: UInt32) -> [UInt8] {
        func be(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        func crc(_ bytes: [UInt8]) -> UInt32 {
            var c: UInt32 = 0xFFFF_FFFF
            for b in bytes {
                c ^= UInt32(b)
                for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
            }
            return ~c
        }
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let body = Array(type.utf8) + data
            return be(UInt32(data.count)) + body + be(crc(body))
        }
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", be(width) + be(height) + [8, 2, 0, 0, 0])
            + chunk("IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]) + chunk("IEND", [])
    }

    static let imageWorld = "[map]\nkind = \"image\"\nimage = \"m.png\"\n"
    static let arms2 = "[[arm]]\nname = \"baseline\"\n"

    static let cases: [Case] = [
        // TOML syntax in world files: file, line (and column) of the first problem.
        Case("unterminated string", world: "name = \"abc\n", ["validate"], ["w.toml:1", "not closed"]),
        Case("bad escape", world: "name = \"a\\qb\"\n", ["validate"], ["w.toml:1", "invalid escape"]),
        Case("duplicate key", world: "[guards]\ncount = 1\ncount = 2\n", ["validate"], ["w.toml:3", "defined twice", "line 2"]),
        Case("duplicate table", world: "[guards]\ncount = 1\n[guards]\n", ["validate"], ["w.toml:3", "[guards]"]),
        Case("missing value", world: "name =\n", ["validate"], ["w.toml:1", "expected a value"]),
        Case("unquoted string", world: "name = hello\n", ["validate"], ["w.toml:1", "strings need quotes"]),
        Case("leading zero", world: "[guards]\ncount = 07\n", ["validate"], ["w.toml:2", "'07'"]),
        Case("integer overflow", world: "[guards]\ncount = 99999999999999999999\n", ["validate"], ["w.toml:2", "64-bit"]),
        Case("two pairs on a line", world: "name = \"a\" description = \"b\"\n", ["validate"], ["w.toml:1", "one key = value"]),
        Case("inline table over lines", world: "[[schedule]]\ntick = 1\nset = {\n\"guards.count\" = 1 }\n", ["validate"], ["w.toml:3"]),
        Case("inline trailing comma", world: "[[schedule]]\ntick = 1\nset = { \"guards.count\" = 1, }\n", ["validate"], ["w.toml:3", "expected a key"]),
        Case("control character", world: "name = \"a\u{01}b\"\n", ["validate"], ["w.toml:1", "U+0001"]),
        Case("impossible date", world: "name = 2024-02-30\n", ["validate"], ["w.toml:1", "date-time"]),
        Case("table then array of tables", world: "[schedule]\ntick = 1\n[[schedule]]\n", ["validate"], ["w.toml:3", "not an array of tables"]),
        Case("key without =", world: "guards\n", ["validate"], ["w.toml:1", "'='"]),
        Case("unclosed array", world: "name = [1, 2\n", ["validate"], ["w.toml:2", "array"]),
        Case("unclosed multi-line string", world: "description = \"\"\"abc\n", ["validate"], ["w.toml:2", "never closed"]),
        Case("header with space inside brackets", world: "[ [schedule]]\n", ["validate"], ["w.toml:1", "header"]),
        Case("inline table extended", world: "guards = { count = 1 }\n[guards]\nspeed = 1\n", ["validate"], ["w.toml:2", "[guards]"]),
        // Values: the key, its line, what is allowed.
        Case("string for integer", world: "[guards]\ncount = \"six\"\n", ["validate"], ["w.toml:2", "guards.count", "integer"]),
        Case("boolean for number", world: "[toxicity]\ndiffusion = true\n", ["validate"], ["w.toml:2", "toxicity.diffusion", "number"]),
        Case("array for integer", world: "[guards]\ncount = [1]\n", ["validate"], ["w.toml:2", "guards.count", "a TOML array"]),
        Case("date for integer", world: "[guards]\ncount = 1979-05-27\n", ["validate"], ["w.toml:2", "guards.count", "date"]),
        Case("unknown table", world: "[guardz]\ncount = 1\n", ["validate"], ["w.toml:2", "guardz.count"]),
        Case("bad choice", world: "[map]\nkind = \"hexagonal\"\n", ["validate"], ["w.toml:2", "map.kind", "procedural"]),
        Case("nan rate", world: "[toxicity]\ndiffusion = nan\n", ["validate"], ["w.toml:2", "toxicity.diffusion"]),
        Case("ticks too large", world: "[run]\nticks = 99999999999\n", ["validate"], ["w.toml:2", "run.ticks"]),
        Case("schedule without tick", world: "[[schedule]]\nset = { \"guards.count\" = 1 }\n", ["validate"], ["w.toml:1", "no tick"]),
        Case("negative schedule tick", world: "[[schedule]]\ntick = -5\n", ["validate"], ["w.toml:1", "≥ 0"]),
        Case("unknown schedule key", world: "[[schedule]]\ntick = 5\nwhen = 3\n", ["validate"], ["w.toml:1", "allowed: tick, set"]),
        Case("schedule fixed key", world: "[[schedule]]\ntick = 5\nset = { \"map.width\" = 10 }\n", ["validate"], ["w.toml:3", "map.width"]),
        Case("schedule not a list", world: "schedule = 5\n", ["validate"], ["w.toml:1", "[[schedule]]"]),
        // Maps: the map key and the map file's own line.
        Case("ASCII map bad symbol", world: "[map]\nkind = \"ascii\"\nascii = \"\"\"\n....\n.Q..\n....\n....\n\"\"\"\n", ["validate"],
             ["w.toml:5: map.ascii: column 2: unknown symbol 'Q'"]),
        Case("ASCII map file missing", world: "[map]\nkind = \"ascii\"\nfile = \"nope.txt\"\n", ["validate"], ["w.toml:3", "map.file", "nope.txt"]),
        Case("ASCII map file ragged", world: "[map]\nkind = \"ascii\"\nfile = \"m.txt\"\n", files: ["m.txt": "........\n...\n"], ["validate"],
             ["m.txt:2: row has 3 cells"]),
        Case("PNG map missing", world: "[map]\nkind = \"image\"\nimage = \"nope.png\"\n", ["validate"], ["w.toml:3", "map.image", "nope.png"]),
        Case("PNG map not a PNG", world: imageWorld, files: ["m.png": "just text"], ["validate"], ["w.toml:3", "map.image"]),
        Case("PNG map claims 16384²", world: imageWorld, binary: ["m.png": pngHeader(width: 16384, height: 16384)], ["validate"],
             ["w.toml:3", "map.image", "16384"]),
        Case("PNG map truncated", world: imageWorld, binary: ["m.png": Array(pngHeader(width: 8, height: 8).prefix(20))], ["validate"],
             ["w.toml:3", "map.image"]),
        Case("procedural map too large", world: "[map]\nwidth = 16384\nheight = 16384\n[recyclers]\ncount = 5\n", ["run", "--ticks", "1"],
             ["map"]),
        // Sweep plans: plan file, line, key.
        Case("plan unknown key", files: ["plan.toml": "tics = 5\n"], ["sweep", "--plan", "@plan.toml"], ["plan.toml:1", "tics"]),
        Case("plan duplicate key", files: ["plan.toml": "ticks = 5\nticks = 6\n"], ["sweep", "--plan", "@plan.toml"], ["plan.toml:2", "defined twice"]),
        Case("plan vary not a table", files: ["plan.toml": "ticks = 5\nvary = 5\n"], ["sweep", "--plan", "@plan.toml"], ["plan.toml:2", "[vary]"]),
        Case("plan outcomes not a list", files: ["plan.toml": "outcomes = \"thefts\"\n"], ["sweep", "--plan", "@plan.toml"],
             ["plan.toml:1", "outcomes must be a list"]),
        Case("plan bad design", files: ["plan.toml": "ticks = 5\ndesign = \"random\"\n"], ["sweep", "--plan", "@plan.toml"],
             ["plan.toml:2", "sobol"]),
        Case("plan world missing", files: ["plan.toml": "world = \"nope.toml\"\n[vary]\n\"guards.count\" = [1, 2]\n"],
             ["sweep", "--plan", "@plan.toml"], ["nope.toml"]),
        Case("plan vary unknown key", files: ["plan.toml": "[vary]\n\"guards.colour\" = [1, 2]\n"], ["sweep", "--plan", "@plan.toml"],
             ["guards.colour"]),
        // Arms files: file, arm, key.
        Case("arms syntax", files: ["arms.toml": "[[arm]\n"], ["sweep", "--fork-at", "5", "--ticks", "10", "--arms", "@arms.toml"],
             ["arms.toml:1", "TOML syntax"]),
        Case("arms single arm", files: ["arms.toml": arms2], ["sweep", "--fork-at", "5", "--ticks", "10", "--arms", "@arms.toml"],
             ["arms.toml", "a fork needs 2"]),
        Case("arms without name", files: ["arms.toml": "[[arm]]\nset = {}\n" + arms2], ["sweep", "--fork-at", "5", "--ticks", "10", "--arms", "@arms.toml"],
             ["arms.toml:1: arm 1", "name must be"]),
        Case("arms duplicate name", files: ["arms.toml": arms2 + arms2], ["sweep", "--fork-at", "5", "--ticks", "10", "--arms", "@arms.toml"],
             ["arms.toml:3: arm 2", "used twice"]),
        Case("arms unknown key", files: ["arms.toml": arms2 + "[[arm]]\nname = \"b\"\nset = { \"guards.colour\" = 1 }\n"],
             ["sweep", "--fork-at", "5", "--ticks", "10", "--arms", "@arms.toml"], ["arms.toml:5: arm 2", "guards.colour"]),
        Case("arms fixed key", files: ["arms.toml": arms2 + "[[arm]]\nname = \"b\"\nset = { \"map.width\" = 10 }\n"],
             ["sweep", "--fork-at", "5", "--ticks", "10", "--arms", "@arms.toml"], ["arms.toml:5: arm 2", "map.width", "fixed at the start"]),
        Case("arms name with slash", files: ["arms.toml": arms2 + "[[arm]]\nname = \"a/b\"\n"],
             ["sweep", "--fork-at", "5", "--ticks", "10", "--arms", "@arms.toml"], ["arms.toml:3: arm 2", "letters, digits"]),
        // Design files: file, line, column.
        Case("design unknown column", files: ["d.csv": "# guards.colour\n1\n"], ["sweep", "--design-file", "@d.csv"], ["d.csv:1:1", "guards.colour"]),
        Case("design not a number", files: ["d.csv": "guards.count\nsix\n"], ["sweep", "--design-file", "@d.csv"], ["d.csv:2", "guards.count"]),
        Case("design out of range", files: ["d.csv": "guards.count\n-5\n"], ["sweep", "--design-file", "@d.csv"], ["d.csv:2", "guards.count"]),
        Case("design ragged row", files: ["d.csv": "guards.count,sensors.density\n1\n"], ["sweep", "--design-file", "@d.csv"], ["d.csv:2"]),
        Case("design duplicate column", files: ["d.csv": "guards.count,guards.count\n1,2\n"], ["sweep", "--design-file", "@d.csv"],
             ["d.csv:1", "twice"]),
        // Checkpoints.
        Case("checkpoint not a checkpoint", files: ["c.bin": "hello, I am not a checkpoint"], ["run", "--from", "@c.bin", "--out", "@out"],
             ["c.bin"]),
        Case("checkpoint empty", files: ["c.bin": ""], ["run", "--from", "@c.bin", "--out", "@out"], ["c.bin"]),
        Case("checkpoint missing", ["run", "--from", "/nonexistent/c.bin", "--out", "@out"], ["/nonexistent/c.bin"]),
        // Command-line values.
        Case("ticks not a number", ["run", "--ticks", "abc"], status: 64, ["--ticks"]),
        Case("negative frame-every", ["run", "--frame-every", "-1"], status: 64, ["--frame-every must be ≥ 0", "got -1"]),
        Case("negative snapshot-every", ["run", "--snapshot-every", "-5"], status: 64, ["--snapshot-every must be ≥ 0", "got -5"]),
        Case("negative checkpoint-every", ["run", "--checkpoint-every", "-1"], status: 64, ["--checkpoint-every must be ≥ 0"]),
        Case("negative bench ticks", ["bench", "--ticks", "-1"], status: 64, ["--ticks must be ≥ 1, got -1"]),
        Case("negative lhs with a list", ["sweep", "--vary", "guards.count=1,2", "--lhs", "-1"], ["--lhs must be ≥ 0", "got -1"]),
        Case("frame-scale 0", ["run", "--frame-scale", "0"], status: 64, ["--frame-scale"]),
        Case("unknown layer", ["run", "--layers", "terrain,clouds"], status: 64, ["clouds"]),
        Case("fps out of range", ["run", "--fps", "0", "--video", "@v.mp4"], status: 64, ["--fps"]),
        Case("vary without =", ["sweep", "--vary", "guards.count"], ["guards.count"]),
        Case("vary unknown key", ["sweep", "--vary", "guards.colour=1,2"], ["guards.colour"]),
        Case("vary empty list", ["sweep", "--vary", "guards.count="], ["guards.count"]),
        Case("vary value out of range", ["sweep", "--vary", "guards.count=1,-2"], ["guards.count"]),
        Case("negative lhs", ["sweep", "--vary", "sensors.density=0:1", "--lhs", "-1"], ["--lhs"]),
        Case("set without =", ["run", "--set", "guards.count"], ["guards.count"]),
        Case("set unknown key", ["run", "--set", "guards.colour=1"], ["guards.colour"]),
        Case("progress bogus", ["run", "--progress", "sometimes"], status: 64, ["--progress"]),
        Case("keep bogus", ["sweep", "--vary", "guards.count=1", "--keep", "everything"], status: 64, ["--keep"]),
        Case("shard 0/0", ["sweep", "--vary", "guards.count=1", "--shard", "0/0"], ["--shard"]),
        Case("merge on a non-sweep folder", ["merge", "@"], ["no summary.csv"]),
        Case("report missing dir", ["report", "/nonexistent/run"], ["/nonexistent/run"]),
        Case("plot missing dir", ["plot", "/nonexistent/run"], ["/nonexistent/run"]),
        Case("video missing dir", ["video", "/nonexistent/run"], ["/nonexistent/run"]),
        Case("params missing world", ["params", "/nonexistent/w.toml"], ["/nonexistent/w.toml"]),
        // Regression tests for the traps and hangs found by hostile testing.
        Case("lhs 2^63", ["sweep", "--vary", "sensors.density=0:1", "--lhs", "9223372036854775807"], ["10,000,000"]),
        Case("huge cartesian product", ["sweep", "--vary", "guards.count=0:10000:1", "--vary", "sensors.density=0:1:0.0001",
                                        "--vary", "crew.count=0:1000:1"], ["10,000,000 runs"]),
        Case("merge: negative run count", files: ["sweep.json": "{\"runs\": -1}\n", "summary.csv": "run\n"], ["merge", "@"],
             ["is not a sweep plan this version can read"]),
        Case("merge: zero runs", files: ["sweep.json": "{\"runs\": 0}\n", "summary.csv": "run\n"], ["merge", "@"],
             ["is not a sweep plan this version can read"]),
        Case("merge: 10^14 runs", files: ["sweep.json": "{\"runs\": 100000000000000}\n", "summary.csv": "run\n"], ["merge", "@"],
             ["is not a sweep plan this version can read"]),
        Case("100,000 unknown keys", world: (0..<100_000).map { "k\($0) = 1\n" }.joined(), ["validate"],
             ["w.toml:1", "more problems not listed"]),
        // Round three of hostile testing (../shared/hostile/r18_misc_unclear.sh): clear messages, right exit codes.
        Case("frames too large is bad input", ["run", "--set", "map.width=1024", "--set", "map.height=1024", "--set", "frames.scale=64",
                                              "--frame-every", "1", "--ticks", "0"], ["frames of this 1024×1024 map", "lower --frame-scale"]),
        Case("negative keep-checkpoints", ["run", "--ticks", "1", "--keep-checkpoints", "-1"], status: 64, ["'-1' is invalid for '--keep-checkpoints"]),
        Case("negative shard", ["sweep", "--vary", "guards.count=1,2", "--shard", "-1/2", "--dry-run"], ["--shard", "got -1"]),
        Case("an override makes the world inconsistent", ["run", "--set", "crew.count=100", "--ticks", "1"],
             ["crew.max: is 60, below crew.count = 100", "(after --set crew.count=100)"]),
        Case("arms file error names its line", files: ["arms.toml": arms2 + "\n\n[[arm]]\nname = \"b\"\nset = { \"guards.count\" = -5 }\n"],
             ["sweep", "--fork-at", "5", "--ticks", "10", "--arms", "@arms.toml", "--dry-run"], ["arms.toml:7: arm 2 (b)", "guards.count"]),
        Case("fork with an unknown outcome", files: ["arms.toml": arms2 + arms2.replacingOccurrences(of: "baseline", with: "b")],
             ["sweep", "--fork-at", "5", "--ticks", "10", "--replicates", "2", "--arms", "@arms.toml", "--outcome", "bogus"],
             ["--outcome bogus: not a summary.csv column"]),
        Case("fork of zero ticks", files: ["arms.toml": arms2 + arms2.replacingOccurrences(of: "baseline", with: "b")],
             ["sweep", "--fork-at", "0", "--ticks", "0", "--arms", "@arms.toml", "--dry-run"], ["a fork needs --ticks ≥ 1"]),
        Case("a 1 MB value is not echoed whole", files: ["d.csv": "guards.count\n" + String(repeating: "3", count: 1 << 20) + "\n"],
             ["sweep", "--design-file", "@d.csv", "--dry-run"], ["d.csv:2:1", "more characters)"]),
        Case("hex in a design file", files: ["d.csv": "guards.count\n0x10\n"], ["sweep", "--design-file", "@d.csv", "--dry-run"],
             ["d.csv:2:1", "0x10 is not allowed"]),
        Case("hex float in --set", ["validate", "worlds/default.toml", "--set", "reservoir.initial=0x1p10"], ["0x1p10 is not allowed"]),
        Case("nan in --set", ["run", "--set", "reservoir.initial=nan", "--ticks", "1"], ["nan is not allowed"]),
        Case("two byte-order marks", binary: ["w.toml": [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF] + Array("a = 1\n".utf8)], ["validate", "@w.toml"],
             ["w.toml:1", "TOML syntax", "U+FEFF"]),
        Case("a schedule pushing a count above its maximum", world: "[[schedule]]\ntick = 10\nset = { \"guards.count\" = 5, \"guards.max\" = 2 }\n",
             ["validate"], ["w.toml:1", "the entries at tick 10 leave the parameters inconsistent", "guards.max"]),
        Case("a list inside a plan list", files: ["p.toml": "[vary]\n\"guards.count\" = [\"1,2\", 3]\n"], ["sweep", "--plan", "@p.toml", "--dry-run"],
             ["p.toml:2", "each element of the list is one value"]),
        Case("a list as a plan string", files: ["p.toml": "[vary]\n\"guards.count\" = \"1,2\"\n"], ["sweep", "--plan", "@p.toml", "--dry-run"],
             ["p.toml:2", "TOML array"]),
        Case("control characters are not echoed raw", ["run", "--set", "guards.count=1\u{1B}[31m2", "--ticks", "1"], ["guards.count=1?[31m2"]),
    ]

    @Test(arguments: cases)
    func malformedInputGetsOneClearMessage(_ c: Case) throws {
        let dir = CLI.tempDir("malformed")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (name, bytes) in c.files { try Data(bytes).write(to: URL(fileURLWithPath: dir + "/" + name)) }
        var args = c.args.map { $0.hasPrefix("@") ? dir + "/" + $0.dropFirst() : $0 }
        if ["run", "sweep"].contains(args[0]) && !args.contains("--out") { args += ["--out", dir + "/out"] }
        let r = try CLI.run(args)
        #expect(r.status == c.status, "exit \(r.status): \(r.stderr)")
        for f in c.fragments { #expect(r.stderr.contains(f), "missing '\(f)' in: \(r.stderr)") }
        #expect(!r.stderr.contains("Program crashed") && !r.stderr.contains("Fatal error"))
        #expect(r.stderr.hasPrefix("error") || r.stderr.contains("\nerror") || r.stderr.hasPrefix("Error"), "\(r.stderr)")
    }

    @Test func theTableIsLargeEnough() {
        #expect(Self.cases.count + 33 >= 80)
    }
}
