import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
@testable import NanoCityExplore
import NanoCityIO

/// The server in-process on a free port: the page with the token, 403 without it or with a
/// foreign Host. (The socket and the page itself are checked in a real browser by
/// scripts/explore-browser-check.py.)
@Suite struct ExploreServerTests {
    @Test func servesThePageOnlyWithTheTokenAndALocalHost() async throws {
        let s = try LiveSessionTests.session("server")
        let driver = SessionDriver(session: s, view: try LiveView(session: s), hub: ClientHub())
        driver.start()
        let server = ExploreServer(host: "127.0.0.1", port: 0, token: AccessToken(), driver: driver)
        let (ports, bound) = AsyncStream<Int>.makeStream()
        let task = Task { try await server.run { bound.yield($0) } }
        var it = ports.makeAsyncIterator()
        let port = try #require(await it.next())
        #expect(port > 0)
        func get(_ target: String, host: String? = nil) async throws -> (Int, String) {
            var req = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(target)")!)
            if let host { req.setValue(host, forHTTPHeaderField: "Host") }
            let (data, response) = try await URLSession.shared.data(for: req)
            return ((response as! HTTPURLResponse).statusCode, String(decoding: data, as: UTF8.self))
        }
        let page = try await get("/?token=\(server.token.value)")
        #expect(page.0 == 200 && page.1.contains("<canvas"))
        #expect(try await get("/").0 == 403)
        #expect(try await get("/?token=\(server.token.value)x").0 == 403)
        #expect(try await get("/?token=\(server.token.value)", host: "evil.example:\(port)").0 == 403)
        #expect(try await get("/other?token=\(server.token.value)").0 == 404)
        #expect(server.url(port: port) == "http://127.0.0.1:\(port)/?token=\(server.token.value)")
        task.cancel()
        _ = try? await task.value
        #expect(driver.stop() == nil)
    }
}
