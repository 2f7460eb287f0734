import Foundation
import NanoCityEngine
import NanoCityIO
import NanoCityModel
import NanoCityAnalysis
import NanoCityExperiments

/// `nanocity verify CAPSULE [--sample P]`: checks a capsule's files against `SHA256SUMS`, then
/// re-runs what it holds and compares the results byte for byte — a run whole (metrics,
/// events, frames, snapshots), a sweep or fork row by row (all, or a seeded sample of runs or
/// replicates), and the files derived from the summary (points.csv). Wall-clock facts are not
/// compared (`CapsuleManifest.excluded`).
public enum CapsuleVerifier {
    public struct Check: Sendable {
        public let ok: Bool
        public let what: String
    }

    public struct Report: Sendable {
        public var checks: [Check] = []
        public var ok: Bool { checks.allSatisfy(\.ok) }
        mutating func add(_ ok: Bool, _ what: String) { checks.append(Check(ok: ok, what: what)) }
    }

    /// How much of a sweep or fork to re-run.
    public enum Sample: Sendable, Equatable {
        case all
        /// A share in (0, 1] of the runs (sweep) or replicates (fork), at least one.
        case share(Double)
        /// This many runs or replicates.
        case count(Int)
    }

    public static func verify(capsule: String, sample: Sample, seed: UInt64 = 1, work: String) throws(CapsuleError) -> Report {
        var report = Report()
        let folder = try unpacked(capsule, work: work)
        let m = try CapsuleManifest.read(folder + "/capsule.json")
        // 1. Every file against its checksum.
        let sums = try Checksums.read(folder: folder)
        guard sums.contains(where: { $0.path == "capsule.json" }) else { throw .input("\(folder)/SHA256SUMS does not list capsule.json") }
        var bad = 0
        for (path, hex) in sums {
            var st = stat()
            guard lstat(folder + "/" + path, &st) == 0, st.st_mode & S_IFMT == S_IFREG else {
                report.add(false, "\(path): listed in SHA256SUMS but missing (or not a regular file)")
                bad += 1
                continue
            }
            if try Checksums.digest(folder + "/" + path) != hex {
                report.add(false, "\(path): its bytes differ from its SHA-256 in SHA256SUMS (changed since the capsule was made)")
                bad += 1
            }
        }
        report.add(bad == 0, "\(sums.count - bad) of \(sums.count) files match SHA256SUMS")
        guard bad == 0 else { return report }

        // 2. The world as the capsule keeps it.
        var world: World
        do throws(WorldError) {
            world = try WorldFile.load(path: folder + "/" + m.world)
            try world.applyOverrides(m.overrides)
        } catch { throw .input("\(m.world): \(error)") }
        let outputs = folder + "/outputs"
        switch m.kind {
        case .run: try verifyRun(m, world: world, outputs: outputs, work: work, into: &report)
        case .sweep, .fork: try verifySweep(m, world: world, outputs: outputs, folder: folder, sample: sample, seed: seed, into: &report)
        }
        report.add(true, "not compared (wall clock or paths): " + m.excluded.joined(separator: "; "))
        if m.version != NanoCityVersion.string || m.modelVersion != City.modelVersion {
            report.add(true, "note: made with nanocity \(m.version) (model version \(m.modelVersion)), verified with \(NanoCityVersion.string) "
                + "(model version \(City.modelVersion)); another model version gives other results by design")
        }
        return report
    }

