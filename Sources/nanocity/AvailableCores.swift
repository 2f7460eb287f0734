import Foundation

/// Cores this process may run on: on Linux its CPU affinity mask (`Cpus_allowed` in
/// /proc/self/status — what Slurm, `taskset` and cgroup cpusets restrict), else the online
/// cores. The defaults of `--threads` and `--jobs`: a job given 4 cores of a 64-core node
/// starts 4 workers, not 64.
enum AvailableCores {
    static var count: Int {
        let online = max(1, ProcessInfo.processInfo.activeProcessorCount)
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed:") }) else { return online }
        // A hexadecimal mask in 32-bit groups separated by commas, e.g. "ff" or "00000000,0000000f".
        var allowed = 0
        for ch in line.dropFirst("Cpus_allowed:".count) {
            if let digit = ch.hexDigitValue { allowed += digit.nonzeroBitCount }
        }
        return allowed > 0 ? min(allowed, online) : online
    }
}
