import GlossaModel
import GlossaText

/// How a query found a term, best first.
public enum NameMatchKind: String, Sendable, Codable, DeclarationOrdered {
    /// The term's text, as typed.
    case exact
    /// The same but for case, width, spacing, hyphens or Traditional/Simplified characters.
    case folded
    /// The same romanized: `putin` for `Путин`, `pujing` for `普京`.
    case romanization
    /// One word of a longer term: `Putin` for `Vladimir Putin`.
    case word
    /// The beginning of a term or of one of its words (search as you type).
    case prefix
}

/// A term in an answer: glossary terms are attested; transliterations are not.
public struct NameForm: Sendable, Codable, Hashable {
    public let text: String
    public let language: String
    public let status: TermStatus?
    public let partOfSpeech: String?
    public let attested: Bool
    /// The transliteration scheme, for forms that are not glossary terms.
    public let scheme: String?

    init(_ term: Term) {
        text = term.text
        language = term.language.canonical
        status = term.status
        partOfSpeech = term.partOfSpeech
        attested = true
        scheme = nil
    }

    init(transliteration text: String, language: String, scheme: String) {
        self.text = text
        self.language = language
        status = nil
        partOfSpeech = nil
        attested = false
        self.scheme = scheme
    }
}

/// One concept found by a name search.
public struct NameResult: Sendable, Codable {
    public let conceptID: Int64
    public let domain: String?
    public let definition: String?
    public let match: NameMatchKind
    /// The term the query found.
    public let matchedTerm: NameForm
    /// The term to use instead, when the matched one is deprecated, forbidden or only admitted.
    public let preferredTerm: NameForm?
    /// Terms by language (only the languages asked for, when any were), best status first.
    public let terms: [String: [NameForm]]
    /// For languages asked for that have no term: a transliteration, marked `attested: false`.
    public let transliterations: [String: NameForm]
}

extension Glossary {
    /// Concepts whose terms match `query` in any script or romanization, best first.
    public func names(_ query: String, to languages: [LanguageTag] = [], limit: Int = 10) throws -> [NameResult] {
        let nfc = Normalization.nfc(query)
        let keys = SearchKeys.queryKeys(for: query)
        // Each concept's best hit, ranked by how it matched, then by the matched term's status.
        var best: [Int64: (kind: NameMatchKind, status: TermStatus, termID: Int64)] = [:]
        func note(_ hits: [KeyHit], as kind: (KeyHit) -> NameMatchKind) {
            for hit in hits {
                let kind = hit.text == nfc || Normalization.nfc(hit.text) == nfc ? .exact : kind(hit)
                if let known = best[hit.conceptID], (known.kind, known.status) <= (kind, hit.status) { continue }
                best[hit.conceptID] = (kind, hit.status, hit.termID)
            }
        }
        // A hit on the query's fold key is `folded`; on one of its Latin forms, `romanization`.
        func kind(of hit: KeyHit, queryKey: String) -> NameMatchKind {
            switch hit.kind {
            case .foldWord, .latinWord: .word
            case .fold, .latin: queryKey == keys.fold && hit.kind == .fold ? .folded : .romanization
            }
        }
        let searched = [keys.fold] + keys.latin.filter { $0 != keys.fold }
        note(try store.terms(withKeys: searched, prefix: false, limit: 200)) { kind(of: $0, queryKey: $0.key) }
        if best.count < limit, keys.fold.count >= 2 {
            note(try store.terms(withKeys: searched, prefix: true, limit: 200)) { _ in .prefix }
        }
        // Ranked from the hits alone: only the concepts answered are read.
        let ranked = best.sorted { ($0.value.kind, $0.value.status, $0.key) < ($1.value.kind, $1.value.status, $1.key) }.prefix(limit)
        guard !ranked.isEmpty else { return [] }
        let concepts = Dictionary(try store.concepts(ids: ranked.map { $0.key }).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

        return ranked.compactMap { conceptID, found in
            guard let stored = concepts[conceptID], let matched = stored.terms.first(where: { $0.id == found.termID })?.term else { return nil }
            let preferred = stored.concept.preferredTerm(in: matched.language)
            var byLanguage: [String: [NameForm]] = [:]
            for term in stored.concept.terms.sorted(by: { $0.status < $1.status })
            where languages.isEmpty || languages.contains(where: { Self.covers($0, term.language) }) {
                byLanguage[term.language.canonical, default: []].append(NameForm(term))
            }
            var transliterations: [String: NameForm] = [:]
            for language in languages where !stored.concept.terms.contains(where: { Self.covers(language, $0.language) }) {
                if let form = Self.transliteration(of: stored.concept, into: language) { transliterations[language.canonical] = form }
            }
            return NameResult(
                conceptID: stored.id, domain: stored.concept.domain, definition: stored.concept.definition, match: found.kind,
                matchedTerm: NameForm(matched),
                preferredTerm: preferred.flatMap { $0 == matched ? nil : NameForm($0) },
                terms: byLanguage, transliterations: transliterations)
        }
    }

    /// `zh` asked for covers `zh-CN` terms; `en-US` covers `en`: one language and script group.
    static func covers(_ requested: LanguageTag, _ stored: LanguageTag) -> Bool {
        requested.fallbackGroup == stored.fallbackGroup
    }

    /// Which scheme writes a language from which: for a target without a glossary term. Chinese
    /// person names (the concept's domain says `person`) take the schemes that split off the surname.
    static let transliterationRoutes: [(target: String, source: String, scheme: String, person: String)] = [
        ("Latn", "ru", "bgn-pcgn", "bgn-pcgn"), ("Latn", "zh", "pinyin", "pinyin-names"),
        ("ru", "zh", "palladius", "palladius-names"), ("ru", "en", "latin-cyrillic", "latin-cyrillic"),
        ("zh", "ru", "gbt17693", "gbt17693"),
    ]

    static func transliteration(of concept: Concept, into language: LanguageTag) -> NameForm? {
        let isLatin = language.fallbackGroup.hasSuffix("-Latn")
        let isPerson = concept.domain?.lowercased() == "person"
        for route in transliterationRoutes where route.target == (isLatin ? "Latn" : language.language) {
            guard let source = concept.terms.filter({ $0.language.language == route.source }).min(by: { $0.status < $1.status }),
                  let scheme = Transliteration.scheme(named: isPerson ? route.person : route.scheme),
                  let text = try? Transliteration.transliterate(source.text, scheme: scheme)
            else { continue }
            return NameForm(transliteration: capitalizingWords(text), language: language.canonical, scheme: scheme.name)
        }
        return nil
    }

    /// A name is capitalized however the scheme writes running text (长安 → Чанъань, not чанъань).
    static func capitalizingWords(_ text: String) -> String {
        text.split(separator: " ", omittingEmptySubsequences: false)
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined(separator: " ")
    }
}
