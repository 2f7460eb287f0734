/// A design named on the command line or in a sweep file (`--design`): the part of `Sampling`
/// a user picks by name (grid and Latin hypercube follow from the axes, a design file from
/// `--design-file`, a fork from `--fork-at`). Its own enum so the flag lists exactly these and
/// the switch that builds the `SweepDesign` needs no `default`; from there `SweepDesign.sampling`
/// is what `sweep.json` records and `analyze` reads.
public enum DesignKind: String, Sendable, CaseIterable {
    case sobol
    case morris
}
