import Foundation
import Testing

/// The generated tables in `docs/reference.md` are the program's own output, to the byte: a
/// parameter, metric or default changed without regenerating them fails here.
@Suite struct DocsTests {
    @Test func referenceTablesAreCurrent() throws {
        let doc = CLI.read(CLI.repoRoot + "/docs/reference.md")
        for args in [["params", "--markdown"], ["params", "--metrics", "--markdown"]] {
            let r = try CLI.run(args)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.split(separator: "\n").count > 10)
            #expect(doc.contains(r.stdout), "docs/reference.md is stale: paste the output of `nanocity \(args.joined(separator: " "))`")
        }
    }
}
