import Foundation
import NanoCityModel

/// The program version written into manifests and printed by `nanocity --version`.

/// Builds `manifest.json`: everything needed to reproduce a run.
public enum Manifest {
    /// Every parameter after overrides, in catalog order, then the frame settings, with their
    /// final values.
    public static func parameters(_ world: World) -> JSONValue {
        .object(ParameterCatalog.all(for: world.parameters).map { spec in (spec.key, json(spec.value(in: world.parameters))) }
            + FrameSettings.catalog.map { spec in (spec.key, json(spec.value(in: world.frames))) })
    }

    public static func json(_ v: ParameterValue) -> JSONValue {
        switch v {
        case .int(let i): return .int(i)
        case .double(let d): return .number(d)
        case .bool(let b): return .bool(b)
        case .string(let s): return .string(s)
        }
    }

    /// The zones as laid (`zones`: name, shape, buffer, colour, cells; none without zones, so
    /// a world without zones keeps its manifest).
    static func zones(_ p: WorldParameters, _ map: CityMap) -> [(String, JSONValue)] {
        guard !p.zones.isEmpty else { return [] }
        return [("zones", .array(p.zones.enumerated().map { z, d in
            let shape: (String, JSONValue)
            switch d.shape {
            case .rect(let x0, let y0, let x1, let y1): shape = ("rect", .array([.int(x0), .int(y0), .int(x1), .int(y1)]))
            case .disk(let x, let y, let r): shape = ("disk", .array([.int(x), .int(y), .int(r)]))
            case .cells(let xy): shape = ("cells_listed", .int(xy.count / 2))
            case .mask(let f): shape = ("mask", .string(f))
            }
            let laid = z < map.zones.count
            return .object([("name", .string(d.name)), shape, ("buffer", .int(d.buffer)), ("colour", .string(d.colourText)),
                            ("cells", .int(laid ? map.zones.targets[z].cells.count : 0)),
                            ("buffer_cells", .int(laid ? map.zones.buffers[z].cells.count : 0))])
        }))]
    }

    public static func schedule(_ p: WorldParameters) -> JSONValue {
        .array(p.schedule.enumerated().map { i, e in
            .object([("index", .int(i))] + (e.name.map { [("name", JSONValue.string($0))] } ?? []) + [("tick", .int(e.tick)),
                     ("set", .object(e.changes.map { ($0.key, json($0.value)) }))])
        })
    }

    /// `fingerprint` is `RunFingerprint.of(world:map:seed:)` for this run, computed once by the caller.
    public static func build(world: World, map: CityMap, fingerprint: UInt64, options: RunOptions, status: String,
                             ticksCompleted: Int, started: Date, wallSeconds: Double,
                             extra: [(String, JSONValue)] = []) -> JSONValue {
        let iso = ISO8601DateFormatter()
        let outputs: [(String, JSONValue)] = RunOutput.allCases.compactMap { o in
            guard o.isWritten(by: options), let pattern = o.manifestPattern else { return nil }
            return (o.rawValue, .string(pattern))
        }
        return .object([
            ("program", .string("nanocity")),
            ("version", .string(NanoCityVersion.string)),
            ("model_version", .int(City.modelVersion)),
            ("build", .object([("configuration", .string(NanoCityVersion.configuration)),
                               ("source_revision", .string(NanoCityVersion.sourceRevision ?? "unknown"))])),
            ("status", .string(status)),
            ("world", .string(world.origin)),
            ("name", .string(world.parameters.name)),
            ("seed", .string(String(options.seed))),
            // World (after overrides), frame settings, map contents and seed: what `--resume` checks.
            ("run_fingerprint", .string(String(fingerprint, radix: 16))),
            ("ticks", .int(options.ticks)),
            ("ticks_completed", .int(ticksCompleted)),
            ("frame_every", .int(options.frameEvery)),
            ("snapshot_every", .int(options.snapshotEvery)),
            ("checkpoint_every", .int(options.checkpointEvery)),
            ("command_line", .array(options.commandLine.map { .string($0) })),
            ("started_at", .string(iso.string(from: started))),
            ("wall_time_s", .number((wallSeconds * 1000).rounded() / 1000)),
            // How the run executed (outputs are the same for any value), beside the wall time.
            ("threads", .int(options.threads)),
        ] + extra + [
            ("map", .object([
                ("kind", .string(world.parameters.map.kind.rawValue)),
                ("width", .int(map.size.width)), ("height", .int(map.size.height)),
                ("centres", .int(map.centres.count)), ("stations", .int(map.stations.count)),
                ("hideouts", .int(map.hideouts.count)), ("map_sensors", .int(map.sensorCells.count)),
            ])),
            ("overrides", .object(world.overrides.map { ($0.key, json($0.value)) })),
            ("parameters", parameters(world)),
            ("schedule", schedule(world.parameters)),
        ] + zones(world.parameters, map) + [
            ("outputs", .object(outputs)),
            ("metrics", .array(MetricCatalog.columns(for: map).map {
                .object([("name", .string($0.name)), ("kind", .string($0.kind.rawValue)), ("unit", .string($0.unit)),
                         ("doc", .string($0.doc))])
            })),
        ])
    }
}
