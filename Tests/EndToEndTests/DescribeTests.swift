import Foundation
import Testing

/// `nanocity describe`: the ODD document of every shipped world describes every parameter,
/// phase, agent kind, metric and event kind; docs/odd-default.md is the program's own output;
/// the HTML form is a page without scripts.
@Suite struct DescribeTests {
    static let worlds = ["default", "heist", "metropolis", "harbour", "harbour-image", "ringtown", "short2008", "industrial"]

    @Test(arguments: worlds)
    func everyShippedWorldIsDescribedCompletely(_ name: String) throws {
        let r = try CLI.run(["describe", "worlds/\(name).toml"])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = r.stdout
        for section in ["## 1. Purpose and patterns", "## 2. Entities, state variables and scales", "## 3. Process overview and scheduling",
                        "## 4. Design concepts", "## 5. Initialisation", "## 6. Input data", "## 7. Submodels"] {
            #expect(doc.contains(section), "\(name): \(section)")
        }
        let tables = try CLI.run(["params", "--markdown"]).stdout.components(separatedBy: "\n\n")
        // The zone levers' table follows the parameters'; every world's ODD lists the levers.
        for line in tables[1].split(separator: "\n").dropFirst(2) {
            let lever = String(line.split(separator: "`")[1])
            #expect(doc.contains("| `\(lever)` |"), "\(name): zone lever \(lever) is not described")
        }
        let params = tables[0].split(separator: "\n").dropFirst(2).compactMap { line in
            line.split(separator: "`").dropFirst().first.map(String.init)
        }.filter { !$0.hasPrefix("frames.") }  // presentation settings, not model parameters
        #expect(params.count > 90)
        for key in params { #expect(doc.contains("| `\(key)` |"), "\(name): parameter \(key) is not described") }
        let metrics = try CLI.run(["params", "--metrics"]).stdout.split(separator: "\n").map { String($0.prefix { $0 != "\t" }) }
        for m in metrics { #expect(doc.contains("| `\(m)` |"), "\(name): metric \(m) is not described") }
        for phase in ["schedule", "heistTrigger", "generation", "agentOrder", "agents", "agentResolution", "heistResolution", "centres",
                      "sensors", "diffusion", "crimeField", "health", "education", "recruitment", "cleanup"] {
            #expect(doc.contains("| `\(phase)` |"), "\(name): phase \(phase)")
        }
        for concept in ["Basic principles", "Emergence", "Adaptation", "Objectives", "Learning", "Prediction", "Sensing", "Interaction",
                        "Stochasticity", "Collectives", "Observation"] {
            #expect(doc.contains("**\(concept).**"), "\(name): design concept \(concept)")
        }
        for kind in ["### Recyclers", "### Scavengers", "### Dumpsley's crew", "### Guards"] { #expect(doc.contains(kind), "\(name): \(kind)") }
    }

    @Test func theDefaultWorldsODDInDocsIsCurrent() throws {
        let r = try CLI.run(["describe", "worlds/default.toml"])
        #expect(r.status == 0)
        #expect(CLI.read(CLI.repoRoot + "/docs/odd-default.md") == r.stdout,
                "docs/odd-default.md is stale: nanocity describe worlds/default.toml --out docs/odd-default.md")
    }

    @Test func htmlIsAPageWithoutScripts() throws {
        let dir = CLI.tempDir("describe")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try CLI.run(["describe", "worlds/heist.toml", "--format", "html", "--out", dir + "/odd.html"])
        #expect(r.status == 0, "\(r.stderr)")
        let html = CLI.read(dir + "/odd.html")
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<table>") && html.contains("<h2>7. Submodels</h2>"))
        #expect(!html.contains("<script") && html.contains("<strong>Basic principles.</strong>"))
        let bad = try CLI.run(["describe", dir + "/missing.toml"])
        #expect(bad.status == 2)
    }
}
