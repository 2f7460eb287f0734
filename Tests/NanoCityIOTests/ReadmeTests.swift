import Foundation
import Testing
@testable import NanoCityModel
import NanoCityIO

/// The README documents every parameter, metric and event kind (its tables come from
/// `nanocity params --markdown` / `--metrics --markdown`; this catches a table left stale).
@Suite struct ReadmeTests {
    static let readme = (try? String(contentsOfFile: WorldFileTests.repoRoot + "/README.md", encoding: .utf8)) ?? ""

    @Test func everyParameterIsInTheReferenceTable() {
        for key in WorldKey.allKeys {
            #expect(Self.readme.contains("| `\(key)` |"), "README lacks parameter \(key): run `nanocity params --markdown`")
        }
    }

    @Test func everyMetricAndEventKindIsDocumented() {
        for m in MetricCatalog.all { #expect(Self.readme.contains("| `\(m.name)` |"), "README lacks metric \(m.name)") }
        for k in EventKind.allCases { #expect(Self.readme.contains("| `\(k.rawValue)` |"), "README lacks event kind \(k.rawValue)") }
    }
}
