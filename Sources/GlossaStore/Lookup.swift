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
        if requested == stored {
            self = .exact
        } else if requested.truncations.contains(stored.canonical) {
            self = .broader
        } else if stored.truncations.contains(requested.canonical) {
            self = .narrower
        } else {
            self = .related
        }
    }
}

public struct LookupQuery: Sendable {
    public var text: String
    public var source: LanguageTag
    public var target: LanguageTag
    /// Lowest score to return (0 to 100).
    public var minimum: Int
    public var limit: Int

    public init(
        text: String, source: LanguageTag, target: LanguageTag, minimum: Int = QueryBounds.minimumScore.defaultValue,
        limit: Int = QueryBounds.matches.defaultValue
    ) {
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
    /// term index, scored in the order of their best possible score until no other can enter
    /// the results), best first.
    public func lookup(_ query: LookupQuery) async throws -> [Match] {
        try await store.read { reader in try await Self.lookup(query, in: reader) }
    }

    private static func lookup(_ query: LookupQuery, in store: any TranslationMemoryReader) async throws -> [Match] {
        let text = ComparableText(query.text)
        let sourceGroup = query.source.fallbackGroup
        let minimum = max(0, min(100, query.minimum))
        var results = LookupResults(query: query, store: store)
        let exact = try await store.segments(withFold: text.fold, languageGroup: sourceGroup, limit: 100)
        for candidate in exact {
            let comparable = ComparableText(nfc: Normalization.nfc(candidate.text), fold: candidate.fold)
            if let score = MatchScore.compute(query: text, candidate: comparable, minimum: minimum) { results.add(candidate, score) }
        }
        try await results.resolve()
        guard minimum < 100, exact.count < query.limit else { return results.matches }

        let fuzzy = try await FuzzyCandidates(
            query: text, languageGroup: sourceGroup, minimum: minimum,
            excluding: Set(exact.map { $0.id }), memory: store)
        var next = 0
        var batch = max(query.limit, 4)
        while next < fuzzy.candidates.count {
            // Candidates come best bound first, then by id: once the last of the results scores
            // above the next bound, or as much but ranks first on every tie-break left (exact
            // language, lower id), no candidate left can change them.
            if let last = results.last {
                let candidate = fuzzy.candidates[next]
                if candidate.bound < last.score || (candidate.bound == last.score && last.match == .exact && candidate.id > last.segmentID) { break }
            }
            let ids = fuzzy.candidates[next..<min(fuzzy.candidates.count, next + batch)].map { $0.id }
            next += ids.count
            batch = min(batch * 2, 256)
            for candidate in try await store.scoringSegments(ids: ids) {
                let segment = candidate.segment
                if let score = MatchScore.compute(
                    identical: Normalization.nfc(segment.text) == text.nfc, sameFold: segment.fold == text.fold,
                    query: fuzzy.query, candidate: candidate.tokens, minimum: minimum)
                {
                    results.add(segment, score)
                }
            }
            try await results.resolve()
        }
        return results.matches
    }
}

/// The scored source segments of a lookup and the matches they give: each paired with its unit's
/// translations in the target language, ordered by score, then language match, then id.
private struct LookupResults {
    let query: LookupQuery
    let store: any TranslationMemoryReader
    private var scored: [(segment: StoredSegment, score: MatchScore, match: LanguageMatch)] = []
    private var targetsByUnit: [Int64: [StoredSegment]] = [:]
    private(set) var matches: [Match] = []
    /// What ranks the last match, once there are `limit` of them.
    private(set) var last: (score: Int, match: LanguageMatch, segmentID: Int64)?

    init(query: LookupQuery, store: any TranslationMemoryReader) {
        self.query = query
        self.store = store
    }

    mutating func add(_ segment: StoredSegment, _ score: MatchScore) {
        scored.append((segment, score, LanguageMatch(requested: query.source, stored: segment.language)))
    }

    /// Reads the translations of units not seen yet and ranks the matches again.
    mutating func resolve() async throws {
        let units = Set(scored.map { $0.segment.unitID }).subtracting(targetsByUnit.keys)
        let targetGroup = query.target.fallbackGroup
        for unit in units { targetsByUnit[unit] = [] }
        for segment in try await store.segments(ofUnits: Array(units)) where segment.language.fallbackGroup == targetGroup {
            targetsByUnit[segment.unitID, default: []].append(segment)
        }
        scored.sort { ($1.score.value, $0.match, $0.segment.id) < ($0.score.value, $1.match, $1.segment.id) }
        matches = []
        last = nil
        var seen = Set<[String]>()
        for (segment, score, sourceMatch) in scored {
            let targets = (targetsByUnit[segment.unitID] ?? []).filter { $0.id != segment.id }
            let ranked = targets.map { (segment: $0, match: LanguageMatch(requested: query.target, stored: $0.language)) }
            guard let best = ranked.map({ $0.match }).min() else { continue }
            // Every translation in the best-matching language is a match (one unit may hold several).
            for target in ranked where target.match == best {
                guard seen.insert([segment.text, target.segment.text]).inserted else { continue }
                matches.append(
                    Match(
                        score: score, source: MatchedSegment(segment, requested: query.source),
                        target: MatchedSegment(target.segment, requested: query.target),
                        unitID: segment.unitID, tuid: segment.tuid))
                if matches.count >= query.limit {
                    last = (score.value, sourceMatch, segment.id)
                    return
                }
            }
        }
    }
}
