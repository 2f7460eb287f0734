import ArgumentParser

/// `--set key=value`, shared by every command that loads a world.
struct OverrideOptions: ParsableArguments {
    @Option(name: .customLong("set"), help: ArgumentHelp("Override a parameter, e.g. --set guards.count=20 (repeatable; for sweeps: every run).",
                                                         valueName: "key=value"))
    var assignments: [String] = []

    /// The keys assigned, in order.
    var keys: [String] { assignments.map { String($0.prefix { $0 != "=" }) } }
}
