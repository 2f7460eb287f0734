import Foundation
import Testing
@testable import NanoCityModel
@testable import NanoCityIO

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

/// docs/model.md is compiled into the binary for `nanocity describe`: the two must not drift.
@Suite struct EmbeddedModelDocTests {
    @Test func theEmbeddedModelTextIsDocsModelMd() throws {
        let file = try String(contentsOfFile: WorldFileTests.repoRoot + "/docs/model.md", encoding: .utf8)
        #expect(EmbeddedModelDoc.markdown + "\n" == file, "regenerate with scripts/embed-model-doc.sh")
    }
}
