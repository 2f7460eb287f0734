import Foundation

/// Words for a file-system error, instead of Foundation's raw form
/// (`Error Domain=NSCocoaErrorDomain Code=516 …`).
public enum FileProblem {
    public static func describe(_ error: any Error) -> String {
        if let e = error as? OutputError { return e.message }
        if let e = error as? CocoaError {
            switch e.code {
            case .fileWriteFileExists: return "already exists"
            case .fileWriteNoPermission, .fileReadNoPermission: return "no permission"
            case .fileNoSuchFile, .fileReadNoSuchFile: return "does not exist (or its folder does not)"
            case .fileWriteOutOfSpace: return "no space left on the device"
            case .fileWriteVolumeReadOnly: return "the disk is read-only"
            default: break
            }
            if let underlying = e.userInfo[NSUnderlyingErrorKey] as? any Error { return describe(underlying) }
            // Foundation's generic codes, in words: 256… reading, 512… writing.
            return e.code.rawValue >= 512 && e.code.rawValue < 1024
                ? "cannot be written there (a part of the path may be a file, or the disk full or read-only)"
                : "cannot be read (missing, unreadable, or not a file)"
        }
        if let e = error as? POSIXError { return String(cString: strerror(e.code.rawValue)) }
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        return ns.localizedDescription
    }
}
