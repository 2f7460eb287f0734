import Foundation
import NanoCityPatterns

/// The files of `nanocity patterns`: tables as CSV, the Gi* map as `.npy` (height, width) like
/// the field snapshots and as a PNG, and `patterns.json` with every setting that produced them.
public enum PatternFiles {
    public static let knox = "knox.csv"
    public static let concentration = "concentration.csv"
    public static let lorenz = "lorenz.csv"
    public static let giStarTable = "gi_star.csv"
    public static let giStarArray = "gi_star.npy"
    public static let giStarImage = "gi_star.png"
    public static let persistence = "persistence.csv"
    public static let outcomes = "outcomes.csv"
    public static let settings = "patterns.json"
    public static let countsArray = "counts.npy"
    public static let countsImage = "counts.png"

    static func cell(_ v: Double?) -> String { CSVNumber.cell(v) }
    static func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// Writes every file into `folder` (which exists). `provenance` goes into `patterns.json`
    /// before the settings, e.g. the source and the incidents' selection.
    public static func write(_ p: CrimePatterns, to folder: String, provenance: [(String, JSONValue)],
                             exportGrid: Bool) throws(OutputError) {
        let b = p.options.bands, t = p.knox
        try BufferedFile.writeAtomically(to: folder + "/" + knox) { f throws(OutputError) in
            try f.write("space_band,time_band,observed,expected_mean,expected_median,ratio_mean,ratio_median,p_value,z_score,expected_analytic\n")
            for row in 0..<b.spaceRows {
                for column in 0..<b.timeColumns {
                    let c = t.index(row: row, column: column)
                    try f.write([quoted(b.spaceLabel(row)), quoted(b.timeLabel(column)), String(t.observed[c]),
                                 cell(t.expectedMean[c]), cell(t.expectedMedian[c]), cell(t.ratio(c)),
                                 cell(t.ratio(c, median: true)), cell(t.pValue[c]), cell(t.zScore[c]),
                                 cell(t.expectedAnalytic[c])].joined(separator: ",") + "\n")
                }
            }
        }
        let k = p.concentration
        try BufferedFile.writeAtomically(Array(("cells,cells_with_incidents,incidents,share_25,share_50,gini,gini_generalised\n"
            + "\(k.places),\(k.placesWithIncidents),\(cell(k.incidents)),\(cell(k.share25)),\(cell(k.share50)),\(cell(k.gini)),\(cell(k.generalisedGini))\n").utf8),
            to: folder + "/" + concentration)
        try BufferedFile.writeAtomically(to: folder + "/" + lorenz) { f throws(OutputError) in
            try f.write("cell_share,incident_share\n")
            for point in Concentration.lorenz(p.grid) { try f.write("\(cell(point.placeShare)),\(cell(point.incidentShare))\n") }
        }
        let g = p.giStar
        try BufferedFile.writeAtomically(to: folder + "/" + giStarTable) { f throws(OutputError) in
            try f.write("x,y,incidents,z_score,p_analytic,p_permutation,spot\n")
            for i in 0..<p.grid.cells {
                let spot = ["cold", "", "hot"][g.spotClass(i) + 1]
                try f.write("\(i % p.grid.width),\(i / p.grid.width),\(cell(p.grid.counts[i])),\(cell(g.z[i])),\(cell(g.pAnalytic[i])),\(cell(g.pPermutation[i])),\(spot)\n")
            }
        }
        try BufferedFile.writeAtomically(NPYFormat.encode(g.z.map { Float($0 ?? .nan) }, height: p.grid.height, width: p.grid.width),
                                         to: folder + "/" + giStarArray)
        try writeImage(giStarMap(p), to: folder + "/" + giStarImage)
        if exportGrid {
            try BufferedFile.writeAtomically(NPYFormat.encode(p.grid.counts.map { Float($0) }, height: p.grid.height, width: p.grid.width),
                                             to: folder + "/" + countsArray)
            try writeImage(countsMap(p.grid), to: folder + "/" + countsImage)
        } else {
            // An earlier --export-grid's counts are of another selection: not left beside these.
            for name in [countsArray, countsImage] { unlink(folder + "/" + name) }
        }
        let pct = TopShare.percent(p.options.topShare)
        try BufferedFile.writeAtomically(to: folder + "/" + persistence) { f throws(OutputError) in
            try f.write("window,from_day,to_day,next_to_day,incidents,incidents_next,jaccard_top\(pct),s_index,s_index_robust\n")
            for w in p.windows {
                try f.write("\(w.first),\(cell(w.fromDay)),\(cell(w.toDay)),\(cell(w.nextToDay)),\(w.incidentsFirst),\(w.incidentsSecond),"
                            + "\(cell(w.persistence.jaccardTop)),\(cell(w.persistence.sIndex)),\(cell(w.persistence.sIndexRobust))\n")
            }
        }
        try BufferedFile.writeAtomically(to: folder + "/" + outcomes) { f throws(OutputError) in
            try f.write("name,value,meaning\n")
            for o in p.outcomes { try f.write("\(o.name),\(cell(o.value)),\(quoted(o.meaning))\n") }
        }
        try BufferedFile.writeAtomically(Array(settingsJSON(p, provenance: provenance).rendered().utf8) + [0x0A],
                                         to: folder + "/" + settings)
    }

