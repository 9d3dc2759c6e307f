import GlossaModel
import GlossaText

/// Writes TBX-Basic in TBX v3 form (ISO 30042:2019, DCA style) or in its TBX 2008 form
/// (ISO 30042:2008, `martif`, which translate-toolkit, Weblate and older OmegaT read), concept by
/// concept, through `output` (buffered): nothing is held but the current concept. `TBXReader` reads
/// back the same concepts from either: terms, languages, statuses, parts of speech, subject
/// field, definition and notes.
public final class TBXWriter {
    /// The two editions' names for the same structure.
    public enum Edition: Sendable {
        /// `tbx` / `conceptEntry` / `langSec` / `termSec`.
        case v3
        /// `martif` / `termEntry` / `langSet` / `tig`.
        case v2008

        var entry: String { self == .v3 ? "conceptEntry" : "termEntry" }
        var languageSection: String { self == .v3 ? "langSec" : "langSet" }
        var termSection: String { self == .v3 ? "termSec" : "tig" }
    }

    /// TBX-Basic's `administrativeStatus` has no "forbidden" value. A forbidden term is written as
    /// `deprecatedTerm-admn-sts` (what any TBX tool understands as "do not use") with this note,
    /// which `TBXReader` turns back into `forbidden`.
    public static let forbiddenNote = "Forbidden term: must not be used."

    private let output: (String) throws -> Void
    private var buffer = ""
    private let language: LanguageTag?
    private let edition: Edition
    private var written = 0

    /// `language` is the file's `xml:lang`, the language of its notes and definitions (English
    /// when nil).
    public init(language: LanguageTag? = nil, edition: Edition = .v3, output: @escaping (String) throws -> Void) {
        self.language = language
        self.edition = edition
        self.output = output
    }

    public func begin(title: String = "Glossa glossary") throws {
        if edition == .v2008 {
            // TBX-Basic 2008 names its constraints (XCS) in the header; no DOCTYPE, which readers
            // would have to resolve.
            buffer += """
                <?xml version="1.0" encoding="UTF-8"?>
                <martif type="TBX-Basic" xml:lang="\(XMLEscaping.escapeAttribute(language?.canonical ?? "en"))">
                  <martifHeader>
                    <fileDesc>
                      <titleStmt><title>\(XMLEscaping.escapeText(title))</title></titleStmt>
                      <sourceDesc><p>Written by Glossa</p></sourceDesc>
                    </fileDesc>
                    <encodingDesc><p type="XCSURI">TBXBasicXCSV02.xcs</p></encodingDesc>
                  </martifHeader>
                  <text>
                    <body>

                """
            try flush(force: true)
            return
        }
        buffer += """
            <?xml version="1.0" encoding="UTF-8"?>
            <tbx style="dca" type="TBX-Basic" xml:lang="\(XMLEscaping.escapeAttribute(language?.canonical ?? "en"))" \
            xmlns="urn:iso:std:iso:30042:ed-2">
              <tbxHeader>
                <fileDesc>
                  <titleStmt><title>\(XMLEscaping.escapeText(title))</title></titleStmt>
                  <sourceDesc><p>Written by Glossa</p></sourceDesc>
                </fileDesc>
              </tbxHeader>
              <text>
                <body>

            """
        try flush(force: true)
    }

    /// Writes one concept; a concept without terms is left out (TBX needs a language section),
    /// and the answer is false.
    @discardableResult
    public func write(_ concept: Concept) throws -> Bool {
        guard !concept.terms.isEmpty else { return false }
        written += 1
        // conceptEntry/@id is an xs:ID: a name, unique in the file. Ids that are not get a new one.
        let id = concept.id.flatMap { Self.isName($0) ? $0 : nil } ?? "concept-\(written)"
        buffer += "      <\(edition.entry) id=\"\(XMLEscaping.escapeAttribute(id))\">\n"
        appendCategory("descrip", "subjectField", concept.domain, indent: "        ")
        appendCategory("descrip", "definition", concept.definition, indent: "        ")
        appendNotes(concept.note, indent: "        ")
        var languages: [LanguageTag] = []
        for term in concept.terms where !languages.contains(term.language) { languages.append(term.language) }
        for language in languages {
            buffer += "        <\(edition.languageSection) xml:lang=\"\(XMLEscaping.escapeAttribute(language.canonical))\">\n"
            for term in concept.terms where term.language == language {
                // TBX-Basic's order inside termSec: the term, its termNotes, then notes.
                buffer += "          <\(edition.termSection)>\n            <term>\(XMLEscaping.escapeText(term.text))</term>\n"
                appendCategory("termNote", "partOfSpeech", term.partOfSpeech, indent: "            ")
                appendCategory("termNote", "administrativeStatus", Self.administrativeStatus(term.status), indent: "            ")
                if term.status == .forbidden { appendNotes(Self.forbiddenNote, indent: "            ") }
                appendNotes(term.note, indent: "            ")
                buffer += "          </\(edition.termSection)>\n"
            }
            buffer += "        </\(edition.languageSection)>\n"
        }
        buffer += "      </\(edition.entry)>\n"
        try flush(force: false)
        return true
    }

    public func end() throws {
        buffer += "    </body>\n  </text>\n</\(edition == .v3 ? "tbx" : "martif")>\n"
        try flush(force: true)
    }

    static func administrativeStatus(_ status: TermStatus) -> String {
        switch status {
        case .preferred: "preferredTerm-admn-sts"
        case .admitted: "admittedTerm-admn-sts"
        case .deprecated, .forbidden: "deprecatedTerm-admn-sts"
        }
    }

    private func appendCategory(_ element: String, _ type: String, _ value: String?, indent: String) {
        guard let value, !value.isEmpty else { return }
        buffer += "\(indent)<\(element) type=\"\(type)\">\(XMLEscaping.escapeText(value))</\(element)>\n"
    }

    /// One `<note>` per line: the reader joins a level's notes with newlines, so they come back whole.
    private func appendNotes(_ note: String?, indent: String) {
        guard let note else { return }
        for line in note.split(whereSeparator: \.isNewline) where !line.allSatisfy(\.isWhitespace) {
            buffer += "\(indent)<note>\(XMLEscaping.escapeText(String(line)))</note>\n"
        }
    }

    /// Whether `id` is an XML name (an NCName: no colon), as xs:ID requires.
    private static func isName(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, first.properties.isAlphabetic || first == "_" else { return false }
        return id.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil || "_-.".unicodeScalars.contains($0) }
    }

    private func flush(force: Bool) throws {
        guard force || buffer.utf8.count >= 1 << 16 else { return }
        try output(buffer)
        buffer = ""
    }
}
