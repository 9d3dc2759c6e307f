import GlossaMatching
import GlossaModel
import GlossaText

/// How the language of a stored segment relates to the language asked for.
///
/// A lookup for a tag searches every segment of the tag's fallback group (language plus likely
/// script: `en-US`, `en`, `en-GB` are one group; `zh-CN` and `zh-TW` are not) and ranks them:
/// exact tag, then a broader tag (`en` for `en-US`), then a narrower one (`en-US` for `en`),
/// then a related one (`en-GB` for `en-US`).
public enum LanguageMatch: String, Sendable, Codable, DeclarationOrdered {
    case exact, broader, narrower, related

    init(requested: LanguageTag, stored: LanguageTag) {
        if requested == stored { self = .exact }
        else if requested.truncations.contains(stored.canonical) { self = .broader }
        else if stored.truncations.contains(requested.canonical) { self = .narrower }
        else { self = .related }
    }
}

public struct LookupQuery: Sendable {
    public var text: String
    public var source: LanguageTag
    public var target: LanguageTag
    /// Lowest score to return (0 to 100).
    public var minimum: Int
    public var limit: Int

    public init(text: String, source: LanguageTag, target: LanguageTag, minimum: Int = 70, limit: Int = 5) {
        self.text = text
        self.source = source
        self.target = target
        self.minimum = minimum
        self.limit = limit
    }
}

/// One side of a match: a stored segment and how its language relates to the one asked for.
public struct MatchedSegment: Sendable, Codable, Hashable {
    public let text: String
    /// TMX markup, when the segment holds inline codes.
    public let markup: String?
    public let language: LanguageTag
    public let languageMatch: LanguageMatch

    init(_ segment: StoredSegment, requested: LanguageTag) {
        text = segment.text
        markup = segment.markup == XMLEscaping.escapeText(segment.text) ? nil : segment.markup
        language = segment.language
        languageMatch = LanguageMatch(requested: requested, stored: segment.language)
    }
}

public struct Match: Sendable, Codable {
    public let score: MatchScore
    public let source: MatchedSegment
    public let target: MatchedSegment
    public let unitID: Int64
    public let tuid: String?
}

extension TranslationMemory {
    /// Exact matches first (found by the fold-key index), then fuzzy ones (candidates from the
    /// full-text index, each scored exactly), best first.
    public func lookup(_ query: LookupQuery) throws -> [Match] {
        let text = ComparableText(query.text)
        let sourceGroup = query.source.fallbackGroup
        let minimum = max(0, min(100, query.minimum))
        var candidates = try store.segments(withFold: text.fold, languageGroup: sourceGroup, limit: 100)
        if minimum < 100, candidates.count < query.limit {
            let terms = text.indexTerms
            let ratio = Double(max(minimum, 1)) / 100
            // A segment scoring at least `minimum` differs in at most this many words, so it must hold
            // one of the `allowedEdits + 1` rarest query terms, and its length is bounded too.
            let longest = Double(terms.count) / ratio
            let allowedEdits = Int((longest * (1 - ratio)).rounded(.down))
            let wordCounts = max(0, Int((Double(terms.count) * ratio).rounded(.down)) - 1)...(Int(longest.rounded(.up)) + 1)
            let known = Set(candidates.map(\.id))
            candidates += try store.segments(containingAnyOf: terms, rarest: allowedEdits + 1, languageGroup: sourceGroup,
                                             wordCounts: wordCounts, limit: 400)
                .filter { !known.contains($0.id) }
        }

        var scored: [(segment: StoredSegment, score: MatchScore)] = []
        for candidate in candidates {
            let comparable = ComparableText(nfc: Normalization.nfc(candidate.text), fold: candidate.fold)
            if let score = MatchScore.compute(query: text, candidate: comparable, minimum: minimum) {
                scored.append((candidate, score))
            }
        }
        guard !scored.isEmpty else { return [] }

        let targetGroup = query.target.fallbackGroup
        var targetsByUnit: [Int64: [StoredSegment]] = [:]
        for segment in try store.segments(ofUnits: Array(Set(scored.map(\.segment.unitID)))) {
            if segment.language.fallbackGroup == targetGroup { targetsByUnit[segment.unitID, default: []].append(segment) }
        }

        var matches: [Match] = []
        var seen = Set<[String]>()
        let ordered = scored
            .map { (segment: $0.segment, score: $0.score, match: LanguageMatch(requested: query.source, stored: $0.segment.language)) }
            .sorted { ($1.score.value, $0.match, $0.segment.id) < ($0.score.value, $1.match, $1.segment.id) }
        for (segment, score, _) in ordered {
            let targets = (targetsByUnit[segment.unitID] ?? []).filter { $0.id != segment.id }
            let ranked = targets.map { (segment: $0, match: LanguageMatch(requested: query.target, stored: $0.language)) }
            guard let best = ranked.map(\.match).min() else { continue }
            // Every translation in the best-matching language is a match (one unit may hold several).
            for target in ranked where target.match == best {
                guard seen.insert([segment.text, target.segment.text]).inserted else { continue }
                matches.append(Match(score: score, source: MatchedSegment(segment, requested: query.source),
                                     target: MatchedSegment(target.segment, requested: query.target),
                                     unitID: segment.unitID, tuid: segment.tuid))
                if matches.count >= query.limit { return matches }
            }
        }
        return matches
    }
}
