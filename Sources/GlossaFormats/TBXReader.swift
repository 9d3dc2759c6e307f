import GlossaModel
import GlossaText

/// What a glossary reader yields: a concept (with the terms left out of it), or why an entry was
/// left out, with its line.
public enum GlossaryItem {
    case concept(Concept, skipped: [UnitIssue])
    case rejected(UnitIssue)
}

/// A glossary file read one concept at a time, whatever its format, so importers treat TBX files
/// and CSV/TSV tables alike.
public protocol GlossaryReader: AnyObject {
    func next() throws(FormatError) -> GlossaryItem?
    /// Terms met so far, kept or not.
    var termsRead: Int { get }
}

/// What the root element of a TBX file says.
public struct TBXHeader: Sendable {
    /// `tbx` (TBX v3, ISO 30042:2019) or `martif` (TBX 2008 and the TBX-Basic most tools write).
    public var root = ""
    /// The namespace declared on the root: Weblate writes `martif` in the v3 namespace.
    public var namespace: String?
    /// `TBX-Basic`, `TBX-Min`, `TBX`...
    public var type: String?
    /// `dca` or `dct` (v3 only).
    public var style: String?
    /// The root's `xml:lang`: the language of a language section that names none.
    public var language: LanguageTag?
    public var isVersion3: Bool { root == "tbx" }
}

/// Reads a termbase in TBX v3 (`tbx/conceptEntry/langSec/termSec`) or in the TBX 2008 form
/// (`martif/termEntry/langSet/tig|ntig`), one concept at a time, without holding the file in
/// memory, with the XML safety of `XMLStreamReader` (no DTD, no entities) and any encoding the
/// declaration names.
public final class TBXReader: GlossaryReader {
    public typealias Item = GlossaryItem

    public private(set) var header = TBXHeader()
    /// `<term>` elements read so far, kept or not.
    public private(set) var termsRead = 0
    private let xml: XMLStreamReader
    private var started = false
    /// The root's `xml:lang` as written, for the report when it is not a valid tag.
    private var rootLanguage: String?

    public init(path: String) throws(FormatError) {
        xml = try XMLStreamReader(path: path)
    }

    /// The next concept, or nil at the end of the file.
    public func next() throws(FormatError) -> GlossaryItem? {
        if !started {
            started = true
            try readRoot()
        }
        while let node = try xml.next() {
            if case .startElement(let name, _, let attributes, let isEmpty) = node, Self.entryElements.contains(name) {
                return try readEntry(name, attributes: attributes, isEmpty: isEmpty)
            }
        }
        return nil
    }

    private static let entryElements: Set<String> = ["conceptEntry", "termEntry"]
    private static let languageElements: Set<String> = ["langSec", "langSet"]
    /// `termSec` (v3), `tig` and `ntig` (2008); `termGrp` sits inside `ntig` and adds nothing.
    private static let termElements: Set<String> = ["termSec", "tig", "ntig"]

    private func readRoot() throws(FormatError) {
        guard let node = try xml.next(), case .startElement(let name, _, let attributes, _) = node else { throw .emptyFile }
        guard name == "tbx" || name == "martif" else { throw .wrongRoot(found: name, expected: "tbx") }
        let value = { (key: String) in attributes.first { $0.name == key }?.value }
        rootLanguage = value("xml:lang")
        header = TBXHeader(
            root: name, namespace: value("xmlns"), type: value("type"), style: value("style"),
            language: rootLanguage.flatMap { try? LanguageTag($0) })
    }

    /// A term being read: its data categories arrive after the `<term>` element.
    private struct TermDraft {
        var text: String?
        var status: TermStatus?
        var partOfSpeech: String?
        var notes: [String] = []
        var line: Int
    }

    /// A language section being read: its terms are finished when it ends, so that notes at the
    /// section level reach every term of it.
    private struct SectionDraft {
        var language: String?
        var terms: [TermDraft] = []
        var notes: [String] = []
    }