    /// A folder capsule as it is; a `.tar.gz` extracted into `work` first.
    static func unpacked(_ capsule: String, work: String) throws(CapsuleError) -> String {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: capsule, isDirectory: &isDir) else { throw .input("\(capsule) does not exist") }
        if isDir.boolValue { return capsule }
        guard capsule.hasSuffix(".tar.gz") else { throw .input("\(capsule) is neither a capsule folder nor a .tar.gz") }
        let target = work + "/unpacked"
        do { try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true) } catch {
            throw .io(path: target, message: FileProblem.describe(error))
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // Members are extracted below `target` only (GNU tar strips leading `/` and `..`).
        p.arguments = ["tar", "-xzf", capsule, "-C", target, "--no-same-owner", "--no-same-permissions"]
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { throw .io(path: capsule, message: "cannot run tar: \(error)") }
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw .input("\(capsule) is not a readable .tar.gz (tar exit \(p.terminationStatus))") }
        let items = (try? FileManager.default.contentsOfDirectory(atPath: target)) ?? []
        guard items.count == 1 else { throw .input("\(capsule) must hold one capsule folder; it holds \(items.count) entries") }
        return target + "/" + items[0]
    }

    /// A file the re-run is not expected to reproduce byte for byte.
    static func isExcluded(_ rel: String) -> Bool {
        let name = (rel as NSString).lastPathComponent
        return ["manifest.json", "timing.csv", "report.html", OutputLock.fileName].contains(name) || rel.hasPrefix("checkpoints/")
            || rel.hasPrefix("plots/") || ["mp4", "mkv", "mov"].contains((rel as NSString).pathExtension)
    }


    static func verifyRun(_ m: CapsuleManifest, world: World, outputs: String, work: String, into report: inout Report) throws(CapsuleError) {
        let map: CityMap
        do throws(WorldError) { map = try world.buildMap() } catch { throw .input("\(m.world): \(error)") }
        guard let seed = m.seed.flatMap(UInt64.init), let ticks = m.ticks else { throw .input("capsule.json: no seed or ticks") }
        let fingerprint = String(RunFingerprint.of(world: world, map: map, seed: seed), radix: 16)
        report.add(fingerprint == m.runFingerprint, "the inputs make the recorded run (run fingerprint \(fingerprint))")
        var options = RunOptions(ticks: ticks, seed: seed)
        options.outDirectory = work + "/rerun"
        options.force = true
        options.progress = false
        options.frameEvery = m.frameEvery
        options.snapshotEvery = m.snapshotEvery
        options.frameScale = m.frameScale
        if let layers = m.layers {
            do throws(FrameLayersError) { options.frameLayers = try FrameLayers.parse(layers) } catch { throw .input("capsule.json: layers: \(error)") }
        }
        options.frameStrip = m.hud
        options.writeEvents = m.events
        options.commandLine = ["nanocity", "verify"]
        let result: RunResult
        do throws(OutputError) { result = try SimulationRun.execute(world: world, map: map, options: options, shouldStop: { false }) } catch {
            throw .io(path: error.path, message: error.message)
        }
        report.add(result.status == .complete, "re-run \(result.status.description) after \(result.ticksCompleted) ticks")
        for rel in FileTree.regularFiles(under: outputs).map(\.path) where !isExcluded(rel) {
            let mine = outputs + "/" + rel, again = work + "/rerun/" + rel
            guard FileManager.default.fileExists(atPath: again) else {
                report.add(true, "outputs/\(rel): not made by the re-run (written afterwards); not compared")
                continue
            }
            report.add(same(mine, again), "outputs/\(rel): " + (same(mine, again) ? "identical" : difference(mine, again)))
        }
    }

    static func same(_ a: String, _ b: String) -> Bool {
        (try? Checksums.digest(a)) == (try? Checksums.digest(b))
    }

    /// Where two CSVs first differ, and whether only floating-point cells do.
    static func difference(_ a: String, _ b: String) -> String {
        guard a.hasSuffix(".csv"), let x = BoundedRead.data(a, limit: 1 << 30), let y = BoundedRead.data(b, limit: 1 << 30) else {
            return "differs from the re-run"
        }
        let la = String(decoding: x, as: UTF8.self).split(separator: "\n"), lb = String(decoding: y, as: UTF8.self).split(separator: "\n")
        var first: Int? = nil, onlyFloats = true
        for i in 0..<max(la.count, lb.count) {
            let ra = i < la.count ? la[i].split(separator: ",", omittingEmptySubsequences: false) : []
            let rb = i < lb.count ? lb[i].split(separator: ",", omittingEmptySubsequences: false) : []
            guard ra != rb else { continue }
            if first == nil { first = i + 1 }
            if ra.count != rb.count { onlyFloats = false; continue }
            for (p, q) in zip(ra, rb) where p != q {
                if !(p.contains(".") || p.contains("e")) || Double(p) == nil || Double(q) == nil { onlyFloats = false }
            }
        }
        return "differs from the re-run from line \(first ?? 0)" + (onlyFloats
            ? " — only floating-point values differ: a different platform C maths library (libm) is the likely cause" : "")
    }

    static func verifySweep(_ m: CapsuleManifest, world base: World, outputs: String, folder: String, sample: Sample, seed: UInt64,
                            into report: inout Report) throws(CapsuleError) {
        let results: SweepResults
        do throws(SweepError) { results = try SweepResults(directory: outputs) } catch { throw .input("outputs: \(error)") }
        // The summary as written: each complete row's cells.
        var rows: [Int: [String]] = [:]
        do {
            try LineReader.forEachLine(outputs + "/summary.csv") { line, n in
                let f = SummaryCSV.split(String(line))
                if n > 1, f.last.flatMap(RunStatus.init(parsing:)) == .complete, let run = Int(f[0]) { rows[run] = f }
                return true
            }
        } catch { throw .input("outputs/summary.csv: \(error)") }
        let plan = results.record
        let ticks = plan.ticks
        guard (0...City.maxRestoredTick).contains(ticks) else { throw .input("outputs/sweep.json: ticks \(ticks) is more than a run holds") }
        let firstOutcome = 3 + results.variedKeys.count  // run, replicate, seed, the varied keys (a fork's: arm)
        func pick(_ n: Int) -> [Int] {
            let k: Int
            switch sample {
            case .all: k = n
            case .share(let s): k = max(1, min(n, Int((s * Double(n)).rounded(.up))))
            case .count(let c): k = max(1, min(n, c))
            }
            var idx = Array(0..<n)
            var rng = Xoshiro256StarStar(seed: seed)
            rng.shuffle(&idx)
            return Array(idx.prefix(k)).sorted()
        }
        var checked = 0, differing: [Int] = []
        if m.kind == .fork {
            guard let forkAt = plan.forkAt else { throw .input("outputs/sweep.json: not a fork plan") }
            let reps = plan.replicates, baseSeed = plan.baseSeed
            guard let armsInput = m.inputs.first(where: { $0.hasPrefix("inputs/arms.") }) else { throw .input("capsule.json lists no arms file") }
            var fork: ForkPlan
            do throws(SweepError) {
                fork = try ForkPlan(world: base, worldPath: nil, arms: try ArmsFile(path: folder + "/" + armsInput), forkAt: forkAt, ticks: ticks,
                                    replicates: reps, baseSeed: baseSeed, window: results.window)
            } catch { throw .input("\(armsInput): \(error)") }
            do throws(SweepError) {
                fork.patterns = try PatternOutcomes.decode(plan.patterns)
                fork.reducers = try OutcomeReducer.parse(plan.reducers ?? [], columns: OutcomeColumns(world: base.parameters), ticks: ticks)
                if let keys = plan.posteriorKeys, let draws = plan.posteriorDraws {
                    try fork.use(try PosteriorDraws(recordedKeys: keys, draws: draws, path: "outputs/sweep.json"))
                }
            } catch { throw .input("outputs/\(error)") }
            for r in pick(reps) {
                let cells = ForkRunner.cells(replicate: r, plan: fork)
                for (a, c) in cells.enumerated() {
                    guard let row = rows[a * reps + r] else { continue }
                    checked += 1
                    if Array(row[firstOutcome..<(row.count - 1)]) != c { differing.append(a * reps + r) }
                }
            }
        } else {
            var maps: [[String]: CityMap] = [:]
            let runs = rows.keys.sorted()
            let patterns: PatternOutcomes?
            do throws(SweepError) { patterns = try PatternOutcomes.decode(plan.patterns) } catch { throw .input("outputs/\(error)") }
            let reducers: [OutcomeReducer]
            do throws(SweepError) {
                reducers = try OutcomeReducer.parse(plan.reducers ?? [], columns: OutcomeColumns(world: base.parameters), ticks: ticks)
            } catch { throw .input("outputs/sweep.json reducers: \(error)") }
            var stopWhen: StopRule?
            if let text = plan.stopWhen {
                do throws(StopRule.ParseError) { stopWhen = try StopRule(text, columns: OutcomeColumns(world: base.parameters)) } catch {
                    throw .input("outputs/sweep.json stop_when: \(error)")
                }
            }
            for i in pick(runs.count) {
                let row = rows[runs[i]]!
                guard let runSeed = UInt64(row[2]) else { continue }
                var w = base
                let assignments = zip(results.variedKeys, row[3..<firstOutcome]).map { "\($0)=\($1)" }
                do throws(WorldError) { try w.applyOverrides(assignments) } catch { throw .input("summary.csv run \(row[0]): \(error)") }
                let mapKey = results.variedKeys.enumerated().filter { $0.element.hasPrefix("map.") }.map { row[3 + $0.offset] }
                let map: CityMap
                if let cached = maps[mapKey] { map = cached } else {
                    do throws(WorldError) { map = try w.buildMap() } catch { throw .input("summary.csv run \(row[0]): \(error)") }
                    if maps.count < 64 { maps[mapKey] = map }
                }
                checked += 1
                if Array(row[firstOutcome..<(row.count - 1)]) != RunOutcome.cells(world: w, map: map, seed: runSeed, ticks: ticks, patterns: patterns, reducers: reducers, stopWhen: stopWhen) {
                    differing.append(runs[i])
                }
            }
        }
        let unit = m.kind == .fork ? "arm rows of the re-run replicates" : "runs"
        report.add(differing.isEmpty && checked > 0, "summary.csv: \(checked - differing.count) of \(checked) \(unit) identical to the re-run"
            + (differing.isEmpty ? "" : "; differing runs: \(differing.prefix(10).map(String.init).joined(separator: ", "))"))
        // Files derived from the summary.
        if FileManager.default.fileExists(atPath: outputs + "/" + PointStatistics.fileName) {
            let again = Array(PointStatistics.csv(results).utf8)
            let mine = BoundedRead.data(outputs + "/" + PointStatistics.fileName, limit: 1 << 30).map { [UInt8]($0) }
            report.add(mine == again, "outputs/points.csv: " + (mine == again ? "identical to the statistics of summary.csv" : "differs from the statistics of summary.csv"))
        }
    }
}
