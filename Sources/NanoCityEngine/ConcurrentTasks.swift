import Dispatch

/// Runs a fixed number of independent tasks on up to `threads` cores. Which core runs a task
/// never changes what it computes, so callers whose tasks write disjoint outputs get the same
/// bits for any `threads`.
public enum ConcurrentTasks {
    /// Runs `body(0)`, …, `body(count − 1)`, each exactly once: in order on the calling thread
    /// when `threads` ≤ 1 or `count` ≤ 1, else on `min(threads, count)` workers (task `k` on
    /// worker `k mod workers`). Returns when all have finished. `body` must not write what
    /// another task reads or writes.
    public static func run(count: Int, threads: Int, _ body: (Int) -> Void) {
        let workers = min(max(1, threads), count)
        guard workers > 1 else {
            for k in 0..<max(0, count) { body(k) }
            return
        }
        // Task bodies capture buffer pointers (not Sendable); sharing them is safe because
        // tasks write disjoint memory and `concurrentPerform` returns after every worker.
        withoutActuallyEscaping(body) { body in
            let task = Task(body: body)
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                for k in stride(from: w, to: count, by: workers) { task.body(k) }
            }
        }
    }

    private struct Task: @unchecked Sendable {
        let body: (Int) -> Void
    }
}
