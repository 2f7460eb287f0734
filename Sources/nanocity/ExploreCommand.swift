import ArgumentParser
import Foundation
import NanoCityExplore
import NanoCityIO
import NanoCityModel

struct ExploreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explore",
        abstract: "A live city in the browser: play, pause and step it, move parameters, fork it and watch both branches.",
        discussion: """
            Starts a web server on this machine and prints the page's address, with its access token, \
            on one line of standard output. Open it in a browser (or pass --open). The session writes \
            metrics.csv and events.csv of city A into --out as `nanocity run` does, each fork's city B \
            into fork-TTTTTT/, and what the page saves (world files, checkpoints, frames) beside them. \
            Ctrl-C stops the server and closes the files.
            """
    )

    @Argument(help: "World file (TOML). Omit to use the embedded default world.")
    var world: String?

    @Option(parsing: .unconditional, help: "Port to listen on, 0…65535 (0 = a free one, printed).")
    var port = 8765

    @Option(help: "Address to listen on. The default answers only this machine; another address lets the network reach it (the token still guards it).")
    var host = "127.0.0.1"

    @Option(parsing: .unconditional, help: "PRNG seed, 0…2^63−1 (default: the world's run.seed).")
    var seed: Int?

    @Option(help: "Session directory (default: a new output/explore-NNN).")
    var out: String?

    @Flag(help: "Allow --out to name a non-empty directory; its run outputs are replaced.")
    var force = false

    @Option(parsing: .unconditional, help: "Most frames per second sent to the page, 1…120.")
    var fps = 60

    @Option(parsing: .unconditional, help: "Pixels per cell in the view, 1…64 (default: the world's frames.scale).")
    var frameScale: Int?

    @Flag(help: "Start playing at once (default: paused at tick 0).")
    var play = false

    @Flag(help: "Open the page in the default browser (xdg-open).")
    var open = false

    @OptionGroup var overrides: OverrideOptions
    @OptionGroup var threads: ThreadsOption

    func validate() throws {
        if !(0...65535).contains(port) { throw ValidationError("--port must be 0…65535 (0 = a free port), got \(port)") }
        if let seed, seed < 0 { throw ValidationError("--seed must be 0…2^63−1, got \(seed)") }
        if !(1...120).contains(fps) { throw ValidationError("--fps must be 1…120, got \(fps)") }
        if let frameScale, !(1...64).contains(frameScale) { throw ValidationError("--frame-scale must be 1…64 pixels per cell, got \(frameScale)") }
        if host.isEmpty || host.utf8.count > 255 { throw ValidationError("--host must be an address such as 127.0.0.1") }
    }

    func run() throws {
        let world = try loadWorld(path: self.world, overrides: overrides.assignments)
        let map = try buildMap(world, threads: threads.resolved)
        let directory: String
        do throws(OutputError) {
            if let out {
                try OutputDirectory.prepare(out, force: force)
                directory = out
            } else {
                directory = try OutputDirectory.fresh(root: "output", name: "explore")
            }
        } catch {
            printError("error: \(error)")
            throw ExitCodes.badInput
        }
        let session: LiveSession, view: LiveView
        do {
            session = try LiveSession(world: world, map: map, seed: UInt64(seed ?? world.parameters.run.seed), directory: directory,
                                      threads: threads.resolved)
            view = try LiveView(session: session, scale: frameScale)
        } catch {
            printError("error: \(error)")
            throw ExitCodes.badInput
        }
        let driver = SessionDriver(session: session, view: view, hub: ClientHub(), fps: Double(fps), playing: play)
        let server = ExploreServer(host: host, port: port, token: AccessToken(), driver: driver)
        driver.start()
        let done = DispatchSemaphore(value: 0)
        let failure = LockedBox<String?>(nil)
        let open = self.open
        Task {
            do {
                try await server.run { bound in
                    let url = server.url(port: bound)
                    print(url)
                    fflush(nil)
                    printError("nanocity explore: \(world.parameters.name) (\(map.size.width)×\(map.size.height)) at \(url) — session files in \(directory); Ctrl-C stops")
                    if open { _ = try? Process.run(URL(fileURLWithPath: "/usr/bin/env"), arguments: ["xdg-open", url]) }
                }
            } catch {
                failure.set("\(error)")
            }
            done.signal()
        }
        done.wait()
        let problem = driver.stop()
        if let f = failure.get() {
            printError("error: the server stopped: \(f) (is port \(port) in use? --port 0 picks a free one)")
            throw ExitCodes.runFailed
        }
        if let problem {
            printError("error: \(problem)")
            throw ExitCodes.runFailed
        }
    }
}

/// A value shared between the server's task and the command's thread.
final class LockedBox<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: T
    init(_ value: T) { self.value = value }
    func set(_ v: T) { lock.withLock { value = v } }
    func get() -> T { lock.withLock { value } }
}
