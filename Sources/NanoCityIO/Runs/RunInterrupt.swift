import Foundation
import Synchronization

/// Ctrl-C (SIGINT), SIGTERM, SIGHUP and SIGQUIT handling: the first signal asks runs to stop cleanly at the
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
        signal(SIGQUIT, handler)  // Ctrl-\\: the same, not the runtime's crash report (which then ran on)
        signal(SIGXFSZ, SIG_IGN)  // a file-size limit: let the write fail with EFBIG and report it
        // A parent may have started us with these signals blocked (the mask is inherited):
        // unblock them, or a scheduler's SIGTERM would never reach the handler.
        var set = sigset_t()
        sigemptyset(&set)
        for s in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] { sigaddset(&set, s) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}
