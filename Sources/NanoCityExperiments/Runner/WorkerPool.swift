import Dispatch
import Foundation
import Synchronization

/// `jobs` threads (8 MiB stacks, for the model's deeper frames) that take task indices
/// 0..<tasks in ascending order, so tasks start in order whatever finishes first. A worker
/// ends when the tasks run out, when `keepGoing` says no before a task, or when its task
/// returns false. Returns when every worker has ended.
enum WorkerPool {
    static func run(tasks: Int, jobs: Int, keepGoing: @escaping @Sendable () -> Bool, _ body: @escaping @Sendable (Int) -> Bool) {
        let next = Atomic<Int>(0)
        let group = DispatchGroup()
        for _ in 0..<max(1, min(jobs, tasks)) {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                while true {
                    let t = next.add(1, ordering: .relaxed).oldValue
                    guard t < tasks, keepGoing(), body(t) else { return }
                }
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
    }
}
