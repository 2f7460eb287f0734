import Foundation
import NanoCityEngine
import NanoCityIO
import NanoCityModel
import NanoCityAnalysis
import NanoCityExperiments

/// `nanocity capsule DIR --out CAPSULE`: packs what reproduces a run, sweep or fork directory
/// into one folder (or `.tar.gz`):
///
/// ```
/// CAPSULE/README.md                 the one command that re-runs and checks it
/// CAPSULE/capsule.json              what was packed: kind, program, model version, source revision, the re-run recipe
/// CAPSULE/inputs/…                  the world file and every file it or the plan names (maps, arms, design)
/// CAPSULE/outputs/…                 the directory's files as they were
/// CAPSULE/odd.md                    the ODD description of the world (`nanocity describe`)
/// CAPSULE/CITATION.cff, ro-crate-metadata.json   for Zenodo and workflow registries
/// CAPSULE/SHA256SUMS                every file above (sha256sum's format)
/// ```
///
/// The inputs are checked to be the ones the directory was made from (a run's fingerprint, a
/// sweep's world-file fingerprint) before anything is written.
public enum CapsuleBuilder {
    /// Files and folders of a directory that are not part of a capsule's outputs.
    static let skipped: Set<String> = [OutputLock.fileName]

    public struct Summary: Sendable {
        public let path: String
        public let kind: CapsuleManifest.Kind
        public let files: Int
        public let bytes: Int
    }

