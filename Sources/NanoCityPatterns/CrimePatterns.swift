/// Every crime-pattern statistic of one set of incidents, computed the same way for simulated
/// events and observed ones: the Knox table from the incidents' places and times, the grid
/// statistics from their cells.
public struct CrimePatterns: Sendable {
    public struct Options: Sendable {
        public var bands: KnoxBands
        public var metric: DistanceMetric = .euclidean
        /// Knox permutations (1…100,000).
        public var iterations = 99
        /// Gi* and Moran's I permutations (0…100,000; 0 = analytic p-values only).
        public var permutations = 999
        public var weights: Neighbourhood = .queen
        /// False Discovery Rate level for the Gi* hot-spot map (0…1).
        public var fdr = 0.05
        /// Top share of cells compared between windows (0…1).
        public var topShare = 0.05
        /// Persistence window (days); nil = the span's two halves.
        public var windowDays: Double?
        public var seed: UInt64 = 1
        public var threads = 1
        public var pairLimit = KnoxTest.defaultPairLimit

        public init(bands: KnoxBands) { self.bands = bands }
    }

    /// The neighbours of a cell for Gi* and Moran's I.
    public enum Neighbourhood: Sendable, Equatable {
        /// The 8 cells around it.
        case queen
        /// Cells whose centres lie within this many metres.
        case withinMetres(Double)
    }

    /// Two consecutive windows compared.
    public struct WindowPair: Sendable {
        public let first: Int
        public let fromDay: Double, toDay: Double, nextToDay: Double
        public let incidentsFirst: Int, incidentsSecond: Int
        public let persistence: HotspotPersistence
    }

