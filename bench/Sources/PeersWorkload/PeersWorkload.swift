import Foundation
import NanoCityEngine

/// `peers-workload [W H N TICKS SEED]`: runs the reference workload and prints the figures
/// PEERS-WORKLOAD.md asks for, one `key=value` per line (what bench/peers/compare.sh reads).
@main
struct PeersWorkload {
    static func main() {
        if CommandLine.arguments.dropFirst().first == "diffusion" {
            diffusion(Array(CommandLine.arguments.dropFirst(2).compactMap { Int($0) }))
            return
        }
        let a = CommandLine.arguments.dropFirst().compactMap { Int($0) }
        let (w, h, n, ticks, seed) = a.count == 5 ? (a[0], a[1], a[2], a[3], a[4]) : (200, 200, 2000, 200, 1)
        guard w >= 3, h >= 3, w * h <= 1 << 26, n >= 4, n <= 50_000_000, ticks >= 1, ticks <= 1_000_000 else {
            FileHandle.standardError.write("usage: peers-workload W H N TICKS SEED (W, H ≥ 3; W·H ≤ 2^26; 4 ≤ N ≤ 5e7)\n".data(using: .utf8)!)
            exit(2)
        }
        let t0 = ContinuousClock.now
        var city = PeersCity(width: w, height: h, agents: n, seed: UInt64(seed))
        let setup = ContinuousClock.now - t0
        var agentTime = Duration.zero, fieldTime = Duration.zero
        let loop0 = ContinuousClock.now
        for _ in 0..<ticks {
            let a0 = ContinuousClock.now
            city.agentPhase()
            let a1 = ContinuousClock.now
            city.fieldPhase()
            agentTime += a1 - a0
            fieldTime += ContinuousClock.now - a1
        }
        let loop = seconds(ContinuousClock.now - loop0)
        print("implementation=nanocity")
        print("order=fixed (agent index order)")
        print("grid=\(w)x\(h) agents=\(n) ticks=\(ticks) seed=\(seed)")
        print(String(format: "setup_s=%.4f", seconds(setup)))
        print(String(format: "loop_s=%.4f", loop))
        print(String(format: "ticks_per_s=%.1f", Double(ticks) / loop))
        print(String(format: "agent_steps_per_s=%.4g", Double(n) * Double(ticks) / loop))
        print(String(format: "agent_phase_s=%.4f", seconds(agentTime)))
        print(String(format: "field_phase_s=%.4f", seconds(fieldTime)))
        print(String(format: "field_ns_per_cell=%.3f", seconds(fieldTime) * 1e9 / Double(w * h * ticks)))
        print(String(format: "toxicity_total=%.2f", city.toxicity.total()))
        print(String(format: "waste_total=%.2f", city.waste.total()))
    }

    /// `diffusion W H STEPS`: the engine's diffusion + decay alone, on the same data as
    /// peers/diffusion.c; ns per cell per step, median of 5 runs.
    static func diffusion(_ a: [Int]) {
        let (w, h, steps) = a.count == 3 ? (a[0], a[1], a[2]) : (512, 512, 200)
        guard w >= 3, h >= 3, w * h <= 1 << 26, steps >= 1 else { print("usage: peers-workload diffusion W H STEPS"); exit(2) }
        var field = ScalarField(size: GridSize(width: w, height: h))
        for i in 0..<(w * h) { field.values[i] = Float((UInt64(i) &* 2654435761 & 0xFFFF_FFFF) % 1000) / 1000 }
        var scratch: [Float] = []
        var times: [Double] = []
        for _ in 0..<5 {
            let t0 = ContinuousClock.now
            for _ in 0..<steps { Diffusion.step(&field, rate: 0.2, decay: 0.99, scratch: &scratch) }
            times.append(seconds(ContinuousClock.now - t0) * 1e9 / Double(w * h * steps))
        }
        print(String(format: "nanocity_diffusion_ns_per_cell=%.3f", times.sorted()[2]))
        print(String(format: "checksum=%.6f", field.values.reduce(0.0) { $0 + Double($1) }))
    }

    static func seconds(_ d: Duration) -> Double {
        let c = d.components
        return Double(c.seconds) + Double(c.attoseconds) * 1e-18
    }
}
