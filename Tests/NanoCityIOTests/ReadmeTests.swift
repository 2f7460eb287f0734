import Foundation
import Testing
@testable import NanoCityModel
import NanoCityIO

/// The reference (`docs/reference.md`) documents every parameter, metric and event kind (its
/// tables come from `nanocity params --markdown` / `--metrics --markdown`; DocsTests checks
/// they are the program's output to the byte). The README itself stays a readable entry.
@Suite struct ReadmeTests {
    static let readme = (try? String(contentsOfFile: WorldFileTests.repoRoot + "/docs/reference.md", encoding: .utf8)) ?? ""
    static let entry = (try? String(contentsOfFile: WorldFileTests.repoRoot + "/README.md", encoding: .utf8)) ?? ""

    /// A readable entry: a table of contents, at most 500 lines; long material lives in docs/.
    @Test func readmeIsAShortEntryWithContents() {
        #expect(Self.entry.contains("\n## Contents\n"))
        #expect(Self.entry.split(separator: "\n", omittingEmptySubsequences: false).count <= 500)
    }

    @Test func everyParameterIsInTheReferenceTable() {
        for key in WorldKey.allKeys {
            #expect(Self.readme.contains("| `\(key)` |"), "docs/reference.md lacks parameter \(key): run `nanocity params --markdown`")
        }
    }

    @Test func everyMetricAndEventKindIsDocumented() {
        for m in MetricCatalog.all { #expect(Self.readme.contains("| `\(m.name)` |"), "docs/reference.md lacks metric \(m.name)") }
        for k in EventKind.allCases { #expect(Self.readme.contains("| `\(k.rawValue)` |"), "docs/reference.md lacks event kind \(k.rawValue)") }
    }
}