    public let options: Options
    /// Side of one grid cell (m).
    public let cellMetres: Double
    public let knox: KnoxTable
    public let grid: CountGrid
    public let concentration: Concentration
    public let giStar: GiStar
    public let moran: MoransI?
    public let spectrum: SpatialSpectrum
    /// Window length used (days) and the consecutive pairs of complete windows.
    public let windowDays: Double
    public let windows: [WindowPair]
    /// The span (days) the windows tile, from its start.
    public let span: ClosedRange<Double>

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case knox(KnoxError)
        case weights(SpatialWeights.Failure)
        case tooMuchWork(String)
        public var description: String {
            switch self {
            case .knox(let e): "\(e)"
            case .weights(let e): "\(e)"
            case .tooMuchWork(let why): why
            }
        }
    }

    /// Bounds on the work asked for, checked before any is done: grid cells, permuted draws of
    /// Gi* and Moran's I (each about a nanosecond: 2 × 10⁹ is some 10–20 s on 2 cores), and
    /// persistence windows times cells.
    public static let maxCells = 1 << 24
    public static let maxPermutationWork = 2_000_000_000
    public static let maxWindowWork = 200_000_000
    public static let maxWindows = 10_000

    /// `cells[k]` is the grid cell (row-major index) of `incidents[k]`; `span` the time range
    /// the incidents were selected from (days), which the persistence windows tile.
    public init(incidents: [Incident], cells: [Int], grid size: (width: Int, height: Int),
                cellMetres: Double, span: ClosedRange<Double>, options: Options) throws(Failure) {
        precondition(incidents.count == cells.count)
        self.options = options
        self.cellMetres = cellMetres
        self.span = span
        let cellCount = size.width * size.height
        guard cellCount <= Self.maxCells else {
            throw .tooMuchWork("the grid has \(cellCount) cells, more than \(Self.maxCells) for the grid statistics; use larger cells (--grid)")
        }
        let length = span.upperBound - span.lowerBound
        let window = options.windowDays ?? length / 2
        let windowCount = window > 0 ? length / window : .infinity
        guard windowCount <= Double(Self.maxWindows), windowCount * Double(cellCount) <= Double(Self.maxWindowWork) else {
            throw .tooMuchWork("--window \(window) days cuts the span of \(length) days into \(Int(min(windowCount, 1e15))) windows over \(cellCount) cells; "
                + "at most \(Self.maxWindows) windows and \(Self.maxWindowWork) window-cells: choose a longer window")
        }
        do { knox = try KnoxTest.run(incidents, bands: options.bands, metric: options.metric,
                                     iterations: options.iterations, seed: options.seed,
                                     threads: options.threads, pairLimit: options.pairLimit)
        } catch { throw .knox(error) }
        var grid = CountGrid(width: size.width, height: size.height)
        for c in cells { grid.counts[c] += 1 }
        self.grid = grid
        concentration = Concentration(grid)
        let weightKind: SpatialWeights.Kind
        switch options.weights {
        case .queen: weightKind = .queen
        case .withinMetres(let metres): weightKind = .distance(cells: metres / cellMetres)
        }
        do {
            let withSelf = try SpatialWeights(width: size.width, height: size.height, kind: weightKind, includeSelf: true)
            // Gi*: each cell draws its w − 1 neighbours per permutation; Moran's I visits every
            // cell and weight per permutation.
            let draws = Double(options.permutations) * Double(withSelf.neighbours.count - cellCount)
            let moranWork = Double(options.permutations) * Double(withSelf.neighbours.count)
            if max(draws, moranWork) > Double(Self.maxPermutationWork) {
                let most = Int(Double(Self.maxPermutationWork) / Double(max(1, withSelf.neighbours.count)))
                throw Failure.tooMuchWork("\(options.permutations) permutations of Gi* and Moran's I over \(cellCount) cells are \(Int(max(draws, moranWork))) draws, "
                    + "more than \(Self.maxPermutationWork): use --permutations \(most) or fewer, larger cells (--grid), or --permutations 0 (analytic p-values)")
            }
            giStar = GiStar(grid, weights: withSelf, permutations: options.permutations, fdr: options.fdr,
                            seed: options.seed, threads: options.threads)
            let without = try SpatialWeights(width: size.width, height: size.height, kind: weightKind, includeSelf: false)
            moran = MoransI(grid, weights: without, permutations: options.permutations, seed: options.seed,
                            threads: options.threads)
        } catch let e as SpatialWeights.Failure {
            throw .weights(e)
        } catch let e as Failure {
            throw e
        } catch {
            throw .tooMuchWork("\(error)")
        }
        spectrum = SpatialSpectrum(grid)

        windowDays = window
        var pairs: [WindowPair] = []
        // At most `maxWindows` (checked above), so the conversion cannot trap.
        let complete = window > 0 ? Int((windowCount * (1 + 1e-12)).rounded(.down)) : 0
        if complete >= 2 {
            var byWindow = [[Int]](repeating: [], count: complete)
            for (k, e) in incidents.enumerated() {
                let w = Int(((e.day - span.lowerBound) / window).rounded(.down))
                if w >= 0 && w < complete { byWindow[w].append(cells[k]) }
            }
            for w in 0..<(complete - 1) {
                var base = [Double](repeating: 0, count: grid.cells)
                for c in byWindow[w] { base[c] += 1 }
                let p = HotspotPersistence(base: base, test: byWindow[w + 1], cells: grid.cells,
                                           topShare: options.topShare,
                                           seed: options.seed &+ UInt64(w))
                let from = span.lowerBound + Double(w) * window
                pairs.append(WindowPair(first: w, fromDay: from, toDay: from + window, nextToDay: from + 2 * window,
                                        incidentsFirst: byWindow[w].count, incidentsSecond: byWindow[w + 1].count,
                                        persistence: p))
            }
        }
        windows = pairs
    }

    /// The per-run outcomes' names and meanings for these options, in the order `outcomes`
    /// gives their values: a sweep writes its header from them before any run.
    public static func outcomeNames(_ options: Options) -> [(name: String, meaning: String)] {
        let b = options.bands
        var out: [(String, String)] = [("incidents", "incidents analysed")]
        for row in 0..<(b.spaceRows - 1) {
            for column in 0..<(b.timeColumns - 1) {
                out.append(("knox_ratio_\(b.spaceCode(row))_\(b.timeCode(column))",
                            "Knox observed/expected pairs (the exact permutation expectation), \(b.spaceLabel(row)), \(b.timeLabel(column))"))
            }
        }
        let pct = TopShare.percent(options.topShare)
        out += [
            ("concentration_25", "share of cells holding 25% of incidents"),
            ("concentration_50", "share of cells holding 50% of incidents"),
            ("gini", "Gini coefficient over all cells"),
            ("gini_generalised", "Bernasco–Steenbeek generalised Gini"),
            ("gi_hotspot_share", "share of cells that are Gi* hot spots at FDR \(options.fdr) (permutation p-values, analytic with no permutations)"),
            ("moran_i", "global Moran's I of cell counts"),
            ("moran_p", "Moran's I p-value (permutation when run, else normal)"),
            ("wavelength_m", "dominant wavelength of cell counts (m)"),
            ("hotspots", "peaks of the 3×3 mean count above 2× the mean count"),
            ("persistence_top\(pct)", "mean Jaccard overlap of the top \(pct)% cells between consecutive windows"),
            ("s_index_robust", "mean robust Andresen S-index between consecutive windows"),
        ]
        return out
    }

    /// Per-run outcomes: one number per statistic (nil where undefined), named by `outcomeNames`.
    public var outcomes: [(name: String, value: Double?, meaning: String)] {
        let b = options.bands
        var values: [Double?] = [Double(knox.incidents)]
        for row in 0..<(b.spaceRows - 1) {
            for column in 0..<(b.timeColumns - 1) {
                let cell = knox.index(row: row, column: column)
                let e = knox.expectedAnalytic[cell]
                values.append(e > 0 ? Double(knox.observed[cell]) / e : nil)
            }
        }
        let j = windows.compactMap(\.persistence.jaccardTop)
        let s = windows.compactMap(\.persistence.sIndexRobust)
        values += [
            concentration.share25, concentration.share50, concentration.gini, concentration.generalisedGini,
            giStar.hotspotShare, moran?.i, moran?.pPermutation ?? moran?.pNormal,
            spectrum.peakWavelengthCells.map { $0 * cellMetres }, Double(spectrum.hotspots),
            j.isEmpty ? nil : j.reduce(0, +) / Double(j.count),
            s.isEmpty ? nil : s.reduce(0, +) / Double(s.count),
        ]
        let names = Self.outcomeNames(options)
        precondition(names.count == values.count)
        return zip(names, values).map { ($0.name, $1, $0.meaning) }
    }
}

/// The top share of cells as the percentage names carry (5% → "5", 2.5% → "2_5"): the
/// outcome `persistence_topK` and `persistence.csv`'s `jaccard_topK` column.
public enum TopShare {
    public static func percent(_ share: Double) -> String {
        let v = share * 100
        return v == v.rounded() ? String(Int(v)) : String(v).replacingOccurrences(of: ".", with: "_")
    }
}
