import GlossaMatching
import GlossaModel
import GlossaText
import Synchronization

/// A glossary term found in a text.
public struct TermOccurrence: Sendable, Codable {
    /// Position and length in Unicode scalars (code points) of the NFC text.
    public let offset: Int
    public let length: Int
    public let text: String
    public let conceptID: Int64
    public let term: NameForm
    /// The term to use instead, when the one found is not the preferred one.
    public let preferredTerm: NameForm?
    /// The concept's terms in the languages asked for, best status first.
    public let translations: [String: [NameForm]]
}

/// A terminology problem in a text or its translation.
public struct TermIssue: Sendable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// A deprecated term is used.
        case deprecatedTerm = "deprecated-term"
        /// A forbidden term is used.
        case forbiddenTerm = "forbidden-term"
        /// A source term's concept does not appear in the translation.
        case missingTranslation = "missing-translation"
    }

    public let kind: Kind
    /// `source` or `translation`.
    public let text: String
    public let offset: Int
    public let length: Int
    public let found: String
    public let conceptID: Int64
    public let suggestion: NameForm?
    public let message: String
}

/// Term matchers by language group, rebuilt when the glossary changes.
final class AutomatonCache: Sendable {
    private let cache = Mutex<(version: String, automata: [String: TermAutomaton<StoredTerm>])>(("", [:]))

    func automaton(for group: String, store: any GlossaryStore) throws -> TermAutomaton<StoredTerm> {
        let version = try store.glossaryVersion()
        if let cached = cache.withLock({ $0.version == version ? $0.automata[group] : nil }) { return cached }
        var automaton = TermAutomaton<StoredTerm>()
        for stored in try store.allTerms() where stored.term.language.fallbackGroup == group {
            automaton.insert(Normalization.nfc(stored.term.text), value: stored)
        }
        cache.withLock { state in
            if state.version != version { state = (version, [:]) }
            state.automata[group] = automaton
        }
        return automaton
    }
}

extension Glossary {
    /// Every glossary term of `language` found in `text` (longest first, never overlapping), with
    /// the concept's terms in `languages`.
    public func annotate(_ text: String, language: LanguageTag, to languages: [LanguageTag] = []) throws -> [TermOccurrence] {
        let hits = try automata.automaton(for: language.fallbackGroup, store: store).matches(in: Normalization.nfc(text))
        let concepts = Dictionary(uniqueKeysWithValues: try store.concepts(ids: Array(Set(hits.flatMap { $0.values.map(\.conceptID) })))
            .map { ($0.id, $0.concept) })
        return hits.flatMap { hit in
            hit.values.compactMap { stored -> TermOccurrence? in
                guard let concept = concepts[stored.conceptID] else { return nil }
                var translations: [String: [NameForm]] = [:]
                for term in concept.terms.sorted(by: { $0.status < $1.status })
                where !languages.isEmpty && languages.contains(where: { Self.covers($0, term.language) }) {
                    translations[term.language.canonical, default: []].append(NameForm(term))
                }
                let preferred = concept.preferredTerm(in: stored.term.language)
                return TermOccurrence(offset: hit.offset, length: hit.length, text: hit.text, conceptID: stored.conceptID,
                                      term: NameForm(stored.term),
                                      preferredTerm: preferred.flatMap { $0 == stored.term ? nil : NameForm($0) },
                                      translations: translations)
            }
        }
    }

    /// Terminology QA: deprecated or forbidden terms in either text, and source terms whose concept
    /// is missing from the translation (when a translation is given).
    public func check(source: String, language: LanguageTag, translation: String? = nil,
                      translationLanguage: LanguageTag? = nil) throws -> [TermIssue] {
        var issues: [TermIssue] = []
        let sourceHits = try annotate(source, language: language, to: translationLanguage.map { [$0] } ?? [])
        issues += Self.statusIssues(sourceHits, in: "source")
        guard let translation, let translationLanguage else { return issues }
        let translationHits = try annotate(translation, language: translationLanguage)
        issues += Self.statusIssues(translationHits, in: "translation")
        let present = Set(translationHits.map(\.conceptID))
        for hit in sourceHits where !present.contains(hit.conceptID) {
            guard let expected = hit.translations.values.flatMap({ $0 }).min(by: { ($0.status ?? .forbidden) < ($1.status ?? .forbidden) }),
                  expected.status.map({ $0 <= .admitted }) == true
            else { continue }
            issues.append(TermIssue(
                kind: .missingTranslation, text: "source", offset: hit.offset, length: hit.length, found: hit.text,
                conceptID: hit.conceptID, suggestion: expected,
                message: "'\(hit.text)' is translated as '\(expected.text)' in the glossary, which the translation does not contain"))
        }
        return issues
    }

    static func statusIssues(_ hits: [TermOccurrence], in text: String) -> [TermIssue] {
        hits.compactMap { hit in
            guard let status = hit.term.status, status >= .deprecated else { return nil }
            let kind: TermIssue.Kind = status == .forbidden ? .forbiddenTerm : .deprecatedTerm
            var message = "'\(hit.text)' is a \(status.rawValue) term"
            if let preferred = hit.preferredTerm { message += ": use '\(preferred.text)'" }
            return TermIssue(kind: kind, text: text, offset: hit.offset, length: hit.length, found: hit.text,
                             conceptID: hit.conceptID, suggestion: hit.preferredTerm, message: message)
        }
    }
}
