import GlossaModel
import GlossaText

/// Writes TBX-Basic in TBX v3 form (ISO 30042:2019, DCA style), concept by concept, through
/// `output` (buffered): nothing is held but the current concept. `TBXReader` reads back the same
/// concepts: terms, languages, statuses, parts of speech, subject field, definition and notes.
public final class TBXWriter {
    /// TBX-Basic's `administrativeStatus` has no "forbidden" value. A forbidden term is written as
    /// `deprecatedTerm-admn-sts` (what any TBX tool understands as "do not use") with this note,
    /// which `TBXReader` turns back into `forbidden`.
    public static let forbiddenNote = "Forbidden term: must not be used."

    private let output: (String) throws -> Void
    private var buffer = ""
    private let language: LanguageTag?
    private var written = 0

    /// `language` is the file's `xml:lang`, the language of its notes and definitions (English
    /// when nil).
    public init(language: LanguageTag? = nil, output: @escaping (String) throws -> Void) {
        self.language = language
        self.output = output
    }

    public func begin(title: String = "Glossa glossary") throws {
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
        buffer += "      <conceptEntry id=\"\(XMLEscaping.escapeAttribute(id))\">\n"
        appendCategory("descrip", "subjectField", concept.domain, indent: "        ")
        appendCategory("descrip", "definition", concept.definition, indent: "        ")
        appendNotes(concept.note, indent: "        ")
        var languages: [LanguageTag] = []
        for term in concept.terms where !languages.contains(term.language) { languages.append(term.language) }
        for language in languages {
            buffer += "        <langSec xml:lang=\"\(XMLEscaping.escapeAttribute(language.canonical))\">\n"
            for term in concept.terms where term.language == language {
                // TBX-Basic's order inside termSec: the term, its termNotes, then notes.
                buffer += "          <termSec>\n            <term>\(XMLEscaping.escapeText(term.text))</term>\n"
                appendCategory("termNote", "partOfSpeech", term.partOfSpeech, indent: "            ")
                appendCategory("termNote", "administrativeStatus", Self.administrativeStatus(term.status), indent: "            ")
                if term.status == .forbidden { appendNotes(Self.forbiddenNote, indent: "            ") }
                appendNotes(term.note, indent: "            ")
                buffer += "          </termSec>\n"
            }
            buffer += "        </langSec>\n"
        }
        buffer += "      </conceptEntry>\n"
        try flush(force: false)
        return true
    }

    public func end() throws {
        buffer += "    </body>\n  </text>\n</tbx>\n"
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
