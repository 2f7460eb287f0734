import Foundation
import NanoCityIO
import NanoCityModel
import NanoCityPatterns
import NanoCityAnalysis

/// Crime-pattern statistics as outcome columns of a sweep (`--patterns`): each run's crimes
/// of `kinds` in a tick window are kept in memory while it runs and summarised into the
/// `CrimePatterns.outcomes` columns of its summary.csv row — no run files needed. The Knox
/// ratios divide by the exact permutation expectation, so they need no permutations.
public struct PatternOutcomes: Sendable {
    public var kinds: [EventKind]
    public var fromTick: Int
    /// Last tick (inclusive); nil = the run's last.
    public var toTick: Int?
    public let options: CrimePatterns.Options
    /// The outcome columns these options give (computed once: every row's writer reads them).
    public let names: [String]

    public init(kinds: [EventKind], fromTick: Int, toTick: Int?, options: CrimePatterns.Options) {
        self.kinds = kinds
        self.fromTick = fromTick
        self.toTick = toTick
        var o = options
        o.iterations = 1  // no outcome reads the Knox permutations
        o.threads = 1     // runs are parallel already
        self.options = o
        names = CrimePatterns.outcomeNames(o).map(\.name)
    }



    func collector(ticks: Int) -> IncidentCollector {
        IncidentCollector(kinds: Set(kinds), fromTick: fromTick, toTick: min(toTick ?? ticks, ticks))
    }

    /// A run's values, nil each where undefined — all nil when the run had fewer than 2
    /// incidents, more than the collector holds, or more close pairs than the Knox test keeps.
    func values(_ c: IncidentCollector, world: World, map: CityMap, ticks: Int) -> [Double?] {
        let empty = [Double?](repeating: nil, count: names.count)
        guard !c.overflowed, c.ticks.count >= 2 else { return empty }
        let scale = world.parameters.scale
        let (incidents, cells) = c.incidents(width: map.size.width, height: map.size.height, scale: scale)
        let span = RunIncidents.span(fromTick: fromTick, toTick: min(toTick ?? ticks, ticks), hoursPerTick: scale.hoursPerTick)
        guard let p = try? CrimePatterns(incidents: incidents, cells: cells, grid: (map.size.width, map.size.height),
                                         cellMetres: scale.metresPerCell, span: span, options: options) else { return empty }
        return p.outcomes.map(\.value)
    }

    var json: JSONValue {
        let b = options.bands
        return .object([
            ("kinds", .array(kinds.map { .string($0.rawValue) })), ("from_tick", .int(fromTick)),
            ("to_tick", toTick.map { .int($0) } ?? .null),
            ("space_band_m", .number(b.space.width)), ("space_bands", .int(b.space.count)),
            ("time_band_days", .number(b.time.width)), ("time_bands", .int(b.time.count)),
            ("convention", .string(b.space.convention.rawValue)), ("distance", .string(options.metric.rawValue)),
            ("permutations", .int(options.permutations)), ("weights", PatternFiles.json(options.weights)), ("fdr", .number(options.fdr)),
            ("top_share", .number(options.topShare)), ("window_days", options.windowDays.map { .number($0) } ?? .null),
            ("seed", .int(Int(truncatingIfNeeded: options.seed))), ("columns", .array(names.map { .string($0) })),
        ])
    }

    /// Reads `json`'s object back (a capsule re-runs a sweep's rows from its sweep.json); nil
    /// for a plan without patterns.
    public static func decode(_ o: SweepRecord.Patterns?) throws(SweepError) -> PatternOutcomes? {
        guard let o else { return nil }
        let bad = SweepError.results("sweep.json: \"patterns\" is not a pattern-outcome plan this version can read")
        guard let convention = KnoxBandConvention(rawValue: o.convention), let metric = DistanceMetric(rawValue: o.distance),
              o.spaceBandMetres > 0, o.spaceBandMetres.isFinite, o.timeBandDays > 0, o.timeBandDays.isFinite,
              (1...KnoxBands.maxBands).contains(o.spaceBands), (1...KnoxBands.maxBands).contains(o.timeBands),
              (0...100_000).contains(o.permutations), o.fdr > 0, o.fdr < 1, o.topShare > 0, o.topShare <= 1, o.fromTick >= 0 else { throw bad }
        var kinds: [EventKind] = []
        for k in o.kinds.prefix(64) {
            guard let e = EventKind(rawValue: k), e.hasPlace else { throw bad }
            kinds.append(e)
        }
        var options = CrimePatterns.Options(bands: KnoxBands(space: KnoxAxis(width: o.spaceBandMetres, count: o.spaceBands, convention: convention),
                                                             time: KnoxAxis(width: o.timeBandDays, count: o.timeBands, convention: convention)))
        options.metric = metric
        options.permutations = o.permutations
        options.fdr = o.fdr
        options.topShare = o.topShare
        options.seed = UInt64(truncatingIfNeeded: o.seed)
        switch o.weights {
        case .queen: break
        case .withinMetres(let m):
            guard m > 0, m.isFinite else { throw bad }
            options.weights = .withinMetres(m)
        }
        options.windowDays = o.windowDays
        return PatternOutcomes(kinds: kinds, fromTick: o.fromTick, toTick: o.toTick, options: options)
    }
}
