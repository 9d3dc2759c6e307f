import GlossaModel
import GlossaText

/// Writes TMX 1.4b, unit by unit, through `output` (buffered): nothing is held but the current unit.
public final class TMXWriter {
    private let output: (String) throws -> Void
    private var buffer = ""
    private let sourceLanguage: LanguageTag?

    /// Attributes TMX 1.4b allows on `<tu>` and `<tuv>`; anything else a tool added is left out.
    private static let unitAttributes: [String] = [
        "o-encoding", "datatype", "usagecount", "lastusagedate", "creationtool", "creationtoolversion",
        "creationdate", "creationid", "changedate", "segtype", "changeid", "o-tmf",
    ]
    private static let variantAttributes = unitAttributes.filter { $0 != "segtype" }

    public init(sourceLanguage: LanguageTag?, output: @escaping (String) throws -> Void) {
        self.sourceLanguage = sourceLanguage
        self.output = output
    }

    public func begin(creationDate: String) throws {
        buffer += """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE tmx SYSTEM "tmx14.dtd">
            <tmx version="1.4">
              <header creationtool="Glossa" creationtoolversion="0.1" segtype="sentence" o-tmf="Glossa" \
            adminlang="en" srclang="\(XMLEscaping.escapeAttribute(sourceLanguage?.canonical ?? "*all*"))" \
            datatype="plaintext" creationdate="\(creationDate)"/>
              <body>

            """
        try flush(force: true)
    }

    public func write(_ unit: TranslationUnit) throws {
        buffer += "    <tu"
        if let tuid = unit.tuid { buffer += " tuid=\"\(XMLEscaping.escapeAttribute(tuid))\"" }
        if let source = unit.sourceLanguage, sourceLanguage == nil { buffer += " srclang=\"\(source.canonical)\"" }
        appendAttributes(unit.metadata, allowed: Self.unitAttributes)
        buffer += ">\n"
        appendNotesAndProperties(unit.metadata, indent: "      ")
        for segment in unit.segments {
            buffer += "      <tuv xml:lang=\"\(segment.language.canonical)\""
            appendAttributes(segment.metadata, allowed: Self.variantAttributes)
            buffer += ">\n"
            appendNotesAndProperties(segment.metadata, indent: "        ")
            buffer += "        <seg>\(segment.markup)</seg>\n      </tuv>\n"
        }
        buffer += "    </tu>\n"
        try flush(force: false)
    }

    public func end() throws {
        buffer += "  </body>\n</tmx>\n"
        try flush(force: true)
    }

    private func appendAttributes(_ metadata: Metadata, allowed: [String]) {
        for name in allowed {
            if let value = metadata.attributes[name] { buffer += " \(name)=\"\(XMLEscaping.escapeAttribute(value))\"" }
        }
    }

    private func appendNotesAndProperties(_ metadata: Metadata, indent: String) {
        // TMX 1.4b's content model puts notes and props before the tuvs (or the seg), in any order.
        for note in metadata.notes { buffer += "\(indent)<note>\(XMLEscaping.escapeText(note))</note>\n" }
        for property in metadata.properties {
            buffer += "\(indent)<prop type=\"\(XMLEscaping.escapeAttribute(property.type))\">\(XMLEscaping.escapeText(property.value))</prop>\n"
        }
    }

    private func flush(force: Bool) throws {
        guard force || buffer.utf8.count >= 1 << 16 else { return }
        try output(buffer)
        buffer = ""
    }
}
