import ArgumentParser
import NanoCityIO

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check world files: syntax, keys, values, map. Prints every problem; exits 2 if any."
    )

    @Argument(help: "World files to check.")
    var worlds: [String]

    @OptionGroup var overrides: OverrideOptions

    func validate() throws {
        if worlds.isEmpty { throw ValidationError("name at least one world file") }
    }

    func run() throws {
        var failed = 0
        for path in worlds {
            var problems: [WorldProblem] = []
            do throws(WorldError) {
                var world = try WorldFile.load(path: path)
                try world.applyOverrides(overrides.assignments)
                problems = world.validate()
            } catch {
                problems = error.problems
            }
            if problems.isEmpty {
                print("ok: \(path)")
            } else {
                failed += 1
                for p in problems { printError("error: \(p)") }
            }
        }
        if failed > 0 {
            printError("\(failed) of \(worlds.count) world file(s) have problems")
            throw ExitCodes.badInput
        }
    }
}
