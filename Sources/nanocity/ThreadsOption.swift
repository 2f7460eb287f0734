import ArgumentParser
import Foundation

/// `--threads N`, shared by `run` and `bench`: cores one run's field phases may use.
struct ThreadsOption: ParsableArguments {
    /// More threads than this is a typing error, not a machine.
    static let maximum = 1024

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Cores one run may use, 1…\(ThreadsOption.maximum) (default: every core this process may use). Outputs are bit-identical for any value.",
                               valueName: "N"))
    var threads: Int?

    func validate() throws {
        if let threads, !(1...Self.maximum).contains(threads) {
            throw ValidationError("--threads must be 1…\(Self.maximum), got \(threads)")
        }
    }

    /// The threads asked for, or every core this process may use.
    var resolved: Int { threads ?? AvailableCores.count }
}
