import ArgumentParser
import NanoCityIO

/// `nanocity`: the command-line layer. Subcommands live one per file.
@main
struct NanoCityCLI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nanocity",
        abstract: "NanoCity: an agent-based simulation of a recycling city under attack.",
        discussion: """
            Exit codes: 0 success; 2 bad input (world file, option, --set); 3 a run failed \
            (output could not be written); 130 interrupted (Ctrl-C). Argument syntax errors exit 64.
            """,
        version: NanoCityVersion.string,
        subcommands: [RunCommand.self, SweepCommand.self, MergeCommand.self, CompareCommand.self, AnalyzeCommand.self, PlotCommand.self, ReportCommand.self, VideoCommand.self, ValidateCommand.self, ParamsCommand.self, MapCommand.self, PatternsCommand.self, TheoryCommand.self, BenchCommand.self, DescribeCommand.self, CapsuleCommand.self, VerifyCommand.self, ExploreCommand.self, CalibrateCommand.self],
        defaultSubcommand: nil
    )
}
