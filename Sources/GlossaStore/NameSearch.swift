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
    /// Another grammatical form of the term: `Путина`, `в Пекине`, `Putin's` (Snowball stems).
    case inflected
    /// One word of a longer term, in any form: `Putin` or `Путина` for `Vladimir Putin`.
    case word
    /// The beginning of a term or of one of its words (search as you type).
    case prefix
    /// A Latin key within one or two letters of the query's (`Putim`, `Xi Jinpin`), when nothing
    /// above matched the whole name.
    case similar
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
    /// The words of the query that were read, when they are not the whole query as typed: the
    /// inflected form (`Путина`, `Пекине` of `в Пекине`).
    public let matchedForm: String?
    /// For `similar`: the edit distance between the query's Latin key and the term's.
    public let distance: Int?
    /// The term the query found.
    public let matchedTerm: NameForm
    /// The term to use instead, when the matched one is deprecated, forbidden or only admitted.
    public let preferredTerm: NameForm?
    /// Terms by language (only the languages asked for, when any were), best status first.
    public let terms: [String: [NameForm]]
    /// For languages asked for that have no term: a transliteration, marked `attested: false`.
    public let transliterations: [String: NameForm]
}

/// The answer to a name search: concepts of the glossary, and, when none matches the whole name,
/// what the transliteration standards make of it (never mixed with the glossary's terms).
public struct NameAnswer: Sendable, Codable {
    public let results: [NameResult]
    public let transliterations: NameTransliterations?
}

extension Glossary {
    /// Languages a name is transliterated into when the query names none.
    public static let defaultTransliterationLanguages = ["en", "ru", "zh-CN"].map { try! LanguageTag($0) }
    /// Similar-name search reads at most this many near-key rows.
    static let similarHitLimit = 400
    /// Keys longer than this get no similar-name search (see `SearchKeys.nearKeyMaximumLength`).
    static let similarMaximumKeyLength = SearchKeys.nearKeyMaximumLength

    /// Concepts whose terms match `query` in any script, romanization or grammatical form, best first.
    public func names(_ query: String, to languages: [LanguageTag] = [], limit: Int = 10) async throws -> [NameResult] {
        try await findName(query, to: languages, limit: limit, transliterating: false).results
    }

