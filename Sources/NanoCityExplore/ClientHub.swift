import Foundation

/// What the session sends every watching page at once: the state as JSON text, then the
/// pictures as binary messages.
public struct LiveUpdate: Sendable {
    public var state: String
    public var frames: [[UInt8]]
}

/// A message queued for one page (or all): text (JSON) or binary (a frame).
public enum Notice: Sendable, Equatable {
    case text(String)
    case binary([UInt8])
}

/// The pages watching a session. Each has a mailbox holding only the newest update (a slow
/// or vanished page misses frames; the simulation never waits for it) and a short queue of
/// notices (replies, changes, errors), of which the oldest are dropped past `maxNotices`.
public final class ClientHub: @unchecked Sendable {
    public static let maxClients = 32
    public static let maxNotices = 64

    struct Mailbox {
        var update: LiveUpdate?
        var notices: [Notice] = []
        /// Whether the page has been sent its `hello` (updates before it would mean nothing).
        var greeted = false
        let signal: AsyncStream<Void>.Continuation
    }

    private let lock = NSLock()
    private var boxes: [Int: Mailbox] = [:]
    private var nextID = 0

    public init() {}

    public var count: Int { lock.withLock { boxes.count } }

    /// A new page's id and the stream that wakes its sender; nil when `maxClients` watch.
    public func join() -> (id: Int, wake: AsyncStream<Void>)? {
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        return lock.withLock {
            guard boxes.count < Self.maxClients else { return nil }
            nextID += 1
            boxes[nextID] = Mailbox(signal: continuation)
            return (nextID, stream)
        }
    }

    public func leave(_ id: Int) {
        let box = lock.withLock { boxes.removeValue(forKey: id) }
        box?.signal.finish()
    }

    /// Queues page `id`'s `hello`; from then on it receives updates.
    public func greet(_ id: Int, _ hello: String) {
        let signal: AsyncStream<Void>.Continuation? = lock.withLock {
            guard boxes[id] != nil else { return nil }
            boxes[id]!.notices.append(.text(hello))
            boxes[id]!.greeted = true
            return boxes[id]!.signal
        }
        signal?.yield()
    }

    /// Replaces the pending update of every greeted page with `update`.
    public func publish(_ update: LiveUpdate) {
        let signals = lock.withLock {
            var out: [AsyncStream<Void>.Continuation] = []
            for id in boxes.keys where boxes[id]!.greeted {
                boxes[id]!.update = update
                out.append(boxes[id]!.signal)
            }
            return out
        }
        for s in signals { s.yield() }
    }

    /// Queues a notice for page `id`, or for every page when `id` is nil.
    public func notify(_ id: Int?, _ text: String) { notify(id, .text(text)) }

    public func notify(_ id: Int?, _ notice: Notice) {
        let signals = lock.withLock {
            let ids = id.map { [$0] } ?? Array(boxes.keys)
            var out: [AsyncStream<Void>.Continuation] = []
            for i in ids where boxes[i] != nil {
                boxes[i]!.notices.append(notice)
                if boxes[i]!.notices.count > Self.maxNotices { boxes[i]!.notices.removeFirst() }
                out.append(boxes[i]!.signal)
            }
            return out
        }
        for s in signals { s.yield() }
    }

    /// What page `id` has waiting: notices first, then the newest update.
    public func take(_ id: Int) -> (notices: [Notice], update: LiveUpdate?) {
        lock.withLock {
            guard var box = boxes[id] else { return ([], nil) }
            let out = (box.notices, box.update)
            box.notices = []
            box.update = nil
            boxes[id] = box
            return out
        }
    }

    /// Ends every page's stream (the server is stopping).
    public func closeAll() {
        let signals = lock.withLock { let s = boxes.values.map(\.signal); boxes = [:]; return s }
        for s in signals { s.finish() }
    }
}
