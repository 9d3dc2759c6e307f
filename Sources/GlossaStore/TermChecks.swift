import GlossaMatching
import GlossaModel
import GlossaText
import Synchronization

/// A glossary term found in a text.
public struct TermOccurrence: Sendable, Codable {
    /// Position and length in Unicode scalars (code points) of the NFC text.
    public let offset: Int
    public let length: Int
    /// The text as found: the term itself, or another grammatical form of it (`Путина`).
    public let text: String
    /// `exact` (the term as written, but for case) or `inflected`.
    public let match: Match
    public let conceptID: Int64
    public let term: NameForm
    /// The term to use instead, when the one found is not the preferred one.
    public let preferredTerm: NameForm?
    /// The concept's terms in the languages asked for, best status first.
    public let translations: [String: [NameForm]]
}

extension TermOccurrence {
    public enum Match: String, Sendable, Codable {
        case exact, inflected
    }
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

/// Term matchers by language group, rebuilt when the glossary changes: one for terms as written,
/// one for their other grammatical forms (for languages with a stemmer).
final class AutomatonCache: Sendable {
    struct Matchers: Sendable {
        let exact: TermAutomaton<StoredTerm>
        let inflected: InflectedTermMatcher<StoredTerm>?
    }

    private let cache = Mutex<(version: String, matchers: [String: Matchers])>(("", [:]))

    func matchers(for language: LanguageTag, store: any GlossaryStore) async throws -> Matchers {
        let group = language.fallbackGroup
        let version = try await store.glossaryVersion()
        if let cached = cache.withLock({ $0.version == version ? $0.matchers[group] : nil }) { return cached }
        var automaton = TermAutomaton<StoredTerm>()
        var inflected = Stemmer(language: language.language).map { InflectedTermMatcher<StoredTerm>(stemmer: $0) }
        for stored in try await store.allTerms() where stored.term.language.fallbackGroup == group {
            let text = Normalization.nfc(stored.term.text)
            automaton.insert(text, value: stored)
            inflected?.insert(text, value: stored)
        }
        let matchers = Matchers(exact: automaton, inflected: inflected)
        cache.withLock { state in
            if state.version != version { state = (version, [:]) }
            state.matchers[group] = matchers
        }
        return matchers
    }
}

extension Glossary {
    /// Every glossary term of `language` found in `text` (longest first, never overlapping), with
    /// the concept's terms in `languages`.
    public func annotate(_ text: String, language: LanguageTag, to languages: [LanguageTag] = []) async throws -> [TermOccurrence] {
        let matchers = try await automata.matchers(for: language, store: store)
        let nfc = Normalization.nfc(text)
        let exact = matchers.exact.matches(in: nfc)
        // Other forms fill only what the terms as written left: a term as written wins its place.
        let inflected = Self.uncovered(matchers.inflected?.matches(in: nfc) ?? [], by: exact)
        let hits = (exact.map { ($0, TermOccurrence.Match.exact) } + inflected.map { ($0, .inflected) }).sorted { $0.0.offset < $1.0.offset }
        let concepts = Dictionary(
            uniqueKeysWithValues: try await store.concepts(ids: Array(Set(hits.flatMap { $0.0.values.map(\.conceptID) })))
                .map { ($0.id, $0.concept) })
        return hits.flatMap { hit, match in
            hit.values.compactMap { stored -> TermOccurrence? in
                guard let concept = concepts[stored.conceptID] else { return nil }
                var translations: [String: [NameForm]] = [:]
                for term in concept.terms.sorted(by: { $0.status < $1.status })
                where !languages.isEmpty && languages.contains(where: { Self.covers($0, term.language) }) {
                    translations[term.language.canonical, default: []].append(NameForm(term))
                }
                let preferred = concept.preferredTerm(in: stored.term.language)
                return TermOccurrence(
                    offset: hit.offset, length: hit.length, text: hit.text, match: match, conceptID: stored.conceptID,
                    term: NameForm(stored.term),
                    preferredTerm: preferred.flatMap { $0 == stored.term ? nil : NameForm($0) },
                    translations: translations)
            }
        }
    }

    /// Terminology QA: deprecated or forbidden terms in either text, and source terms whose concept
    /// is missing from the translation (when a translation is given).
    public func check(
        source: String, language: LanguageTag, translation: String? = nil,
        translationLanguage: LanguageTag? = nil
    ) async throws -> [TermIssue] {
        var issues: [TermIssue] = []
        let sourceHits = try await annotate(source, language: language, to: translationLanguage.map { [$0] } ?? [])
        issues += Self.statusIssues(sourceHits, in: "source")
        guard let translation, let translationLanguage else { return issues }
        let translationHits = try await annotate(translation, language: translationLanguage)
        issues += Self.statusIssues(translationHits, in: "translation")
        let present = Set(translationHits.map(\.conceptID))
        for hit in sourceHits where !present.contains(hit.conceptID) {
            guard let expected = hit.translations.values.flatMap({ $0 }).min(by: { ($0.status ?? .forbidden) < ($1.status ?? .forbidden) }),
                expected.status.map({ $0 <= .admitted }) == true
            else { continue }
            issues.append(
                TermIssue(
                    kind: .missingTranslation, text: "source", offset: hit.offset, length: hit.length, found: hit.text,
                    conceptID: hit.conceptID, suggestion: expected,
                    message: "'\(hit.text)' is translated as '\(expected.text)' in the glossary, which the translation does not contain"))
        }
        return issues
    }

    /// The hits of `others` that overlap none of `covering`. Both come in text order without
    /// overlaps among themselves, so one pass over each does: a text of many terms stays linear.
    static func uncovered<Value>(_ others: [TermAutomaton<Value>.Hit], by covering: [TermAutomaton<Value>.Hit]) -> [TermAutomaton<Value>.Hit] {
        var next = 0
        return others.filter { hit in
            // Hits that end before this one starts cannot overlap it or any later one.
            while next < covering.count, covering[next].offset + covering[next].length <= hit.offset { next += 1 }
            guard next < covering.count else { return true }
            return covering[next].offset >= hit.offset + hit.length
        }
    }

    static func statusIssues(_ hits: [TermOccurrence], in text: String) -> [TermIssue] {
        hits.compactMap { hit in
            guard let status = hit.term.status, status >= .deprecated else { return nil }
            let kind: TermIssue.Kind = status == .forbidden ? .forbiddenTerm : .deprecatedTerm
            var message = "'\(hit.text)' is a \(status.rawValue) term"
            if let preferred = hit.preferredTerm { message += ": use '\(preferred.text)'" }
            return TermIssue(
                kind: kind, text: text, offset: hit.offset, length: hit.length, found: hit.text,
                conceptID: hit.conceptID, suggestion: hit.preferredTerm, message: message)
        }
    }
}