    /// The same, with what the transliteration standards make of the name when no concept matches
    /// the whole of it (`transliterating`).
    public func findName(
        _ query: String, to languages: [LanguageTag] = [], limit: Int = 10,
        transliterating: Bool = true
    ) async throws -> NameAnswer {
        let nfc = Normalization.nfc(query)
        let keys = SearchKeys.queryKeys(for: query)
        // Each concept's best hit, ranked by how it matched, then by distance and the matched term's status.
        var best: [Int64: Found] = [:]
        func note(_ found: Found) {
            if let known = best[found.conceptID], (known.kind, known.distance, known.status) <= (found.kind, found.distance, found.status) { return }
            best[found.conceptID] = found
        }
        func note(_ hits: [KeyHit], form: String? = nil, as kind: (KeyHit) -> NameMatchKind) {
            for hit in hits {
                let kind = hit.text == nfc || Normalization.nfc(hit.text) == nfc ? .exact : kind(hit)
                note(
                    Found(
                        conceptID: hit.conceptID, termID: hit.termID, kind: kind, distance: 0, status: hit.status,
                        form: kind == .exact ? nil : form))
            }
        }
        // A hit on the query's fold key is `folded`; on one of its Latin forms, `romanization`; on a stem key, `inflected`.
        func kind(of hit: KeyHit) -> NameMatchKind {
            switch hit.kind {
            case .foldWord, .latinWord, .stemWord: .word
            case .stem: .inflected
            case .fold, .latin: hit.key == keys.fold && hit.kind == .fold ? .folded : .romanization
            }
        }
        let searched = [keys.fold] + keys.latin.filter { $0 != keys.fold }
        note(try await store.terms(withKeys: searched, prefix: false, limit: 200), as: kind)

        // Inflected forms, when nothing matched the whole name as typed: the query's words stemmed as
        // each language of its script would, all looked up in one read.
        if !best.values.contains(where: { $0.kind <= .romanization }) {
            var reads: [(key: String, surface: [String], stemmer: Stemmer)] = []
            for stemmer in Stemmer.stemmers(forScriptOf: nfc) {
                guard let read = Inflection.queryWords(nfc, with: stemmer) else { continue }
                let key = SearchKeys.compact(read.stems.joined())
                guard !key.isEmpty, !searched.contains(key), !reads.contains(where: { $0.key == key }) else { continue }
                reads.append((key, read.surface.map(\.text), stemmer))
            }
            let hits = reads.isEmpty ? [] : try await store.terms(withKeys: reads.map(\.key), prefix: false, limit: 200)
            for (key, surface, stemmer) in reads {
                let forms = hits.filter { hit in
                    guard hit.key == key else { return false }
                    let words = NameWords.scan(hit.text).map(\.text)
                    return hit.kind.isWholeTerm
                        ? words.count == surface.count && zip(surface, words).allSatisfy { Inflection.isForm($0, of: $1, with: stemmer) }
                        : surface.count == 1 && words.contains { Inflection.isForm(surface[0], of: $0, with: stemmer) }
                }
                note(forms, form: surface.joined(separator: " ")) { $0.kind.isWholeTerm ? .inflected : .word }
            }
        }
        if best.count < limit, keys.fold.count >= 2 {
            note(try await store.terms(withKeys: searched, prefix: true, limit: 200)) { _ in .prefix }
        }
        let wholeName = best.values.contains { $0.kind <= .inflected }
        if !wholeName { try await noteSimilar(keys.latin, note: note) }

        // Ranked from the hits alone: only the concepts answered are read.
        let ranked = best.values.sorted { ($0.kind, $0.distance, $0.status, $0.conceptID) < ($1.kind, $1.distance, $1.status, $1.conceptID) }
            .prefix(limit)
        let transliterations =
            wholeName || !transliterating
            ? nil
            : NameTransliteration.transliterate(
                nfc, into: languages.isEmpty ? Self.defaultTransliterationLanguages : languages)
        guard !ranked.isEmpty else { return NameAnswer(results: [], transliterations: transliterations) }
        let concepts = Dictionary(try await store.concepts(ids: ranked.map(\.conceptID)).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

        let results = ranked.compactMap { found -> NameResult? in
            guard let stored = concepts[found.conceptID], let matched = stored.terms.first(where: { $0.id == found.termID })?.term else { return nil }
            let preferred = stored.concept.preferredTerm(in: matched.language)
            var byLanguage: [String: [NameForm]] = [:]
            for term in stored.concept.terms.sorted(by: { $0.status < $1.status })
            where languages.isEmpty || languages.contains(where: { Self.covers($0, term.language) }) {
                byLanguage[term.language.canonical, default: []].append(NameForm(term))
            }
            var termTransliterations: [String: NameForm] = [:]
            for language in languages where !stored.concept.terms.contains(where: { Self.covers(language, $0.language) }) {
                if let form = Self.transliteration(of: stored.concept, into: language) { termTransliterations[language.canonical] = form }
            }
            return NameResult(
                conceptID: stored.id, domain: stored.concept.domain, definition: stored.concept.definition, match: found.kind,
                matchedForm: found.form, distance: found.kind == .similar ? found.distance : nil,
                matchedTerm: NameForm(matched),
                preferredTerm: preferred.flatMap { $0 == matched ? nil : NameForm($0) },
                terms: byLanguage, transliterations: termTransliterations)
        }
        return NameAnswer(results: results, transliterations: transliterations)
    }

    /// One concept's best hit so far.
    struct Found {
        let conceptID: Int64
        let termID: Int64
        let kind: NameMatchKind
        let distance: Int
        let status: TermStatus
        let form: String?
    }

    /// Terms whose Latin key is within `maximumDistance` of one of the query's, through the near-key index.
    private func noteSimilar(_ latinKeys: [String], note: (Found) -> Void) async throws {
        let keys = latinKeys.filter { $0.unicodeScalars.count <= Self.similarMaximumKeyLength }
        let probes = Set(keys.flatMap { SearchKeys.deletions(of: $0) })
        guard !probes.isEmpty else { return }
        for hit in try await store.similarTerms(probes: probes.sorted(), limit: Self.similarHitLimit) {
            let distances = keys.compactMap { EditDistance.distance($0, hit.key, limit: Self.maximumDistance(forKeyLength: $0.count)) }
            guard let distance = distances.min(), distance > 0 else { continue }
            note(Found(conceptID: hit.conceptID, termID: hit.termID, kind: .similar, distance: distance, status: hit.status, form: nil))
        }
    }

    /// One slip in a short name, two in a long one.
    static func maximumDistance(forKeyLength length: Int) -> Int {
        length >= 8 ? 2 : 1
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
            return NameForm(transliteration: NameTransliteration.capitalizingWords(text), language: language.canonical, scheme: scheme.name)
        }
        return nil
    }
}
