// Hands a Swift closure to libFuzzer's driver. SwiftPM gives every executable its own `main`,
// so the targets call libFuzzer's LLVMFuzzerRunDriver instead of relying on libFuzzer's main.
import Foundation

@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

nonisolated(unsafe) private var target: (([UInt8]) -> Void)?

/// Runs libFuzzer (its command-line flags apply) with `body` as the code under test.
public func runFuzzer(_ body: @escaping ([UInt8]) -> Void) -> Never {
    target = body
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    let status = LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        guard let data, size > 0 else { target!([]); return 0 }
        target!(Array(UnsafeBufferPointer(start: data, count: size)))
        return 0
    }
    exit(status)
}
