import ArgumentParser
import Foundation
import NanoCityIO
import NanoCityModel
import NanoCityAnalysis
import NanoCityExperiments

/// Exit codes documented in the README and `nanocity --help`.
enum ExitCodes {
    static let badInput = ExitCode(2)
    static let runFailed = ExitCode(3)
    static let interrupted = ExitCode(130)
}

/// Prints to standard error (standard output carries results only).
func printError(_ message: String) {
    fflush(nil)  // what stdout printed before stays before it on a terminal
    FileHandle.standardError.write((readable(message) + "\n").data(using: .utf8)!)
}

/// A message as a terminal should show it: control characters (from a hostile file or value
/// echoed back) as `?`, and no line longer than 2,000 characters (a 1 MB value is not repeated).
func readable(_ message: String) -> String {
    message.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
        var s = String(line.unicodeScalars.map { ($0.value < 32 && $0 != "\t") || $0.value == 127 || (0x80...0x9F).contains($0.value) ? "?" : Character($0) })
        if s.count > 2000 { s = String(s.prefix(2000)) + "… (\(s.count - 2000) more characters)" }
        return s
    }.joined(separator: "\n")
}

/// Builds `world`'s map on `threads` cores, printing every problem and exiting with the
/// bad-input code when there is any.
func buildMap(_ world: World, threads: Int = 1) throws -> CityMap {
    do throws(WorldError) { return try world.buildMap(threads: threads) } catch {
        for p in error.problems { printError("error: \(p)") }
        throw ExitCodes.badInput
    }
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

/// Takes the one-writer lock of an output directory for a command that writes into it
/// (report, plot, compare, merge, video), or exits 2 naming the holder.
func lockOutput(_ directory: String, what: String) throws -> OutputLock {
    do throws(OutputError) { return try OutputLock(directory: directory, what: what) } catch {
        printError("error: \(error)")
        throw error.refused ? ExitCodes.badInput : ExitCodes.runFailed
    }
}

extension SweepError {
    /// 3 when an output could not be written, 2 for everything the user must change.
    var exitCode: ExitCode { if case .io = self { return ExitCodes.runFailed } else { return ExitCodes.badInput } }
}
