import Foundation
import PropertyBased
import Testing
import NanoCityModel
@testable import NanoCityIO

/// parse(print(world)) == world for random parameter sets and schedules, including strings
/// with quotes, backslashes, newlines, control characters and non-ASCII text.
@Suite struct WorldRoundTripPropertyTests {
    static let specs = ParameterCatalog.all.map(WorldKey.parameter) + FrameSettings.catalog.map(WorldKey.frame)
    static let schedulable = ParameterCatalog.all.filter(\.schedulable)
    static let texts = ["", "plain", "quote \" and 'single'", "back\\slash", "line\nbreak\r\n", "tab\there", "bell\u{07}del\u{7F}",
                        "é 🙂 ü", "\u{2028}", "[not a table]", "# not a comment", "key = value", "\"\"\"", "'''"]

    /// A value inside `spec`'s allowed range, picked by `u` in [0, 1).
    static func value(for type: ParameterType, _ u: Double, _ text: Int) -> ParameterValue {
        switch type {
        case .int(let r):
            let span = Double(r.upperBound) - Double(r.lowerBound)
            let v = Double(r.lowerBound) + (u * span).rounded(.down)
            return .int(v >= Double(r.upperBound) ? r.upperBound : max(r.lowerBound, Int(v)))
        case .double(let r): return .double(min(r.upperBound, r.lowerBound + u * (r.upperBound - r.lowerBound)))
        case .bool: return .bool(u < 0.5)
        case .choice(let c): return .string(c[min(c.count - 1, Int(u * Double(c.count)))])
        case .text: return .string(texts[text % texts.count])
        }
    }

    @Test func printedWorldsReadBackEqual() async {
        let changes = zip(Gen.int(in: 0..<Self.specs.count), Gen.double(in: 0..<1), Gen.int(in: 0..<100)).array(of: 0...25)
        let schedule = zip(Gen.int(in: 0..<Self.schedulable.count), Gen.double(in: 0..<1), Gen.int(in: 0...5)).array(of: 0...12)
        await propertyCheck(count: 200, input: changes, schedule) { changes, schedule in
            var world = World(parameters: WorldParameters(), origin: "random", baseDirectory: "/")
            for (i, u, t) in changes {
                Self.specs[i].apply(Self.value(for: Self.specs[i].type, u, t), to: &world)
            }
            // Entries on distinct ticks, each key once, keys sorted (the order a reader gives).
            var byTick: [Int: [String: ParameterValue]] = [:]
            for (i, u, tick) in schedule {
                byTick[tick * 7, default: [:]][Self.schedulable[i].key] = Self.value(for: Self.schedulable[i].type, u, tick)
            }
            world.parameters.schedule = byTick.keys.sorted().map { tick in
                ScheduleEntry(tick: tick, changes: byTick[tick]!.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
            }
            let text = WorldFileWriter.text(world)
            do {
                let back = try WorldFile.parse(text: text, origin: "printed.toml", baseDirectory: "/")
                #expect(back.parameters == world.parameters, "\(text)")
                #expect(back.frames == world.frames, "\(text)")
            } catch {
                Issue.record("printed world rejected: \(error)\n\(text)")
            }
        }
    }

    /// The shipped worlds survive the round trip too.
    @Test func shippedWorldsRoundTrip() throws {
        let dir = WorldFileTests.repoRoot + "/worlds"
        for name in try FileManager.default.contentsOfDirectory(atPath: dir) where name.hasSuffix(".toml") {
            let world = try WorldFile.load(path: dir + "/" + name)
            let back = try WorldFile.parse(text: WorldFileWriter.text(world), origin: name, baseDirectory: dir)
            #expect(back.parameters == world.parameters, "\(name)")
            #expect(back.frames == world.frames, "\(name)")
        }
    }
}
