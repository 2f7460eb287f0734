import Foundation
import NanoCityEngine
import NanoCityIO
import NanoCityModel
import NanoCityAnalysis

/// Parameter values for a fork's replicates drawn from a calibration's posterior
/// (`sweep --fork-at T --arms A --posterior posterior.csv --draws K`): replicate r runs at draw
/// r, so the K paired differences are K independent draws of the policy effect from its
/// posterior predictive distribution, and their interval carries both the run-to-run noise
/// and the uncertainty about the parameters.
///
/// The draws are the last generation's particles of `posterior.csv`, sampled by weight with
/// replacement from xoshiro256** seeded by SplitMix64.derive(fork seed, 4·10⁶).
public struct PosteriorDraws: Sendable {
    public let path: String
    public let fingerprint: String
    public let generation: Int
    public let keys: [String]
    /// Per draw: the posterior row it took (particle index in its generation) and its values.
    public let particles: [Int]
    public let values: [[ParameterValue]]

    public static let maxBytes = 256 << 20
    /// Bounds that keep the draws `sweep.json` records within what a plan reader takes.
    public static let maxDraws = 10_000, maxKeys = 64

    public init(path: String, draws: Int, seed: UInt64) throws(SweepError) {
        guard draws >= 2 && draws <= Self.maxDraws else { throw .badPlan("--draws must be 2…\(Self.maxDraws) (paired differences need at least 2), got \(draws)") }
        let data: Data
        switch BoundedRead.read(path, limit: Self.maxBytes) {
        case .success(let d): data = d
        case .failure(let p): throw .badPlan("\(path): cannot read the posterior: it \(p)")
        }
        self.path = path
        fingerprint = FNV1a.hex(data)
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        guard let header = lines.first?.split(separator: ",").map(String.init),
              Array(header.prefix(4)) == ["generation", "particle", "weight", "distance"], header.count > 4 else {
            throw .badPlan("\(path): line 1: not a posterior.csv (it begins generation,particle,weight,distance, then parameter keys)")
        }
        keys = Array(header.dropFirst(4))
        guard keys.count <= Self.maxKeys else { throw .badPlan("\(path): line 1: \(keys.count) parameters; at most \(Self.maxKeys)") }
        var specs: [ParameterSpec] = []
        for k in keys { specs.append(try Self.spec(k, at: "\(path): line 1")) }
        var rows: [(g: Int, weight: Double, values: [Double])] = []
        for (i, line) in lines.dropFirst().enumerated() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            guard f.count == header.count, let g = Int(f[0]), let w = Double(f[2]), w.isFinite, w >= 0 else {
                throw .badPlan("\(path):\(i + 2): expected \(header.count) fields: generation, particle, weight ≥ 0, distance, values")
            }
            let v = f.dropFirst(4).compactMap { Double($0) }
            guard v.count == keys.count, v.allSatisfy(\.isFinite) else { throw .badPlan("\(path):\(i + 2): a parameter value is not a number") }
            rows.append((g, w, v))
        }
        guard let last = rows.map(\.g).max() else { throw .badPlan("\(path): holds no particles") }
        generation = last
        let posterior = rows.filter { $0.g == last }
        let total = posterior.reduce(0) { $0 + $1.weight }
        guard total > 0 else { throw .badPlan("\(path): generation \(last)'s weights sum to 0") }
        var cumulative: [Double] = []
        var acc = 0.0
        for r in posterior { acc += r.weight; cumulative.append(acc) }
        var rng = Xoshiro256StarStar(seed: SplitMix64.derive(base: seed, index: 4_000_000))
        var particles: [Int] = [], values: [[ParameterValue]] = []
        for _ in 0..<draws {
            let u = rng.uniform() * acc
            var lo = 0, hi = cumulative.count - 1
            while lo < hi { let mid = (lo + hi) / 2; if cumulative[mid] > u { hi = mid } else { lo = mid + 1 } }
            particles.append(lo)
            var row: [ParameterValue] = []
            for (j, spec) in specs.enumerated() {
                let x = posterior[lo].values[j]
                let candidate: ParameterValue
                if case .int = spec.type { candidate = .int(Int(exactly: x.rounded()) ?? 0) } else { candidate = .double(x) }
                row.append(try Self.coerced(candidate, spec, at: "\(path): particle \(lo) of generation \(last)"))
            }
            values.append(row)
        }
        self.particles = particles
        self.values = values
    }

    /// The draws a fork's `sweep.json` recorded (`posterior_keys`, `posterior_draws`), for a
    /// capsule's verification: the same values without the posterior file.
    public init(recordedKeys: [String], draws: [[RecordedValue]], path: String) throws(SweepError) {
        self.path = path
        fingerprint = ""
        generation = 0
        keys = recordedKeys
        var particles: [Int] = [], values: [[ParameterValue]] = []
        for (r, d) in draws.enumerated() {
            guard d.count == recordedKeys.count + 1, case .int(let particle) = d[0] else { throw .badPlan("\(path): posterior_draws[\(r)]: expected [particle, values]") }
            var row: [ParameterValue] = []
            for (k, v) in zip(recordedKeys, d.dropFirst()) {
                row.append(try Self.coerced(v.parameterValue, try Self.spec(k, at: "\(path): posterior_keys"), at: "\(path): posterior_draws[\(r)]"))
            }
            particles.append(particle)
            values.append(row)
        }
        self.particles = particles
        self.values = values
    }

    /// The catalog entry of a posterior's parameter `key`: one a fork can vary (not a frame
    /// setting, not `map.*`, which every replicate of a fork shares).
    static func spec(_ key: String, at place: String) throws(SweepError) -> ParameterSpec {
        if key.hasPrefix("map.") { throw .badPlan("\(place): \(key): a fork shares one map across replicates; a posterior over map.* cannot be forked") }
        switch VariedKey.lookup(key) {
        case .success(let s): return s
        case .failure(let e): throw .badPlan("\(place): \(e.description)")
        }
    }

    static func coerced(_ v: ParameterValue, _ spec: ParameterSpec, at place: String) throws(SweepError) -> ParameterValue {
        switch spec.coerce(v) {
        case .success(let c): return c
        case .failure(let e): throw .badPlan("\(place): \(e.description)")
        }
    }

    /// `parameters` at draw `r`.
    public func applied(_ r: Int, to parameters: WorldParameters) -> WorldParameters {
        var p = parameters
        for (k, v) in zip(keys, values[r]) { ParameterCatalog.spec(for: k)?.apply(v, to: &p) }
        return p
    }

    var json: [(String, JSONValue)] {
        [("posterior_file", .string(path)), ("posterior_fingerprint", .string(fingerprint)), ("posterior_generation", .int(generation)),
         ("posterior_keys", .array(keys.map { .string($0) })),
         ("posterior_draws", .array(zip(particles, values).map { p, v in .array([.int(p)] + v.map(Manifest.json)) })),
         ("posterior_note", .string("replicate r runs at posterior draw r (drawn by weight from the last generation): "
            + "the paired differences' intervals carry run noise and parameter uncertainty"))]
    }
}