    static func settingsJSON(_ p: CrimePatterns, provenance: [(String, JSONValue)]) -> JSONValue {
        let o = p.options, b = o.bands
        var results: [(String, JSONValue)] = []
        for x in p.outcomes { results.append((x.name, x.value.map { JSONValue.number($0) } ?? .null)) }
        results.append(("moran_expected", p.moran.map { .number($0.expected) } ?? .null))
        results.append(("moran_z_normal", p.moran.map { .number($0.zNormal) } ?? .null))
        results.append(("gi_fdr_threshold", p.giStar.threshold.map { .number($0) } ?? .null))
        return .object(provenance + [
            ("knox", .object([
                ("space_band_m", .number(b.space.width)), ("space_bands", .int(b.space.count)),
                ("time_band_days", .number(b.time.width)), ("time_bands", .int(b.time.count)),
                ("convention", .string(b.space.convention.rawValue)), ("distance", .string(o.metric.rawValue)),
                ("iterations", .int(o.iterations)), ("pairs", .int(p.knox.pairs)), ("pairs_within_last_band", .int(p.knox.indexedPairs)),
            ])),
            ("grid", .object([("width", .int(p.grid.width)), ("height", .int(p.grid.height)), ("cell_m", .number(p.cellMetres))])),
            ("weights", json(o.weights)), ("permutations", .int(o.permutations)), ("fdr", .number(o.fdr)),
            ("top_share", .number(o.topShare)), ("window_days", .number(p.windowDays)),
            ("span_days", .array([.number(p.span.lowerBound), .number(p.span.upperBound)])),
            ("seed", .int(Int(truncatingIfNeeded: o.seed))), ("results", .object(results)),
        ])
    }

    /// The neighbourhood as `patterns.json` and `sweep.json` spell it: "queen" or
    /// {"distance_m": M}.
    public static func json(_ weights: CrimePatterns.Neighbourhood) -> JSONValue {
        switch weights {
        case .queen: .string("queen")
        case .withinMetres(let m): .object([("distance_m", .number(m))])
        }
    }

    /// ColorBrewer RdBu (11 classes, colour-blind safe), blue for negative z.
    static let diverging: [RGB] = [0x053061, 0x2166AC, 0x4393C3, 0x92C5DE, 0xD1E5F0, 0xF7F7F7,
                                   0xFDDBC7, 0xF4A582, 0xD6604D, 0xB2182B, 0x67001F]
        .map { RGB(UInt8($0 >> 16), UInt8(($0 >> 8) & 0xFF), UInt8($0 & 0xFF)) }

    static func divergingColour(_ z: Double) -> RGB {
        let t = Float((min(4, max(-4, z)) + 4) / 8 * 10)
        let i = min(9, Int(t))
        return diverging[i].mixed(with: diverging[i + 1], t - Float(i))
    }

    static func scale(_ w: Int, _ h: Int) -> Int { max(1, min(8, 512 / max(w, h))) }

    /// z on RdBu clipped to ±4; cells not significant after FDR control faded towards grey;
    /// cells with no z (no variation) grey; a legend strip below.
    static func giStarMap(_ p: CrimePatterns) -> Canvas {
        let (w, h) = (p.grid.width, p.grid.height), s = scale(w, h)
        let strip = 3 * BitmapFont.lineHeight * 2
        var c = Canvas(width: max(w * s, 320), height: h * s + strip, background: .white)
        let grey = RGB(0xBD, 0xBD, 0xBD)
        for i in 0..<p.grid.cells {
            let colour: RGB
            if let z = p.giStar.z[i] {
                let full = divergingColour(z)
                colour = p.giStar.spotClass(i) != 0 ? full : full.mixed(with: RGB(0xF7, 0xF7, 0xF7), 0.6)
            } else {
                colour = grey
            }
            c.fill(x: (i % w) * s, y: (i / w) * s, w: s, h: s, colour)
        }
        let y0 = h * s + 4
        for k in 0..<100 {
            c.fill(x: 4 + k * 2, y: y0, w: 2, h: 10, divergingColour(Double(k) / 99 * 8 - 4))
        }
        c.text("Gi* z  -4", x: 4, y: y0 + 14, scale: 1, .black)
        c.text("+4", x: 190, y: y0 + 14, scale: 1, .black)
        c.text("faded: not significant (FDR \(CSVNumber.format(p.options.fdr)))", x: 4, y: y0 + 26, scale: 1, .black)
        return c
    }

    /// Counts on viridis from 0 to the maximum.
    static func countsMap(_ g: CountGrid) -> Canvas {
        let s = scale(g.width, g.height)
        var c = Canvas(width: g.width * s, height: g.height * s, background: .white)
        let top = max(1, g.counts.max() ?? 1)
        for i in 0..<g.cells {
            c.fill(x: (i % g.width) * s, y: (i / g.width) * s, w: s, h: s, ColorMap.viridis.color(Float(g.counts[i] / top)))
        }
        return c
    }

    static func writeImage(_ c: Canvas, to path: String) throws(OutputError) {
        let bytes: [UInt8]
        do { bytes = try PNGImage(c).encoded(fast: false) } catch { throw OutputError(path: path, message: error.message) }
        try BufferedFile.writeAtomically(bytes, to: path)
    }
}
