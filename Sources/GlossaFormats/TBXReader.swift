import Foundation
import GlossaModel
import GlossaText

/// Reads a termbase in TBX v3 (ISO 30042:2019: `tbx/conceptEntry/langSec/termSec`) or in the
/// TBX 2008 form most tools still write (`martif/termEntry/langSet/tig|ntig`), one concept at a
/// time, with the same XML safety as TMX.
public final class TBXReader {
    public enum Item {
        /// A concept with at least one term; `skipped` lists the terms left out of it.
        case concept(Concept, skipped: [UnitIssue])
        case rejected(UnitIssue)
    }

    /// `term` elements read so far, kept or not.
    public private(set) var termsRead = 0
    private let xml: XMLStreamReader
    private var started = false
    private var rootLanguage: String?

    public init(path: String) throws(FormatError) {
        xml = try XMLStreamReader(path: path)
    }

    public func next() throws(FormatError) -> Item? {
        if !started {
            started = true
            guard let node = try xml.next(), case .startElement(let name, _, let attributes, _) = node else { throw .emptyFile }
            guard name == "tbx" || name == "martif" else { throw .wrongRoot(found: name, expected: "tbx") }
            rootLanguage = attributes.first { $0.name == "xml:lang" }?.value
        }
        while let node = try xml.next() {
            if case .startElement(let name, _, let attributes, let isEmpty) = node, name == "conceptEntry" || name == "termEntry" {
                return try readEntry(name, attributes: attributes, isEmpty: isEmpty)
            }
        }
        return nil
    }

    private struct PendingTerm {
        var text = ""
        var status: TermStatus?
        var partOfSpeech: String?
        var note: String?
        var line: Int
    }

    private static let termGroups: Set<String> = ["termSec", "tig", "ntig"]
    private static let languageGroups: Set<String> = ["langSec", "langSet"]

    private func readEntry(_ element: String, attributes: [(name: String, value: String)], isEmpty: Bool) throws(FormatError) -> Item {
        let line = xml.line
        var concept = Concept(id: attributes.first { $0.name == "id" }?.value, terms: [], line: line)
        var skipped: [UnitIssue] = []
        var language: String?
        var pending: PendingTerm?

        func finish(_ term: PendingTerm) {
            let text = term.text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else {
                skipped.append(UnitIssue(line: term.line, tuid: concept.id, reason: "empty <term> at line \(term.line)"))
                return
            }
            guard let raw = language ?? rootLanguage, let tag = try? LanguageTag(raw) else {
                skipped.append(UnitIssue(line: term.line, tuid: concept.id,
                                         reason: "term '\(text)' at line \(term.line) has no valid language (\(language ?? rootLanguage ?? "none"))"))
                return
            }
            concept.terms.append(Term(text: text, language: tag, status: term.status ?? .admitted,
                                      partOfSpeech: term.partOfSpeech, note: term.note))
        }

        if !isEmpty {
            loop: while let node = try xml.next() {
                switch node {
                case .startElement(let name, _, let attributes, let isEmpty):
                    let type = attributes.first { $0.name == "type" }?.value
                    if Self.languageGroups.contains(name) {
                        language = attributes.first { $0.name == "xml:lang" }?.value
                    } else if Self.termGroups.contains(name), !isEmpty {
                        pending = PendingTerm(line: xml.line)
                    } else if name == "term" {
                        termsRead += 1
                        let text = isEmpty ? "" : try xml.text(until: "term")
                        if pending == nil {
                            // A bare term in a language section (TBX-Min style) is a group of its own.
                            finish(PendingTerm(text: text, line: xml.line))
                        } else {
                            pending?.text += text
                        }
                    } else if name == "termNote", !isEmpty {
                        let value = try xml.text(until: "termNote").trimmingCharacters(in: .whitespacesAndNewlines)
                        switch type {
                        case "administrativeStatus", "normativeAuthorization":
                            if let status = Self.status(value) { pending?.status = status }
                        case "partOfSpeech": pending?.partOfSpeech = value
                        default: break
                        }
                    } else if name == "descrip", !isEmpty {
                        let value = try xml.text(until: "descrip").trimmingCharacters(in: .whitespacesAndNewlines)
                        if type == "subjectField", concept.domain == nil { concept.domain = value }
                        if type == "definition", concept.definition == nil { concept.definition = value }
                    } else if name == "note", !isEmpty {
                        let value = try xml.text(until: "note").trimmingCharacters(in: .whitespacesAndNewlines)
                        if pending != nil { pending?.note = value } else if concept.note == nil { concept.note = value }
                    }
                case .endElement(let name):
                    if name == element { break loop }
                    if Self.termGroups.contains(name), let term = pending {
                        finish(term)
                        pending = nil
                    } else if Self.languageGroups.contains(name) {
                        language = nil
                    }
                case .text:
                    continue
                }
            }
        }
        guard !concept.terms.isEmpty else {
            var reason = "entry at line \(line) has no term"
            if !skipped.isEmpty { reason += ": " + skipped.map(\.reason).joined(separator: "; ") }
            return .rejected(UnitIssue(line: line, tuid: concept.id, reason: reason))
        }
        return .concept(concept, skipped: skipped)
    }

    /// TBX's `administrativeStatus` and `normativeAuthorization` values, and what tools write instead.
    static func status(_ value: String) -> TermStatus? {
        switch value.lowercased() {
        case "preferredterm-admn-sts", "preferredterm", "preferred", "legalterm", "regulatedterm", "standardizedterm":
            .preferred
        case "admittedterm-admn-sts", "admittedterm", "admitted":
            .admitted
        case "deprecatedterm-admn-sts", "supersededterm-admn-sts", "deprecatedterm", "supersededterm", "deprecated",
             "superseded", "obsolete", "obsoleteterm":
            .deprecated
        case "forbidden", "forbiddenterm", "notrecommended", "notrecommendedterm", "prohibited":
            .forbidden
        default:
            nil
        }
    }
}
