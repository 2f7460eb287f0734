import Foundation
import Testing
@testable import NanoCityModel

/// The README documents every parameter, metric and event kind (its tables come from
/// `nanocity params --markdown` / `--metrics --markdown`; this catches a table left stale).
@Suite struct ReadmeTests {
    static let readme = (try? String(contentsOfFile: WorldFileTests.repoRoot + "/README.md", encoding: .utf8)) ?? ""

    @Test func everyParameterIsInTheReferenceTable() {
        for spec in ParameterCatalog.all {
            #expect(Self.readme.contains("| `\(spec.key)` |"), "README lacks parameter \(spec.key): run `nanocity params --markdown`")
        }
    }

    @Test func everyMetricAndEventKindIsDocumented() {
        for m in MetricCatalog.all { #expect(Self.readme.contains("| `\(m.name)` |"), "README lacks metric \(m.name)") }
        for k in EventKind.allCases { #expect(Self.readme.contains("| `\(k.rawValue)` |"), "README lacks event kind \(k.rawValue)") }
    }
}
