import Foundation
import NanoCityIO
import NanoCityEngine
import NanoCityModel
import NanoCityAnalysis

/// An external design: a CSV file with one column per parameter key and one row per point, as
/// SALib's samplers (`np.savetxt(..., delimiter=",", header=...)` with the keys as header) or
/// pyDOE write them. A header line is required; `#` comment lines and blank lines are skipped;
/// CRLF line ends and a UTF-8 byte-order mark are accepted.
public struct DesignFile: Sendable, Equatable {
    public let path: String
    public let keys: [String]
    /// rows[i][j]: point i's checked value of keys[j].
    public let rows: [[ParameterValue]]
    /// FNV-1a 64 of the file's bytes, in hex: `sweep.json` records it, so a resumed sweep notices
    /// an edited design.
    public let fingerprint: String

    public static let maxBytes = 256 << 20
    public static let maxRows = 10_000_000

    public init(path: String) throws(SweepError) {
        let data: Data
        switch BoundedRead.read(path, limit: Self.maxBytes) {
        case .success(let d): data = d
        case .failure(.tooLarge): throw .badPlan("\(path): a design file is at most \(Self.maxBytes) bytes")
        case .failure(let p): throw .badPlan("\(path): cannot read the design file: it \(p)")
        }
        try self.init(path: path, bytes: [UInt8](data))
    }

    public init(path: String, bytes: [UInt8]) throws(SweepError) {
        self.path = path
        fingerprint = FNV1a.hex(bytes)
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        func fail(_ line: Int, _ column: Int?, _ message: String) -> SweepError {
            .badPlan("\(path):\(line)\(column.map { ":\($0)" } ?? ""): \(message)")
        }
        var header: [String]?
        var specs: [ParameterSpec] = []
        var rows: [[ParameterValue]] = []
        var lineNumber = 0
        // "\r\n" is one Character in Swift: split on both spellings of a line end.
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            if header == nil {
                // SALib/numpy write the header as a comment ("# a,b"); accept either form.
                let names = (trimmed.hasPrefix("#") ? String(trimmed.dropFirst()) : trimmed)
                    .split(separator: ",", omittingEmptySubsequences: false)
                    .map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
                var seen = Set<String>()
                for (c, name) in names.enumerated() {
                    switch VariedKey.lookup(name) {
                    case .success(let spec):
                        guard seen.insert(name).inserted else { throw fail(lineNumber, c + 1, "column '\(name)' appears twice") }
                        specs.append(spec)
                    case .failure(let e):
                        throw fail(lineNumber, c + 1, "header: \(e.description)")
                    }
                }
                header = names
                continue
            }
            if trimmed.hasPrefix("#") { continue }
            guard rows.count < Self.maxRows else { throw fail(lineNumber, nil, "more than \(Self.maxRows) rows") }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == specs.count else {
                throw fail(lineNumber, nil, "\(fields.count) values, but the header has \(specs.count) columns (\(header!.joined(separator: ",")))")
            }
            var row: [ParameterValue] = []
            for (c, (field, spec)) in zip(fields, specs).enumerated() {
                var s = field.trimmingCharacters(in: .whitespaces)
                // numpy writes integers of an int column as floats ("12.0", "1.200000000000000000e+01").
                if case .int = spec.type, ParameterSpec.isDecimal(s), let d = Double(s), d == d.rounded(), abs(d) < 9e15 { s = String(Int(d)) }
                switch spec.parse(s) {
                case .success(let v): row.append(v)
                case .failure(let e): throw fail(lineNumber, c + 1, e.description)
                }
            }
            rows.append(row)
        }
        guard let header else { throw .badPlan("\(path): empty design file; the first line names the parameter keys, e.g. guards.count,sensors.density") }
        guard !rows.isEmpty else { throw .badPlan("\(path): the design has a header but no rows") }
        keys = header
        self.rows = rows
    }
}
