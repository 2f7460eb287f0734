import Foundation
import NanoCityIO
import NanoCityModel

/// `capsule.json`: what a capsule holds and how to re-run it. Read back by `verify` with every
/// field checked (a capsule is untrusted input).
public struct CapsuleManifest: Sendable {
    public enum Kind: String, Sendable, CaseIterable { case run, sweep, fork }

    public static let format = 1
    public var kind: Kind
    public var version = NanoCityVersion.string
    public var modelVersion = City.modelVersion
    public var sourceRevision = NanoCityVersion.sourceRevision ?? "unknown"
    public var configuration = NanoCityVersion.configuration
    /// The world file, relative to the capsule (`inputs/…`).
    public var world: String
    /// `key=value` overrides the directory was made with.
    public var overrides: [String]
    public var inputs: [String] = []
    public var outputs = 0
    // A run's recipe.
    public var seed: String? = nil
    public var ticks: Int? = nil
    public var runFingerprint: String? = nil
    public var frameEvery = 0
    public var snapshotEvery = 0
    public var frameScale: Int? = nil
    public var layers: String? = nil
    public var hud = true
    public var events = true

    /// Files and folders a re-run does not reproduce byte for byte, with why (said in the README
    /// and by `verify`).
    public var excluded: [String] {
        ["manifest.json (start time, wall time, command line, paths)", "timing.csv (wall times)",
         "checkpoints/ (they record the world file's path)", "report.html and plots/ (made afterwards)", "videos"]
    }

    public init(kind: Kind, world: String, overrides: [String]) {
        self.kind = kind
        self.world = world
        self.overrides = overrides
    }

    func json() -> JSONValue {
        var f: [(String, JSONValue)] = [
            ("format", .int(Self.format)), ("kind", .string(kind.rawValue)), ("program", .string("nanocity")),
            ("version", .string(version)), ("model_version", .int(modelVersion)),
            ("build", .object([("configuration", .string(configuration)), ("source_revision", .string(sourceRevision))])),
            ("world", .string(world)), ("overrides", .array(overrides.map { .string($0) })),
            ("inputs", .array(inputs.map { .string($0) })), ("outputs", .int(outputs)),
            ("excluded_from_identity", .array(excluded.map { .string($0) })),
        ]
        if kind == .run {
            f += [("seed", .string(seed ?? "")), ("ticks", .int(ticks ?? 0)), ("run_fingerprint", .string(runFingerprint ?? "")),
                  ("frame_every", .int(frameEvery)), ("snapshot_every", .int(snapshotEvery)), ("hud", .bool(hud)), ("events", .bool(events))]
            if let frameScale { f.append(("frame_scale", .int(frameScale))) }
            if let layers { f.append(("layers", .string(layers))) }
        }
        return .object(f)
    }

    /// `capsule.json` as written by `json()`; every key optional so the checks below name it.
    private struct Stored: Decodable {
        struct Build: Decodable { let source_revision: String?; let configuration: String? }
        let format: Int?, kind: String?, world: String?, overrides: [String]?, inputs: [String]?, version: String?, model_version: Int?
        let build: Build?, seed: String?, ticks: Int?, run_fingerprint: String?, frame_every: Int?, snapshot_every: Int?
        let frame_scale: Int?, layers: String?, hud: Bool?, events: Bool?
    }

    /// Reads `capsule.json`; every field checked.
    static func read(_ path: String) throws(CapsuleError) -> CapsuleManifest {
        let o: Stored
        do throws(OutputError) { o = try JSONRecord.read(Stored.self, from: path) } catch { throw .input(error.description) }
        func fail(_ what: String) -> CapsuleError { .input("\(path): \(what)") }
        guard o.format == format else { throw fail("format \(o.format.map(String.init) ?? "none"); this nanocity reads format \(format)") }
        guard let k = o.kind.flatMap(Kind.init(rawValue:)) else { throw fail("kind must be run, sweep or fork") }
        guard let world = o.world, CapsuleBuilder.isContained(world), world.hasPrefix("inputs/") else {
            throw fail("world must be a path inside the capsule's inputs/")
        }
        let overrides = o.overrides ?? []
        guard overrides.count <= 10_000, overrides.allSatisfy({ $0.count <= 10_000 }) else { throw fail("too many or too long overrides") }
        var m = CapsuleManifest(kind: k, world: world, overrides: overrides)
        m.inputs = (o.inputs ?? []).prefix(10_000).filter { CapsuleBuilder.isContained($0) && $0.hasPrefix("inputs/") }
        m.version = o.version ?? "?"
        m.modelVersion = o.model_version ?? -1
        if let b = o.build {
            m.sourceRevision = b.source_revision ?? "unknown"
            m.configuration = b.configuration ?? "?"
        }
        if k == .run {
            guard let seed = o.seed, UInt64(seed) != nil, let ticks = o.ticks, (0...City.maxRestoredTick).contains(ticks),
                  let fp = o.run_fingerprint else { throw fail("a run's seed, ticks (0…10⁸) and run_fingerprint are required") }
            m.seed = seed; m.ticks = ticks; m.runFingerprint = fp
            m.frameEvery = max(0, o.frame_every ?? 0)
            m.snapshotEvery = max(0, o.snapshot_every ?? 0)
            m.frameScale = o.frame_scale
            m.layers = o.layers
            m.hud = o.hud ?? true
            m.events = o.events ?? true
        }
        return m
    }
}
