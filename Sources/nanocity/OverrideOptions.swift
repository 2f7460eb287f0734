import ArgumentParser

/// `--set key=value`, shared by every command that loads a world.
struct OverrideOptions: ParsableArguments {
    @Option(name: .customLong("set"), help: ArgumentHelp("Override a parameter, e.g. --set guards.count=20 (repeatable; for sweeps: every run).",
                                                         valueName: "key=value"))
    var assignments: [String] = []
}
