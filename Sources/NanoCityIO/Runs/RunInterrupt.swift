import Foundation
import Synchronization

/// Ctrl-C (SIGINT), SIGTERM and SIGHUP handling: the first signal asks runs to stop cleanly at the
/// end of the current tick (outputs are closed and the manifest says "interrupted"); a second
/// one exits at once.
public enum RunInterrupt {
    static let flag = Atomic<Int>(0)

    public static var requested: Bool { flag.load(ordering: .relaxed) > 0 }

    public static func install() {
        let handler: @convention(c) (Int32) -> Void = { sig in
            if RunInterrupt.flag.add(1, ordering: .relaxed).newValue > 1 { _exit(128 + sig) }
        }
        signal(SIGINT, handler)
        signal(SIGTERM, handler)
        signal(SIGHUP, handler)  // a closed terminal or ssh session: stop cleanly too
    }
}
