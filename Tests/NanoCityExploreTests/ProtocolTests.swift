import Foundation
import Testing
@testable import NanoCityExplore
import NanoCityIO

/// What the server reads from the network: commands, tokens, hosts and origins.
@Suite struct ProtocolTests {
    static func decode(_ s: String) -> Result<ClientCommand, CommandError> {
        do throws(CommandError) { return .success(try ClientCommand.decode(Array(s.utf8))) } catch { return .failure(error) }
    }

    @Test func commandsAreReadAndChecked() throws {
        #expect(try Self.decode(#"{"op":"set","key":"guards.count","value":"20","branch":"b"}"#).get()
                == ClientCommand(op: .set, key: "guards.count", value: "20", branch: .b))
        #expect(try Self.decode(#"{"op":"speed","ticks_per_second":30}"#).get().ticksPerSecond == 30)
        #expect(try Self.decode(#"{"op":"step","count":10}"#).get().count == 10)
        for bad in [#"{"op":"set","key":"a"}"#, #"{"op":"speed"}"#, #"{"op":"speed","ticks_per_second":-1}"#,
                    #"{"op":"step","count":0}"#, #"{"op":"layers","layers":"nonsense"}"#, #"{"op":"launch"}"#, "[1,2",
                    #"{"op":"set","key":"k","value":5}"#, #"{"op":"set","key":"k","value":""# + String(repeating: "x", count: 300) + #""}"#] {
            guard case .failure = Self.decode(bad) else { Issue.record("accepted \(bad)"); continue }
        }
        let huge = #"{"op":"play","key":""# + String(repeating: "x", count: ClientCommand.maxBytes) + #""}"#
        #expect(throws: CommandError.tooLarge(huge.utf8.count)) { try ClientCommand.decode(Array(huge.utf8)) }
        // Deep nesting is bounded by the message size, and refused as a shape.
        guard case .failure = Self.decode(String(repeating: "[", count: 4000)) else { Issue.record("nesting accepted"); return }
    }

    @Test func tokensAreLongRandomAndComparedWhole() {
        let t = AccessToken(), u = AccessToken()
        #expect(t.value.utf8.count >= 32 && t != u)
        #expect(t.value.utf8.allSatisfy { AccessToken.alphabet.contains($0) })
        #expect(t.matches(Substring(t.value)))
        #expect(!t.matches(Substring(t.value.dropLast())))
        #expect(!t.matches(Substring(t.value + "x")))
        #expect(!t.matches(nil) && !t.matches(""))
        #expect(AccessToken("short") == nil && AccessToken(String(repeating: "a", count: 31) + "!") == nil)
    }

    @Test func requestsNeedTheTokenAndALocalHostName() {
        let t = AccessToken()
        let g = RequestGuard(token: t, host: "127.0.0.1")
        let tok = Substring(t.value)
        #expect(g.refusal(path: "/", token: tok, host: "127.0.0.1:8765") == nil)
        #expect(g.refusal(path: "/", token: tok, host: "localhost:8765") == nil)
        #expect(g.refusal(path: "/", token: tok, host: "[::1]:8765") == nil)
        #expect(g.refusal(path: "/", token: tok, host: "evil.example:8765")?.status == .forbidden)
        #expect(g.refusal(path: "/", token: tok, host: nil)?.status == .forbidden)
        #expect(g.refusal(path: "/", token: "nope", host: "127.0.0.1:8765")?.status == .forbidden)
        #expect(g.allowsOrigin("http://127.0.0.1:8765", host: "127.0.0.1:8765"))
        #expect(!g.allowsOrigin("http://evil.example", host: "127.0.0.1:8765"))
        #expect(!g.allowsOrigin(nil, host: "127.0.0.1:8765"))
        #expect(RequestGuard.queryValue("token", in: "/ws?x=1&token=abc") == "abc")
        #expect(RequestGuard.queryValue("token", in: "/ws?tokenx=abc") == nil)
        #expect(RequestGuard.queryValue("token", in: "/ws") == nil)
    }

    @Test func aSlowPageGetsOnlyTheNewestUpdate() async {
        let hub = ClientHub()
        let (id, _) = hub.join()!
        hub.publish(LiveUpdate(state: "before hello", frames: []))
        #expect(hub.take(id).update == nil)  // not greeted yet
        hub.greet(id, "hello")
        #expect(hub.take(id).notices == [.text("hello")])
        for i in 0..<10 { hub.publish(LiveUpdate(state: "\(i)", frames: [])) }
        for i in 0..<(ClientHub.maxNotices + 5) { hub.notify(id, "n\(i)") }
        let (notices, update) = hub.take(id)
        #expect(update?.state == "9")
        #expect(notices.count == ClientHub.maxNotices && notices.first == .text("n5"))
        #expect(hub.take(id).update == nil)
        hub.leave(id)
        #expect(hub.count == 0)
        var ids: [Int] = []
        while let j = hub.join() { ids.append(j.id) }
        #expect(ids.count == ClientHub.maxClients)
    }
}
