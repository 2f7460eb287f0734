import Foundation

/// One self-contained HTML page: inline CSS, inline SVG, frames as data URIs, a few lines of
/// script; nothing fetched from the network, so it opens from the file system anywhere.
public struct ReportPage {
    public private(set) var body = ""
    public let title: String
    /// The page's sections (second-level headings), for the table of contents.
    public private(set) var sections: [(id: String, text: String)] = []

    public init(title: String) { self.title = title }

    public static func escape(_ s: String) -> String { SVGWriter.escape(s) }

    public mutating func heading(_ text: String, level: Int = 2) {
        guard level == 2 else { body += "<h\(level)>\(Self.escape(text))</h\(level)>\n"; return }
        let id = "s\(sections.count + 1)"
        sections.append((id, text))
        body += "<h2 id=\"\(id)\">\(Self.escape(text))</h2>\n"
    }

    /// An embedded PNG (a data URI) with a caption.
    public mutating func image(png: [UInt8], alt: String, caption: String, cls: String) {
        body += "<figure class=\"\(cls)\"><img class=\"\(cls)\" alt=\"\(Self.escape(alt))\" src=\"data:image/png;base64,"
            + Data(png).base64EncodedString() + "\"><figcaption>\(Self.escape(caption))</figcaption></figure>\n"
    }

    /// Raw HTML the caller built from escaped parts.
    mutating func raw(_ html: String) { body += html }

