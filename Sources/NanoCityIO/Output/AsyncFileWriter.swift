import Dispatch
import Foundation
import Synchronization

/// Writes frames and snapshots on a background queue so PNG encoding (50–400× a diffusion
/// step) does not stall the simulation. At most `maxInFlight` jobs wait at once, bounding
/// memory; the first failure is kept and reported by `finish()`.
public final class AsyncFileWriter: Sendable {
    private let queue = DispatchQueue(label: "nanocity.writer")
    private let slots: DispatchSemaphore
    private let failure = Mutex<String?>(nil)

    public init(maxInFlight: Int = 4) {
        slots = DispatchSemaphore(value: maxInFlight)
    }

    /// Queues `job`; blocks while `maxInFlight` jobs are pending.
    public func submit(_ job: @escaping @Sendable () throws -> Void) {
        slots.wait()
        queue.async { [self] in
            defer { slots.signal() }
            do { try job() } catch {
                failure.withLock { if $0 == nil { $0 = "\(error)" } }
            }
        }
    }

    /// Waits for every job queued so far; returns the first failure, if any. More may be queued after.
    public func wait() -> String? {
        queue.sync {}
        return failure.withLock { $0 }
    }

    /// Waits for every queued job; returns the first failure, if any.
    public func finish() -> String? {
        queue.sync {}
        return failure.withLock { $0 }
    }
}
