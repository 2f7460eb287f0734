/// The records of a CSV file (RFC 4180 as police open-data portals write it): comma
/// separated, fields optionally in double quotes with `""` for a quote, newlines allowed
/// inside quotes, CRLF or LF line ends, a UTF-8 byte-order mark ignored. Memory holds one
/// record; a record longer than `maxRecordBytes` (an unclosed quote, a 2 GB line) ends the
/// reading with an error naming its line, after reading at most that much of it.
public enum CSVRecords {
    public static let maxRecordBytes = 1 << 20
    public static let maxFields = 10_000

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case file(LineReader.Failure)
        case recordTooLong(line: Int)
        case tooManyFields(line: Int)
        case unclosedQuote(line: Int)
        case loneCarriageReturns
        public var description: String {
            switch self {
            case .file(let f): "\(f)"
            case .recordTooLong(let l): "the record starting at line \(l) is longer than \(CSVRecords.maxRecordBytes) bytes (an unclosed quote?)"
            case .tooManyFields(let l): "the record at line \(l) has more than \(CSVRecords.maxFields) fields"
            case .unclosedQuote(let l): "the quote opened in the record starting at line \(l) is never closed"
            case .loneCarriageReturns: "its lines end in a lone CR (old Mac style); convert them to LF or CRLF"
            }
        }
    }

    /// Calls `body` with each record's fields and the line it starts on (1-based); `body`
    /// returns false to stop. A last record without a final newline is read too (exports
    /// often omit it). Blank lines are skipped.
    public static func forEach(_ path: String, _ body: ([String], Int) throws -> Bool) throws {
        var fields: [String] = []
        var field: [UInt8] = []
        var recordBytes = 0
        var quoted = false, afterQuote = false, atFieldStart = true
        var line = 1, recordLine = 1
        var first = true, stopped = false
        var pendingCR = false

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            atFieldStart = true; afterQuote = false
        }
        func endRecord() throws -> Bool {
            endField()
            defer { fields.removeAll(keepingCapacity: true); recordBytes = 0; recordLine = line }
            if fields.count == 1 && fields[0].isEmpty { return true }
            return try body(fields, recordLine)
        }

        do {
            try LineReader.forEachChunk(path) { chunk in
                var bytes = chunk[...]
                if first {
                    first = false
                    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
                }
                for b in bytes {
                    recordBytes += 1
                    if recordBytes > maxRecordBytes { throw Failure.recordTooLong(line: recordLine) }
                    if pendingCR {
                        pendingCR = false
                        if b == 0x0A { line += 1; if try !endRecord() { stopped = true; return false }; continue }
                        field.append(0x0D)
                    }
                    if quoted {
                        if b == 0x22 { quoted = false; afterQuote = true } else {
                            if b == 0x0A { line += 1 }
                            field.append(b)
                        }
                        continue
                    }
                    switch b {
                    case 0x22:
                        if atFieldStart { quoted = true; atFieldStart = false }
                        else if afterQuote { field.append(0x22); quoted = true; afterQuote = false }
                        else { field.append(b) }
                    case 0x2C:
                        endField()
                        if fields.count > maxFields { throw Failure.tooManyFields(line: recordLine) }
                    case 0x0D:
                        pendingCR = true
                    case 0x0A:
                        line += 1
                        if try !endRecord() { stopped = true; return false }
                    default:
                        atFieldStart = false; afterQuote = false
                        field.append(b)
                    }
                }
                return true
            }
        } catch let f as LineReader.Failure {
            throw Failure.file(f)
        }
        if !stopped && quoted { throw Failure.unclosedQuote(line: recordLine) }
        if !stopped && (!field.isEmpty || !fields.isEmpty || pendingCR) {
            _ = try endRecord()
        }
    }
}
