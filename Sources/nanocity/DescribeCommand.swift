import ArgumentParser
import Foundation
import NanoCityIO
import NanoCityModel

struct DescribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "Write the ODD description (Grimm et al. 2006, 2020) of a world, generated from the model itself.",
        discussion: """
            Purpose and patterns, entities and state variables, the tick's phases in the order it \
            runs them, the design concepts, this world's initial parameters (with the built-in \
            default where it differs), its input data and schedule, and every submodel, from the \
            same text as docs/model.md. To stdout unless --out.
            """
    )

    @Argument(help: "World file (default: the embedded default world).")
    var world: String?

    @OptionGroup var overrides: OverrideOptions

    @Option(help: "md (Markdown, default) or html (a self-contained page).")
    var format: DescribeFormat = .md

    @Option(help: "File to write (default: standard output).")
    var out: String?

    enum DescribeFormat: String, ExpressibleByArgument { case md, html }

    func run() throws {
        let w = try loadWorld(path: world, overrides: overrides.assignments)
        let map = try buildMap(w)
        let md = ODDDocument.markdown(world: w, map: map)
        let text = format == .md ? md : MarkdownHTML.page(md, title: "\(w.parameters.name): ODD description")
        guard let out else { print(text, terminator: ""); return }
        do { try BufferedFile.writeAtomically(Array(text.utf8), to: out) } catch {
            printError("error: \(out): \(FileProblem.describe(error))")
            throw ExitCodes.runFailed
        }
        print(out)
    }
}