    public mutating func paragraph(_ text: String, cls: String? = nil) {
        body += "<p\(cls.map { " class=\"\($0)\"" } ?? "")>\(Self.escape(text))</p>\n"
    }

    /// A two-column table of names and values.
    public mutating func facts(_ rows: [(String, String)]) {
        body += "<table class=\"facts\">\n"
        for (k, v) in rows { body += "<tr><th>\(Self.escape(k))</th><td>\(Self.escape(v))</td></tr>\n" }
        body += "</table>\n"
    }

    /// A table with a header row; `numeric` columns are right-aligned.
    public mutating func table(header: [String], rows: [[String]], numericFrom: Int = 0, id: String? = nil) {
        body += "<div class=\"scroll\"><table class=\"data\"\(id.map { " id=\"\($0)\"" } ?? "")>\n<tr>"
        for h in header { body += "<th>\(Self.escape(h))</th>" }
        body += "</tr>\n"
        for r in rows {
            body += "<tr>"
            for (i, c) in r.enumerated() { body += i >= numericFrom ? "<td class=\"num\">\(Self.escape(c))</td>" : "<td>\(Self.escape(c))</td>" }
            body += "</tr>\n"
        }
        body += "</table></div>\n"
    }

    /// An inline SVG figure (the document's XML declaration dropped).
    public mutating func figure(svg: String, caption: String? = nil) {
        var s = svg
        if s.hasPrefix("<?xml"), let nl = s.firstIndex(of: "\n") { s = String(s[s.index(after: nl)...]) }
        body += "<figure>" + s + (caption.map { "<figcaption>\(Self.escape($0))</figcaption>" } ?? "") + "</figure>\n"
    }

    /// A frame player: the frames as PNG data URIs, a slider, play/pause and the tick shown.
    /// `#frame=N` (or `#tick=N`) in the page address opens the frame of tick N, or the last
    /// one before it (through the slider's own input handler).
    public mutating func player(frames: [(tick: Int, png: [UInt8])], note: String?) {
        guard !frames.isEmpty else { return }
        body += "<div class=\"player\" id=\"player\">\n"
        body += "<div class=\"controls\"><button id=\"play\" type=\"button\">Play</button> "
        body += "<input id=\"slider\" type=\"range\" min=\"0\" max=\"\(frames.count - 1)\" value=\"0\" step=\"1\"> "
        body += "<span>tick <b id=\"tick\">\(frames[0].tick)</b></span></div>\n"
        body += "<img id=\"frame\" alt=\"city frame\" src=\"data:image/png;base64,\(Data(frames[0].png).base64EncodedString())\">\n"
        if let note { body += "<p class=\"note\">\(Self.escape(note))</p>\n" }
        body += "<script type=\"application/json\" id=\"frames\">["
        body += frames.map { "{\"tick\":\($0.tick),\"src\":\"data:image/png;base64,\(Data($0.png).base64EncodedString())\"}" }.joined(separator: ",\n")
        body += "]</script>\n</div>\n"
    }

    static let style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;max-width:1100px;padding:0 16px;color:#222}
        h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:1.6em;border-bottom:1px solid #ddd;padding-bottom:.2em}
        table{border-collapse:collapse;font-size:.9em}th,td{padding:3px 10px;border-bottom:1px solid #eee;text-align:left;vertical-align:top}
        td.num{text-align:right;font-variant-numeric:tabular-nums}table.facts th{color:#555;font-weight:600;white-space:nowrap}
        .scroll{overflow-x:auto;max-height:520px}figure{margin:12px 0}figcaption,.note{color:#666;font-size:.85em}
        .player img{image-rendering:pixelated;max-width:100%;border:1px solid #ccc;display:block;margin-top:8px}
        .controls{display:flex;gap:12px;align-items:center}.controls input{flex:1}button{font-size:1em;padding:3px 14px}
        code{background:#f4f4f4;padding:1px 4px}nav.toc{font-size:.9em;margin:8px 0 16px}nav.toc a{margin-right:14px;white-space:nowrap}
        .maps{display:flex;flex-wrap:wrap;gap:16px}.maps figure{margin:0}img.delta{image-rendering:pixelated;border:1px solid #ccc;width:300px}
        .warn{color:#8a3b00;font-weight:600}.bar{display:inline-block;width:160px;height:10px;vertical-align:middle;border:1px solid #999;
        background:linear-gradient(90deg,#2d004b,#8073ac,#d8daeb,#f7f7f7,#fee0b6,#e08214,#7f3b08)}
        """

    static let script = """
        (function(){
          window.addEventListener('error',function(e){document.body.setAttribute('data-errors',(document.body.getAttribute('data-errors')||'')+e.message+';');});
          var data=document.getElementById('frames');
          if(data){
            var frames=JSON.parse(data.textContent),slider=document.getElementById('slider'),img=document.getElementById('frame'),
                tick=document.getElementById('tick'),play=document.getElementById('play'),timer=null;
            function show(i){i=Math.max(0,Math.min(frames.length-1,i|0));img.src=frames[i].src;tick.textContent=frames[i].tick;slider.value=i;}
            slider.addEventListener('input',function(){show(parseInt(slider.value,10));});
            play.addEventListener('click',function(){
              if(timer){clearInterval(timer);timer=null;play.textContent='Play';return;}
              play.textContent='Pause';
              timer=setInterval(function(){var i=parseInt(slider.value,10)+1;if(i>=frames.length){i=0;}show(i);},150);
            });
            var m=/(?:frame|tick)=(\\d+)/.exec(location.hash);
            if(m){var t=parseInt(m[1],10),k=0;for(var j=0;j<frames.length;j++){if(frames[j].tick<=t){k=j;}}
              slider.value=k;slider.dispatchEvent(new Event('input'));}
          }
          document.body.setAttribute('data-ready','1');
        })();
        """

    /// The body with a table of contents after the title when the page has 3 or more sections.
    var withContents: String {
        guard sections.count >= 3, let end = body.range(of: "</h1>\n") else { return body }
        let nav = "<nav class=\"toc\">Contents: " + sections.map { "<a href=\"#\($0.id)\">\(Self.escape($0.text))</a>" }.joined(separator: " ") + "</nav>\n"
        return String(body[..<end.upperBound]) + nav + String(body[end.upperBound...])
    }

    /// The complete page.
    public var html: String {
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            + "<title>\(Self.escape(title))</title>\n<style>\n\(Self.style)\n</style>\n</head>\n<body>\n"
            + withContents + "<script>\n\(Self.script)\n</script>\n</body>\n</html>\n"
    }
}
