/// `schedule.<name>.tick`: the tick of the `[[schedule]]` entry named `<name>`, as a parameter,
/// so the timing of an intervention is a sweep factor (`--vary schedule.crackdown.tick=300:900:100`),
/// a design column or an `--set`. Setting it moves that entry (the schedule stays sorted by
/// tick, entries of one tick in file order); it is not itself schedulable.
public enum ScheduleTick {
    /// What a schedule entry's name may be: as a zone's (`ZoneDeclaration.nameRule`).
    public static func isValidName(_ s: String) -> Bool { ZoneDeclaration.isValidName(s) }

    static func parameter(name: String) -> ParameterSpec {
        SettingSpec<WorldParameters>(
            key: "schedule.\(name).tick", type: .int(0...100_000_000), unit: "tick",
            doc: "tick of the [[schedule]] entry named \"\(name)\"", schedulable: false,
            read: { p in .int(p.schedule.first { $0.name == name }?.tick ?? 0) },
            write: { p, v in
                guard case .int(let t) = v, let i = p.schedule.firstIndex(where: { $0.name == name }) else { return }
                var entry = p.schedule.remove(at: i)
                entry.tick = t
                // After the entries of ticks ≤ t, before those of later ticks: sorted, stable.
                let at = p.schedule.firstIndex { $0.tick > t } ?? p.schedule.count
                p.schedule.insert(entry, at: at)
            })
    }

    /// The parameter for a `schedule.<name>.tick` key (any valid name: whether the world has
    /// such an entry is a check where the key is named), or why not.
    static func lookup(_ key: String) -> Result<ParameterSpec, ParameterError> {
        let parts = key.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "schedule", parts[2] == "tick" else {
            return .failure(.unknownKey(key: key, suggestion: nil))
        }
        guard isValidName(String(parts[1])) else { return .failure(.unknownKey(key: key, suggestion: nil)) }
        return .success(parameter(name: String(parts[1])))
    }
}
