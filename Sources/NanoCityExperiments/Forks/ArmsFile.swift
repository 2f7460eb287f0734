import Foundation
import NanoCityEngine
import NanoCityIO
import NanoCityModel
import NanoCityTOML
import NanoCityAnalysis

/// The policy arms of a fork (`sweep --fork-at T --arms FILE`): TOML, one `[[arm]]` table per
/// arm with a `name` and the parameter changes it makes at the fork, in a schedule entry's
/// `set` shape. The first arm is the baseline (usually with no `set`).
///
/// ```toml
/// [[arm]]
/// name = "baseline"
/// [[arm]]
/// name = "double-guards"
/// set = { "guards.count" = 12, "guards.recruit_threshold" = 0 }
/// ```
public struct ArmsFile: Sendable {
    public struct Arm: Sendable {
        /// Letters, digits, `-` and `_` (it names `delta/<arm>_<field>.npy`).
        public let name: String
        public let changes: [(key: String, value: ParameterValue)]

        /// `parameters` with this arm's changes applied (the values its runs have after the fork).
        public func applied(to parameters: WorldParameters) -> WorldParameters {
            var p = parameters
            for c in changes { ParameterCatalog.spec(for: c.key)?.apply(c.value, to: &p) }
            return p
        }
    }

    public let path: String
    public let arms: [Arm]
    /// FNV-1a 64 of the file's bytes, recorded in `sweep.json`.
    public let fingerprint: String

    public static let maxBytes = 1 << 20

    public init(path: String) throws(SweepError) {
        self.path = path
        let data: Data
        switch BoundedRead.read(path, limit: Self.maxBytes) {
        case .success(let d): data = d
        case .failure(.tooLarge): throw .badPlan("\(path): an arms file is at most \(Self.maxBytes) bytes")
        case .failure(let p): throw .badPlan("\(path): cannot read the arms file: it \(p)")
        }
        fingerprint = FNV1a.hex(data)
        let table = try SweepFile.parseTOML(String(decoding: data, as: UTF8.self), path: path)
        for key in table.keys where key != "arm" {
            throw .badPlan("\(path): unknown key '\(key)'; an arms file holds [[arm]] tables with name and set")
        }
        guard let list = table["arm"]?.array, !list.isEmpty else {
            throw .badPlan("\(path): no [[arm]] tables; the first arm is the baseline, e.g.\n[[arm]]\nname = \"baseline\"\n[[arm]]\nname = \"more-guards\"\nset = { \"guards.count\" = 12 }")
        }
        guard list.count >= 2 && list.count <= ForkDirectory.maxArms else { throw .badPlan("\(path): \(list.count) arms; a fork needs 2…\(ForkDirectory.maxArms)") }
        var arms: [Arm] = []
        var names = Set<String>()
        for (i, item) in list.enumerated() {
            guard let t = item.table else { throw .badPlan("\(path): arm \(i + 1): must be a table ([[arm]])") }
            let label = "\(path):\(t.position.line): arm \(i + 1)"
            for key in t.keys where key != "name" && key != "set" {
                throw .badPlan("\(label): unknown key '\(key)'; allowed: name, set")
            }
            guard let name = t["name"]?.string, ForkDirectory.isValidArmName(name) else {
                throw .badPlan("\(label): name must be 1–64 letters, digits, '-' or '_' (it names output files)")
            }
            guard names.insert(name).inserted else { throw .badPlan("\(label): the name '\(name)' is used twice") }
            var changes: [(key: String, value: ParameterValue)] = []
            if let set = t["set"] {
                guard let st = set.table else { throw .badPlan("\(label) (\(name)): set must be a table, e.g. set = { \"guards.count\" = 12 }") }
                for (key, v, at) in st.flattened() {
                    let label = "\(path):\(at.line): arm \(i + 1)"
                    let spec: ParameterSpec
                    switch VariedKey.lookup(key) {
                    case .success(let s): spec = s
                    case .failure(let e): throw .badPlan("\(label) (\(name)): set: \(e.description)")
                    }
                    guard spec.schedulable else {
                        throw .badPlan("\(label) (\(name)): set: \(key) cannot change during a run (it is fixed at the start); vary it in a plain sweep instead")
                    }
                    switch WorldFile.value(v, for: spec) {
                    case .success(let pv): changes.append((key, pv))
                    case .failure(let e): throw .badPlan("\(label) (\(name)): set: \(e.description)")
                    }
                }
            }
            arms.append(Arm(name: name, changes: changes))
        }
        self.arms = arms
    }
}
