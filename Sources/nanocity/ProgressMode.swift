import ArgumentParser
import Foundation
import NanoCityIO
import NanoCityModel
import NanoCityAnalysis
import NanoCityExperiments

/// `--progress`: how a sweep reports finished runs.
enum ProgressMode: String, ExpressibleByArgument, CaseIterable {
    /// A bar on stderr, when it is a terminal.
    case bar
    /// One JSON line per finished run on stdout, then an "end" line.
    case json
    case none
}
