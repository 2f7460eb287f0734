import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore

/// The web server of `nanocity explore`: the page at `/`, the session's socket at `/ws`.
///
/// Every request must carry the access token (`?token=`) and name this server in its Host
/// header (a page from elsewhere that rebinds a name to 127.0.0.1 is refused); a socket must
/// also come from this server's own page (its Origin). HTTP headers and bodies are bounded by
/// SwiftNIO's parser, socket frames by `maxFrameSize` and command messages by
/// `ClientCommand.maxBytes`.
public struct ExploreServer: Sendable {
    /// Largest WebSocket frame read or written; larger outgoing messages are split.
    public static let maxFrameSize = 1 << 16

    public let host: String
    public let port: Int
    public let token: AccessToken
    public let driver: SessionDriver

    public init(host: String, port: Int, token: AccessToken, driver: SessionDriver) {
        self.host = host
        self.port = port
        self.token = token
        self.driver = driver
    }

    /// The page's address with the token, once bound to `port`.
    public func url(port: Int) -> String {
        let h = host.contains(":") ? "[\(host)]" : host
        return "http://\(h):\(port)/?token=\(token.value)"
    }

    /// Serves until SIGINT or SIGTERM; `onListening` gets the port bound (the one asked for,
    /// or a free one for port 0).
    public func run(onListening: @escaping @Sendable (Int) -> Void) async throws {
        let guardrail = RequestGuard(token: token, host: host)
        let router = Router()
        router.get("/") { request, _ -> Response in
            if let refusal = guardrail.refusal(path: request.uri.path, token: request.uri.queryParameters["token"],
                                               host: request.head.authority) {
                return Self.plain(refusal.status, refusal.message)
            }
            var headers = Self.securityHeaders
            headers[.contentType] = "text/html; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: ExplorePage.html)))
        }
        router.get("/**") { request, _ -> Response in
            if let refusal = guardrail.refusal(path: request.uri.path, token: request.uri.queryParameters["token"],
                                               host: request.head.authority) {
                return Self.plain(refusal.status, refusal.message)
            }
            return Self.plain(.notFound, "not found: the page is at /, its socket at /ws")
        }
        let driver = self.driver
        var logger = Logger(label: "nanocity.explore")
        logger.logLevel = .warning
        let app = Application(
            router: router,
            server: .http1WebSocketUpgrade(configuration: .init(ws: .init(maxFrameSize: Self.maxFrameSize, autoPing: .enabled(timePeriod: .seconds(20))))) { request, _, _ in
                let path = request.path ?? ""
                guard path == "/ws" || path.hasPrefix("/ws?") else { return .dontUpgrade }
                if guardrail.refusal(path: "/ws", token: RequestGuard.queryValue("token", in: path), host: request.authority) != nil
                    || !guardrail.allowsOrigin(request.headerFields[.origin], host: request.authority) {
                    return .dontUpgrade
                }
                return .upgrade([:]) { inbound, outbound, _ in
                    guard let (id, wake) = driver.hub.join() else {
                        try await outbound.write(.text(#"{"type":"error","message":"too many pages watch this session"}"#))
                        return
                    }
                    driver.greet(id)
                    // One task sends (newest update only), this one reads commands.
                    let sender = Task {
                        for await _ in wake {
                            let (notices, update) = driver.hub.take(id)
                            for n in notices {
                                switch n {
                                case .text(let t): try await outbound.write(.text(t))
                                case .binary(let b): try await outbound.write(.binary(ByteBuffer(bytes: b)))
                                }
                            }
                            if let update {
                                try await outbound.write(.text(update.state))
                                for f in update.frames { try await outbound.write(.binary(ByteBuffer(bytes: f))) }
                            }
                        }
                    }
                    defer {
                        driver.hub.leave(id)
                        sender.cancel()
                    }
                    for try await message in inbound.messages(maxSize: ClientCommand.maxBytes) {
                        let bytes: [UInt8]
                        switch message {
                        case .text(let t): bytes = Array(t.utf8)
                        case .binary(let b): bytes = Array(b.readableBytesView)
                        }
                        do throws(CommandError) {
                            let command = try ClientCommand.decode(bytes)
                            if !driver.enqueue(command, from: id) {
                                driver.hub.notify(id, #"{"type":"error","message":"too many commands waiting; try again"}"#)
                            }
                        } catch {
                            driver.hub.notify(id, JSONValueText.error(error.description))
                        }
                    }
                }
            },
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in onListening(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        try await app.runService()
    }

    static let securityHeaders: HTTPFields = [
        .cacheControl: "no-store",
        // The token is in the page's address: never send it to another site.
        HTTPField.Name("Referrer-Policy")!: "no-referrer",
        HTTPField.Name("X-Frame-Options")!: "DENY",
        HTTPField.Name("X-Content-Type-Options")!: "nosniff",
        .contentSecurityPolicy: "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src blob: data:; connect-src 'self'",
    ]

    static func plain(_ status: HTTPResponse.Status, _ message: String) -> Response {
        var headers = securityHeaders
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: message + "\n")))
    }
}

/// JSON notices built without a session (the socket's own errors).
enum JSONValueText {
    static func error(_ message: String) -> String {
        var out = #"{"type":"error","message":""#
        for ch in message.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where ch.value < 0x20: out += String(format: "\\u%04x", ch.value)
            default: out.unicodeScalars.append(ch)
            }
        }
        return out + "\"}"
    }
}