    private func readEntry(_ element: String, attributes: [(name: String, value: String)], isEmpty: Bool) throws(FormatError) -> GlossaryItem {
        let line = xml.line
        let id = attributes.first { $0.name == "id" || $0.name == "xml:id" }?.value
        var concept = Concept(id: id, terms: [], line: line)
        var conceptNotes: [String] = []
        var skipped: [UnitIssue] = []
        var section: SectionDraft?
        var term: TermDraft?

        func finishTerm() {
            guard let draft = term else { return }
            term = nil
            if section == nil { section = SectionDraft(language: rootLanguage) }  // a term outside any section
            section?.terms.append(draft)
        }
        func finishSection() {
            finishTerm()
            guard let draft = section else { return }
            section = nil
            for term in draft.terms {
                switch makeTerm(term, in: draft) {
                case .success(let made): concept.terms.append(made)
                case .failure(let issue): skipped.append(UnitIssue(line: term.line, tuid: id, reason: issue.reason))
                }
            }
        }

        if !isEmpty {
            loop: while let node = try xml.next() {
                switch node {
                case .startElement(let name, _, let attributes, let isEmpty):
                    if Self.languageElements.contains(name) {
                        finishSection()
                        section = SectionDraft(language: attributes.first { $0.name == "xml:lang" }?.value ?? rootLanguage)
                    } else if Self.termElements.contains(name) {
                        finishTerm()
                        if !isEmpty { term = TermDraft(line: xml.line) }
                    } else if name == "term" {
                        termsRead += 1
                        // A second <term> in one group, or one outside any group, starts a term of its own.
                        if term?.text != nil { finishTerm() }
                        if term == nil { term = TermDraft(line: xml.line) }
                        term?.line = xml.line
                        term?.text = isEmpty ? "" : try xml.text(until: "term")
                    } else if !isEmpty {
                        // DCA style says `<termNote type="partOfSpeech">`, DCT style `<partOfSpeech>`.
                        let type = attributes.first { $0.name == "type" }?.value
                        let category = ["termNote", "descrip", "admin"].contains(name) ? type ?? name : name
                        guard let value = try readCategory(category, element: name) else { continue }
                        switch category {
                        case "administrativeStatus", "normativeAuthorization":
                            if term?.status == nil { term?.status = Self.status(value) }
                        case "partOfSpeech":
                            if term?.partOfSpeech == nil { term?.partOfSpeech = value }
                        case "subjectField":
                            if section == nil, term == nil, concept.domain == nil { concept.domain = value }
                        case "definition":
                            if concept.definition == nil { concept.definition = value }
                        default:  // note
                            if term != nil {
                                term?.notes.append(value)
                            } else if section != nil {
                                section?.notes.append(value)
                            } else {
                                conceptNotes.append(value)
                            }
                        }
                    }
                case .endElement(let name):
                    if name == element { break loop }
                    if Self.termElements.contains(name) { finishTerm() }
                    if Self.languageElements.contains(name) { finishSection() }
                case .text:
                    continue
                }
            }
        }
        finishSection()
        if !conceptNotes.isEmpty { concept.note = conceptNotes.joined(separator: "\n") }
        guard !concept.terms.isEmpty else {
            var reason = "entry at line \(line) has no term"
            if !skipped.isEmpty { reason += ": " + skipped.map(\.reason).joined(separator: "; ") }
            return .rejected(UnitIssue(line: line, tuid: id, reason: reason))
        }
        return .concept(concept, skipped: skipped)
    }

    private static let categories: Set<String> = [
        "administrativeStatus", "normativeAuthorization", "partOfSpeech", "subjectField", "definition", "note",
    ]

    /// The text of a data category the concept keeps (whitespace collapsed: pretty-printers wrap
    /// long definitions), or nil for one it does not, whose content is then read as usual.
    private func readCategory(_ category: String, element: String) throws(FormatError) -> String? {
        guard Self.categories.contains(category) else { return nil }
        let value = try xml.text(until: element).collapsingXMLWhitespace()
        return value.isEmpty ? nil : value
    }

    private struct TermIssue: Error { let reason: String }

    private func makeTerm(_ draft: TermDraft, in section: SectionDraft) -> Result<Term, TermIssue> {
        let text = (draft.text ?? "").collapsingXMLWhitespace()
        guard !text.isEmpty else { return .failure(TermIssue(reason: "empty <term> at line \(draft.line)")) }
        guard let raw = section.language, !raw.isEmpty else {
            return .failure(TermIssue(reason: "term '\(text)' at line \(draft.line) has no xml:lang on its language section or the root"))
        }
        let language: LanguageTag
        do { language = try LanguageTag(raw) } catch {
            return .failure(TermIssue(reason: "term '\(text)' at line \(draft.line): \(error)"))
        }
        var status = draft.status ?? .admitted
        var notes = section.notes + draft.notes
        // TBX-Basic has no "forbidden" value: TBXWriter writes deprecated plus this note.
        if let marker = notes.firstIndex(of: TBXWriter.forbiddenNote), status == .deprecated {
            notes.remove(at: marker)
            status = .forbidden
        }
        return .success(
            Term(
                text: text, language: language, status: status, partOfSpeech: draft.partOfSpeech,
                note: notes.isEmpty ? nil : notes.joined(separator: "\n")))
    }

    /// TBX's `administrativeStatus` and `normativeAuthorization` values, and what tools write
    /// instead (`obsolete`, `forbidden`...); nil for a value that says nothing about use.
    static func status(_ value: String) -> TermStatus? {
        var word = value.lowercased().filter { $0.isLetter }
        if word.hasSuffix("admnsts") { word.removeLast(7) }
        if word.hasSuffix("term") { word.removeLast(4) }
        switch word {
        case "preferred", "standardized", "legal", "regulated": return .preferred
        case "admitted", "accepted", "admissible": return .admitted
        case "deprecated", "superseded", "obsolete", "outdated": return .deprecated
        case "forbidden", "notrecommended", "prohibited", "rejected", "donotuse": return .forbidden
        default: return nil
        }
    }
}

extension String {
    /// XML whitespace (space, tab, CR, LF) runs as one space, none at either end; other spaces
    /// (no-break, ideographic) are content and stay.
    func collapsingXMLWhitespace() -> String {
        split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }).joined(separator: " ")
    }
}
