import ArgumentParser
import Foundation
import NanoCityCapsule
import NanoCityIO

struct CapsuleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capsule",
        abstract: "Pack what reproduces a run, sweep or fork directory into one folder (or .tar.gz) that `nanocity verify` re-runs.",
        discussion: """
            The capsule holds the world file and every file it or the plan names (inputs/), the \
            directory's files (outputs/), the ODD description (odd.md), the program version and \
            source revision (capsule.json), SHA-256 checksums of every file (SHA256SUMS), a \
            README with the command that re-runs it, CITATION.cff and ro-crate-metadata.json. \
            Run it from the folder the run was started in (world paths are as the run recorded them).
            """
    )

    @Argument(help: "A run's, sweep's or fork's output directory.")
    var directory: String

    @Option(help: "The capsule: a new folder, or a file ending in .tar.gz.")
    var out: String

    @Flag(help: "Replace an existing capsule at --out.")
    var force = false

    func run() throws {
        do throws(CapsuleError) {
            let s = try CapsuleBuilder.build(directory: directory, out: out, force: force)
            print(s.path)
            printError("\(s.kind.rawValue): \(s.files) output files (\(s.bytes / 1024) KiB) with their inputs, ODD and checksums → \(s.path)")
        } catch {
            printError("error: \(error)")
            if case .io = error { throw ExitCodes.runFailed }
            throw ExitCodes.badInput
        }
    }
}

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a capsule's files against their checksums, re-run what it holds and compare the results byte for byte.",
        discussion: """
            A run is re-run whole; a sweep or fork row by row (all, or a seeded --sample). Exit 0 \
            when everything is identical, 1 when something differs (each difference is named), \
            2 when the capsule itself is malformed. Wall-clock facts (the manifest's times and \
            command line, timing.csv) and checkpoints (which record paths) are not compared.
            """
    )

    @Argument(help: "A capsule folder or .tar.gz.")
    var capsule: String

    @Option(help: "Sweeps and forks: re-run this share of the runs (e.g. 10%) or this many; default all.")
    var sample: String?

    @Option(parsing: .unconditional, help: "Seed of the sample's choice.")
    var seed: UInt64 = 1

    func run() throws {
        var chosen = CapsuleVerifier.Sample.all
        if let s = sample {
            if s.hasSuffix("%"), let p = Double(s.dropLast()), p > 0, p <= 100 { chosen = .share(p / 100) }
            else if let n = Int(s), n >= 1 { chosen = .count(n) }
            else { printError("error: --sample takes a share like 10% or a count like 20, got '\(s)'"); throw ExitCodes.badInput }
        }
        let work = NSTemporaryDirectory() + "nanocity-verify-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: work) }
        let report: CapsuleVerifier.Report
        do throws(CapsuleError) { report = try CapsuleVerifier.verify(capsule: capsule, sample: chosen, seed: seed, work: work) } catch {
            printError("error: \(error)")
            if case .io = error { throw ExitCodes.runFailed }
            throw ExitCodes.badInput
        }
        for c in report.checks { print((c.ok ? "ok    " : "DIFF  ") + c.what) }
        print(report.ok ? "verified: every compared result is byte-identical" : "NOT verified: see the DIFF lines")
        if !report.ok { throw ExitCode(1) }
    }
}
