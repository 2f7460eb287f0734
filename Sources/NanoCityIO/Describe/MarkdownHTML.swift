import Foundation

/// The small Markdown subset NanoCity's own documents use — headings, paragraphs, pipe tables,
/// `-` lists, fenced code, `code`, **bold**, *italic* — as a self-contained HTML page. Text
/// is escaped before any markup is added, so nothing in a document can inject HTML.
public enum MarkdownHTML {
    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// Inline markup of one escaped line: `code`, **bold**, *italic*, [text](link).
    static func inline(_ raw: String) -> String {
        var out = "", i = raw.startIndex
        var bold = false, italic = false
        let s = raw.replacingOccurrences(of: "\\|", with: "|")
        i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            if c == "`", let close = s[s.index(after: i)...].firstIndex(of: "`") {
                out += "<code>" + escape(String(s[s.index(after: i)..<close])) + "</code>"
                i = s.index(after: close)
                continue
            }
            if c == "*", s[i...].hasPrefix("**") {
                out += bold ? "</strong>" : "<strong>"; bold.toggle()
                i = s.index(i, offsetBy: 2)
                continue
            }
            if c == "*" { out += italic ? "</em>" : "<em>"; italic.toggle(); i = s.index(after: i); continue }
            if c == "\\", s.index(after: i) < s.endIndex { out += escape(String(s[s.index(after: i)])); i = s.index(i, offsetBy: 2); continue }
            out += escape(String(c))
            i = s.index(after: i)
        }
        if italic { out += "</em>" }
        if bold { out += "</strong>" }
        return out
    }

    public static func page(_ markdown: String, title: String) -> String {
        var body = "", paragraph: [String] = [], table: [[String]] = [], list: [String] = [], code: [String]? = nil
        func flush() {
            if !paragraph.isEmpty { body += "<p>" + paragraph.map(inline).joined(separator: " ") + "</p>\n"; paragraph = [] }
            if !list.isEmpty { body += "<ul>" + list.map { "<li>" + inline($0) + "</li>" }.joined() + "</ul>\n"; list = [] }
            if !table.isEmpty {
                body += "<table>\n<tr>" + table[0].map { "<th>" + inline($0) + "</th>" }.joined() + "</tr>\n"
                for row in table.dropFirst(2) { body += "<tr>" + row.map { "<td>" + inline($0) + "</td>" }.joined() + "</tr>\n" }
                body += "</table>\n"
                table = []
            }
        }
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if code != nil {
                if line.hasPrefix("```") { body += "<pre><code>" + escape(code!.joined(separator: "\n")) + "</code></pre>\n"; code = nil }
                else { code!.append(line) }
                continue
            }
            if line.hasPrefix("```") { flush(); code = []; continue }
            if let level = line.firstIndex(where: { $0 != "#" }).map({ line.distance(from: line.startIndex, to: $0) }), level >= 1, level <= 6,
               line.dropFirst(level).hasPrefix(" ") {
                flush()
                body += "<h\(level)>" + inline(String(line.dropFirst(level + 1))) + "</h\(level)>\n"
                continue
            }
            if line.hasPrefix("|") {
                if !paragraph.isEmpty || !list.isEmpty { flush() }
                var cells: [String] = [], current = "", escaped = false
                for ch in line.dropFirst() {
                    if escaped { current.append("\\"); current.append(ch); escaped = false; continue }
                    if ch == "\\" { escaped = true; continue }
                    if ch == "|" { cells.append(current.trimmingCharacters(in: .whitespaces)); current = "" } else { current.append(ch) }
                }
                table.append(cells)
                continue
            }
            if line.hasPrefix("- ") { if !paragraph.isEmpty || !table.isEmpty { flush() }; list.append(String(line.dropFirst(2))); continue }
            if line.trimmingCharacters(in: .whitespaces).isEmpty { flush(); continue }
            if !list.isEmpty && line.hasPrefix("  ") { list[list.count - 1] += " " + line.trimmingCharacters(in: .whitespaces); continue }
            if !table.isEmpty { flush() }
            paragraph.append(line)
        }
        flush()
        if let code { body += "<pre><code>" + escape(code.joined(separator: "\n")) + "</code></pre>\n" }
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape(title) + "</title>\n<style>\n"
            + "body{font-family:system-ui,sans-serif;max-width:980px;margin:24px auto;padding:0 16px;color:#222;line-height:1.45}"
            + "table{border-collapse:collapse;font-size:.9em}th,td{border-bottom:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}"
            + "code{background:#f4f4f4;padding:0 3px}pre{background:#f4f4f4;padding:8px;overflow-x:auto}\n"
            + "</style>\n</head>\n<body>\n" + body + "</body>\n</html>\n"
    }
}
