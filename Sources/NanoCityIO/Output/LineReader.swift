import Foundation

/// The complete lines of a text file, read in 1 MiB chunks: memory holds one chunk and one
/// line, whatever the file's size (a 10⁷-tick run's metrics.csv is gigabytes). A last line
/// without its newline (a killed writer's) is not a line. Opened like every input: regular
/// files only, never blocking on a FIFO.
public struct LineReader {
    /// Longest line accepted; a longer one ends the reading with `lineTooLong`.
    public static let maxLineBytes = 64 << 20

    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case open(BoundedRead.Problem)
        case read(String)
        case lineTooLong(line: Int)

        /// What went wrong, to follow the file's path in a message.
        public var description: String {
            switch self {
            case .open(let p): "\(p)"
            case .read(let why): "cannot be read: \(why)"
            case .lineTooLong(let line): "line \(line) is longer than \(LineReader.maxLineBytes) bytes"
            }
        }
    }

    /// Calls `body` with the file's bytes in order, at most 1 MiB at a time; `body` returns
    /// false to stop early.
    public static func forEachChunk(_ path: String, _ body: (ArraySlice<UInt8>) throws -> Bool) throws {
        let fd: Int32
        switch BoundedRead.open(path) {
        case .success(let f): fd = f
        case .failure(let p): throw Failure.open(p)
        }
        defer { close(fd) }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure.read(String(cString: strerror(errno)))
            }
            if n == 0 { return }
            if try !body(chunk[0..<n]) { return }
        }
    }

    /// Calls `body` with every complete line (without its `\n`; a `\r` before it is dropped
    /// too) and its 1-based number; `body` returns false to stop early.
    public static func forEachLine(_ path: String, _ body: (Substring, Int) throws -> Bool) throws -> Void {
        var pending: [UInt8] = []
        var number = 0
        try forEachChunk(path) { chunk in
            var start = chunk.startIndex
            for i in chunk.indices where chunk[i] == 0x0A {
                number += 1
                var line: Substring
                if pending.isEmpty {
                    line = Substring(decoding: chunk[start..<i], as: UTF8.self)
                } else {
                    pending.append(contentsOf: chunk[start..<i])
                    line = Substring(decoding: pending, as: UTF8.self)
                    pending.removeAll(keepingCapacity: true)
                }
                if line.hasSuffix("\r") { line = line.dropLast() }
                start = i + 1
                if try !body(line, number) { return false }
            }
            pending.append(contentsOf: chunk[start...])
            if pending.count > maxLineBytes { throw Failure.lineTooLong(line: number + 1) }
            return true
        }
    }

    /// Complete lines in the file (a byte scan, no decoding).
    public static func count(_ path: String) throws -> Int {
        var lines = 0
        try forEachChunk(path) { chunk in
            for b in chunk where b == 0x0A { lines += 1 }
            return true
        }
        return lines
    }
}
