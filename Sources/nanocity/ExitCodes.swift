import ArgumentParser
import Foundation
import NanoCityIO

/// Exit codes documented in the README and `nanocity --help`.
enum ExitCodes {
    static let badInput = ExitCode(2)
    static let runFailed = ExitCode(3)
    static let interrupted = ExitCode(130)
}

/// Prints to standard error (standard output carries results only).
func printError(_ message: String) {
    fflush(nil)  // what stdout printed before stays before it on a terminal
    FileHandle.standardError.write((message + "\n").data(using: .utf8)!)
}

/// Loads a world (or the embedded default), applies overrides and checks it, printing every
/// problem and exiting with the bad-input code when there is any.
func loadWorld(path: String?, overrides: [String]) throws -> World {
    // `--set guards.count 12` hands "12" to WORLD: say what was meant before "12: no such file".
    for a in overrides where !a.contains("=") {
        printError("error: --set \(a): give key=value with no space, e.g. --set \(a)=\(path ?? "VALUE")"
            + (path.map { " (\"\($0)\" was read as the world file)" } ?? ""))
        throw ExitCodes.badInput
    }
    do throws(WorldError) {
        var world: World
        if let path { world = try WorldFile.load(path: path) } else { world = try WorldFile.embeddedDefault() }
        try world.applyOverrides(overrides)
        let problems = world.consistencyProblems()
        if !problems.isEmpty { throw WorldError(problems) }
        return world
    } catch {
        for p in error.problems { printError("error: \(p)") }
        throw ExitCodes.badInput
    }
}
