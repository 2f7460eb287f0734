/// The parts of a fork's directory that the runner writes and the analyses and reports read
/// back: the rule for arm names and where the per-cell difference maps live.
public enum ForkDirectory {
    /// Arms a fork may have, the baseline included.
    public static let maxArms = 1000

    /// 1–64 ASCII letters, digits, `-` and `_`: an arm's name becomes part of file names
    /// (`delta/<arm>_<field>.npy`) and CSV cells, so nothing else is allowed — checked on the
    /// arms file and again wherever a name is read back (`sweep.json` at merge).
    public static func isValidArmName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 64
            && name.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D || $0 == 0x5F }
    }

    /// Fields whose per-cell mean difference from the baseline at the last tick is written to `delta/`.
    public static let deltaFields = ["toxicity", "waste", "attractiveness"]

    /// `delta/<arm>_<map>.npy` under the fork directory `dir`: `map` is a delta field or an
    /// event-count measure; `arm` a valid arm name.
    public static func deltaPath(_ dir: String, arm: String, map: String) -> String { dir + "/delta/\(arm)_\(map).npy" }
}
