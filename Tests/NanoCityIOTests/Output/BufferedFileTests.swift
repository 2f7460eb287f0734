import Dispatch
import Foundation
import Testing
@testable import NanoCityIO

@Suite struct BufferedFileTests {
    /// Deterministic form of the double-close bug: B reuses A's descriptor number after A is
    /// closed; releasing A must not close B.
    @Test func releasingAClosedFileLeavesTheReusedDescriptorAlone() throws {
        let dir = NSTemporaryDirectory()
        let pa = dir + "nanocity-bf-a-\(getpid())", pb = dir + "nanocity-bf-b-\(getpid())"
        defer { unlink(pa); unlink(pb) }
        var a: BufferedFile? = try BufferedFile(path: pa)
        try a!.close()
        let b = try BufferedFile(path: pb)
        a = nil
        try b.write("still open\n")
        try b.close()
        #expect(try String(contentsOfFile: pb, encoding: .utf8) == "still open\n")
    }

    /// Regression: closing a file must not close a descriptor number that another thread's
    /// file has reused since (a double close once failed parallel sweep runs with EBADF).
    @Test func parallelWritersNeverCloseEachOthersFiles() throws {
        let dir = NSTemporaryDirectory() + "nanocity-bf-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let failures = DispatchQueue(label: "failures")
        nonisolated(unsafe) var failed: [String] = []
        DispatchQueue.concurrentPerform(iterations: 200) { i in
            do {
                let f = try BufferedFile(path: dir + "/f\(i).txt")
                for k in 0..<50 { try f.write("line \(k) of \(i)\n") }
                try f.close()
                try f.close()  // a second close is a no-op
            } catch {
                failures.sync { failed.append("\(error)") }
            }
        }
        #expect(failed.isEmpty, "\(failed.prefix(3))")
        for i in [0, 99, 199] {
            let text = try String(contentsOfFile: dir + "/f\(i).txt", encoding: .utf8)
            #expect(text.split(separator: "\n").count == 50)
        }
    }

    /// A symbolic link planted where an output goes (or where its temporary file goes) is
    /// refused with a message; what it points to is never touched.
    @Test func plantedSymlinksAreNotWrittenThrough() throws {
        let dir = NSTemporaryDirectory() + "nanocity-bf-link-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let victim = dir + "/victim.txt"
        try "precious\n".write(toFile: victim, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir + "/metrics.csv", withDestinationPath: victim)
        #expect(throws: OutputError.self) { try BufferedFile(path: dir + "/metrics.csv") }
        // Appending (a resumed run) through the link is refused too: a success here is the bug.
        #expect { _ = try BufferedFile(path: dir + "/metrics.csv", append: true) } throws: { e in
            (e as? OutputError)?.message.contains("symbolic link") == true
        }
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")
        try FileManager.default.createSymbolicLink(atPath: dir + "/manifest.json.tmp", withDestinationPath: victim)
        #expect(throws: OutputError.self) { try BufferedFile.writeAtomically(Array("x".utf8), to: dir + "/manifest.json") }
        #expect(throws: PNGError.self) {
            try FileManager.default.createSymbolicLink(atPath: dir + "/f.png.tmp", withDestinationPath: victim)
            try PNGImage(width: 1, height: 1, pixels: [1, 2, 3]).write(path: dir + "/f.png")
        }
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")
    }

    /// A temporary file left by a crash does not block the next atomic write; the new
    /// temporary is created fresh (O_EXCL), so the result holds only the new bytes.
    @Test func staleTemporaryFilesAreReplaced() throws {
        let dir = NSTemporaryDirectory() + "nanocity-bf-stale-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try String(repeating: "stale bytes ", count: 100).write(toFile: dir + "/m.json.tmp", atomically: false, encoding: .utf8)
        try BufferedFile.writeAtomically(Array("new".utf8), to: dir + "/m.json")
        #expect(try String(contentsOfFile: dir + "/m.json", encoding: .utf8) == "new")
        #expect(!FileManager.default.fileExists(atPath: dir + "/m.json.tmp"))
        #expect(throws: OutputError.self) {
            try "x".write(toFile: dir + "/e.txt", atomically: false, encoding: .utf8)
            _ = try BufferedFile(path: dir + "/e.txt", exclusive: true)
        }
    }

    @Test func fileSystemErrorsAreWordsNotFoundationDumps() throws {
        #expect(FileProblem.describe(CocoaError(.fileWriteFileExists)) == "already exists")
        let file = NSTemporaryDirectory() + "nanocity-fp-\(getpid())"
        try "x".write(toFile: file, atomically: true, encoding: .utf8)
        defer { unlink(file) }
        do {
            try FileManager.default.createDirectory(atPath: file + "/sub", withIntermediateDirectories: true)
            Issue.record("creating a folder inside a file succeeded")
        } catch {
            let m = FileProblem.describe(error)
            #expect(!m.contains("Domain") && !m.contains("Code=") && !m.isEmpty, "\(m)")
        }
    }
}