    /// A relative path that stays inside the folder it is relative to.
    static func isContained(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && path.count <= 4096
            && !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0.isEmpty || $0 == ".." || $0 == "." }
            && !path.unicodeScalars.contains { $0.value < 32 || $0.value == 127 }
    }

    public static func build(directory dir: String, out: String, force: Bool) throws(CapsuleError) -> Summary {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw .input("\(dir) is not a directory; give a run's or a sweep's output directory")
        }
        let tarball = out.hasSuffix(".tar.gz")
        let folder = tarball ? String(out.dropLast(7)) : out
        for target in tarball ? [out, folder] : [folder] {
            var st = stat()
            if lstat(target, &st) == 0 {
                guard force else { throw .input("\(target) exists; NanoCity does not replace it without --force") }
                if (st.st_mode & S_IFMT) == S_IFDIR { try? fm.removeItem(atPath: target) } else { unlink(target) }
            }
        }

        // What the directory is, and the recipe that re-runs it.
        var manifest: CapsuleManifest
        var world: World
        var extraInputs: [(source: String, name: String)] = []
        if fm.fileExists(atPath: dir + "/sweep.json") {
            let plan: SweepRecord
            do throws(SweepError) { plan = try SweepRecord.read(dir + "/sweep.json") } catch { throw .input(error.description) }
            let origin = plan.world ?? WorldFile.embeddedOrigin
            world = try loadWorld(origin)
            if let recorded = plan.worldFileFingerprint, recorded != world.fileFingerprint {
                throw .input("\(origin) has changed since the sweep ran (its fingerprint differs from sweep.json's): the capsule would not reproduce it")
            }
            let overrides = plan.overrides.keys.sorted().map { "\($0)=\(plan.overrides[$0]!.text)" }
            for (file, name) in [(plan.armsFile, "arms"), (plan.designFile, "design")] {
                if let p = file {
                    guard fm.fileExists(atPath: p) else { throw .input("\(p) (the sweep's \(name) file) is missing; run capsule from the folder the sweep was started in") }
                    extraInputs.append((p, name + "." + (URL(fileURLWithPath: p).pathExtension.isEmpty ? "txt" : URL(fileURLWithPath: p).pathExtension)))
                }
            }
            manifest = CapsuleManifest(kind: plan.sampling == .fork ? .fork : .sweep, world: "", overrides: overrides)
        } else if fm.fileExists(atPath: dir + "/" + OutputNames.manifest) {
            let m: ManifestRecord
            do throws(OutputError) { m = try ManifestRecord.read(dir + "/" + OutputNames.manifest) } catch { throw .input(error.description) }
            guard m.fromCheckpoint == nil else {
                throw .input("\(dir) continues a checkpoint of another run (--from): pack the run that wrote that checkpoint instead")
            }
            guard m.runStatus == .complete else {
                throw .input("\(dir)'s run is not complete (status \(m.status ?? "?")); finish it (--resume) before packing it")
            }
            let origin = m.world ?? WorldFile.embeddedOrigin
            world = try loadWorld(origin)
            let overrides = (m.overrides ?? [:]).map { "\($0.key)=\($0.value.text)" }.sorted()
            do throws(WorldError) { try world.applyOverrides(overrides) } catch { throw .input("\(dir)/manifest.json: its overrides: \(error)") }
            let map: CityMap
            do throws(WorldError) { map = try world.buildMap() } catch { throw .input("\(origin): \(error)") }
            guard let seedText = m.seed, let seed = UInt64(seedText), let ticks = m.ticks, let fingerprint = m.runFingerprint else {
                throw .input("\(dir)/manifest.json has no seed, ticks or run fingerprint (written by an older nanocity?)")
            }
            guard String(RunFingerprint.of(world: world, map: map, seed: seed), radix: 16) == fingerprint else {
                throw .input("\(origin) (or its map) is not the world this run was made from (the run fingerprint differs): "
                    + "restore it, or run capsule from the folder the run was started in")
            }
            let command = m.commandLine ?? []
            func flag(_ name: String) -> String? { command.firstIndex(of: name).flatMap { $0 + 1 < command.count ? command[$0 + 1] : nil } }
            manifest = CapsuleManifest(kind: .run, world: "", overrides: overrides)
            manifest.seed = seedText
            manifest.ticks = ticks
            manifest.runFingerprint = fingerprint
            manifest.frameEvery = m.frameEvery ?? 0
            manifest.snapshotEvery = m.snapshotEvery ?? 0
            manifest.frameScale = flag("--frame-scale").flatMap(Int.init)
            manifest.layers = flag("--layers")
            manifest.hud = !command.contains("--no-hud")
            manifest.events = !command.contains("--no-events")
        } else {
            throw .input("\(dir) holds neither a run (manifest.json) nor a sweep (sweep.json)")
        }

        // Inputs: the world file (the embedded default written out) and the files it names.
        do { try fm.createDirectory(atPath: folder + "/inputs", withIntermediateDirectories: true) } catch {
            throw .io(path: folder, message: FileProblem.describe(error))
        }
        var inputs: [String] = []
        let worldName: String
        if world.origin == WorldFile.embeddedOrigin {
            worldName = "default.toml"
            try write(Array(WorldFile.embeddedDefaultText.utf8), folder + "/inputs/" + worldName)
        } else {
            worldName = URL(fileURLWithPath: world.origin).lastPathComponent
            try copy(world.origin, folder + "/inputs/" + worldName)
        }
        inputs.append("inputs/" + worldName)
        let m = world.parameters.map
        // The map's file, then each zone mask once.
        var named = [m.kind == .ascii && m.ascii.isEmpty ? m.file : "", m.kind == .image ? m.image : ""]
        for z in world.parameters.zones { if case .mask(let f) = z.shape, !named.contains(f) { named.append(f) } }
        for file in named where !file.isEmpty {
            guard isContained(file) else {
                throw .input("\(world.origin): map or zone mask file '\(file)' is not beside or below the world file; a capsule keeps the world "
                    + "file's own relative paths, so move it beside the world file (or below) first")
            }
            let target = folder + "/inputs/" + file
            do { try fm.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true) } catch {
                throw .io(path: target, message: FileProblem.describe(error))
            }
            try copy(world.resolve(file), target)
            inputs.append("inputs/" + file)
        }
        for (source, name) in extraInputs {
            try copy(source, folder + "/inputs/" + name)
            inputs.append("inputs/" + name)
        }
        manifest.world = "inputs/" + worldName
        manifest.inputs = inputs

        // Outputs: every regular file of the directory as it is (links are not followed).
        var outputs = 0, bytes = 0
        for (rel, size) in FileTree.regularFiles(under: dir) {
            let name = (rel as NSString).lastPathComponent
            guard !skipped.contains(name), !name.hasSuffix(".tmp") else { continue }
            let target = folder + "/outputs/" + rel
            do { try fm.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true) } catch {
                throw .io(path: target, message: FileProblem.describe(error))
            }
            try copy(dir + "/" + rel, target)
            outputs += 1
            bytes += size
        }

        let map: CityMap
        do throws(WorldError) { map = try world.buildMap() } catch { throw .input("\(world.origin): \(error)") }
        try write(Array(ODDDocument.markdown(world: world, map: map).utf8), folder + "/odd.md")
        manifest.outputs = outputs
        try write(Array(manifest.json().rendered().utf8) + [0x0A], folder + "/capsule.json")
        try write(Array(readme(manifest, name: folder.split(separator: "/").last.map(String.init) ?? folder).utf8), folder + "/README.md")
        try write(Array(citation(manifest, world: world).utf8), folder + "/CITATION.cff")
        let sums = try Checksums.write(folder: folder)
        try write(Array(ROCrate.metadata(manifest, files: sums.map(\.path), name: world.parameters.name).rendered().utf8) + [0x0A],
                  folder + "/ro-crate-metadata.json")
        if tarball {
            // By hand: Foundation's path getters trap on some one-letter relative paths ("c").
            let slash = folder.lastIndex(of: "/")
            let parent = slash.map { $0 == folder.startIndex ? "/" : String(folder[..<$0]) } ?? ""
            let leaf = slash.map { String(folder[folder.index(after: $0)...]) } ?? folder
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["tar", "-czf", out, "-C", parent.isEmpty ? "." : parent, leaf]
            do { try p.run() } catch { throw .io(path: out, message: "cannot run tar: \(error)") }
            p.waitUntilExit()
            guard p.terminationStatus == 0 else { throw .io(path: out, message: "tar failed (exit \(p.terminationStatus))") }
            try? fm.removeItem(atPath: folder)
        }
        return Summary(path: out, kind: manifest.kind, files: outputs, bytes: bytes)
    }

    static func loadWorld(_ origin: String) throws(CapsuleError) -> World {
        if origin == WorldFile.embeddedOrigin {
            do throws(WorldError) { return try WorldFile.embeddedDefault() } catch { throw .input("\(error)") }
        }
        guard FileManager.default.fileExists(atPath: origin) else {
            throw .input("\(origin), the world file the directory records, is not here; run capsule from the folder the run was started in")
        }
        do throws(WorldError) { return try WorldFile.load(path: origin) } catch { throw .input("\(error)") }
    }

    /// A JSON value as `--set` writes it.
    static func write(_ bytes: [UInt8], _ path: String) throws(CapsuleError) {
        do throws(OutputError) { try BufferedFile.writeAtomically(bytes, to: path) } catch { throw .io(path: path, message: error.message) }
    }

    /// Copies `source` through a buffer (a sweep's summary or a long run's metrics may be
    /// gigabytes), atomically; a source that cannot be read is an input error naming it.
    static func copy(_ source: String, _ target: String) throws(CapsuleError) {
        var readProblem: String?
        do throws(OutputError) {
            try BufferedFile.writeAtomically(to: target) { out throws(OutputError) in
                var failure: OutputError?
                do {
                    try LineReader.forEachChunk(source) { chunk in
                        do throws(OutputError) { try out.write(bytes: Array(chunk)) } catch { failure = error; return false }
                        return true
                    }
                } catch {
                    // Only the reading throws here: `out`'s failures are kept in `failure`.
                    readProblem = "\(error)"
                    throw OutputError(path: source, message: "\(error)")
                }
                if let failure { throw failure }
            }
        } catch {
            if let readProblem { throw .input("\(source) \(readProblem)") }
            throw .io(path: target, message: error.message)
        }
    }

    static func readme(_ m: CapsuleManifest, name: String) -> String {
        """
        # A NanoCity reproducibility capsule

        This folder reproduces a NanoCity \(m.kind.rawValue) made with nanocity \(m.version) (model version \(m.modelVersion),
        source revision \(m.sourceRevision)). To re-run it and check every result byte for byte:

            nanocity verify \(name)

        (`--sample 10%` re-runs a seeded tenth of a sweep's runs.) `inputs/` holds the world file and
        every file it names; `outputs/` the results as they were; `odd.md` the model's ODD
        description; `SHA256SUMS` a checksum of every file (`sha256sum -c SHA256SUMS` checks them
        without NanoCity). Not compared on a re-run, because they record the wall clock or where
        the run was made: \(m.excluded.joined(separator: ", ")).

        """
    }

    static func citation(_ m: CapsuleManifest, world: World) -> String {
        """
        cff-version: 1.2.0
        message: "Results made with NanoCity; cite the program version, the world file and the seed."
        title: "NanoCity \(m.kind.rawValue) of \(world.parameters.name): reproducibility capsule"
        type: dataset
        authors:
          - name: "The NanoCity authors"
        version: "\(m.version)"
        license: MIT
        references:
          - type: software
            title: "NanoCity"
            version: "\(m.version)"
            authors:
              - name: "The NanoCity authors"

        """
    }
}
