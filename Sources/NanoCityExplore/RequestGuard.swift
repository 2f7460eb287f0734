import HTTPTypes

/// Who may use the server: requests with the token, addressed to this machine by a name
/// that is not another site's (DNS rebinding), and sockets opened by this server's page.
public struct RequestGuard: Sendable {
    public let token: AccessToken
    /// The address the server binds (`--host`).
    public let host: String

    public init(token: AccessToken, host: String) {
        self.token = token
        self.host = host
    }

    public struct Refusal: Sendable, Equatable {
        public var status: HTTPResponse.Status
        public var message: String
    }

    /// Names a page may use for this server: the loopback names, and the bound address.
    var localNames: Set<String> {
        var names: Set<String> = ["127.0.0.1", "localhost", "[::1]", "::1"]
        names.insert(host.contains(":") ? "[\(host)]" : host)
        return names
    }

    /// Whether a bound wildcard address (0.0.0.0, ::) lets any name reach the server.
    var anyName: Bool { host == "0.0.0.0" || host == "::" || host == "[::]" }

    /// The host part of a Host header (`name:port`, `[v6]:port`).
    static func hostPart(_ authority: String) -> String {
        if authority.hasPrefix("["), let end = authority.firstIndex(of: "]") { return String(authority[...end]) }
        return String(authority.prefix { $0 != ":" })
    }

    /// The value of `name` in the query of `target` (`/ws?token=…&x=1`), undecoded (the
    /// token's alphabet needs no percent-encoding).
    public static func queryValue(_ name: String, in target: String) -> Substring? {
        guard let q = target.firstIndex(of: "?") else { return nil }
        for pair in target[target.index(after: q)...].split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if kv.count == 2, kv[0] == name { return kv[1] }
        }
        return nil
    }

    /// Why a request is refused (nil: it may proceed).
    public func refusal(path: String, token given: Substring?, host authority: String?) -> Refusal? {
        guard let authority, anyName || localNames.contains(Self.hostPart(authority).lowercased()) else {
            return Refusal(status: .forbidden, message: "this server answers only to \(localNames.sorted().joined(separator: ", ")) in the Host header")
        }
        guard token.matches(given) else {
            return Refusal(status: .forbidden,
                           message: "add ?token=… to the address: `nanocity explore` prints the whole address when it starts")
        }
        return nil
    }

    /// Whether a socket's Origin header is this server's own page.
    public func allowsOrigin(_ origin: String?, host authority: String?) -> Bool {
        guard let origin, let authority else { return false }
        return origin.lowercased() == "http://" + authority.lowercased()
    }
}
