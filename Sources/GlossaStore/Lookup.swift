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
    /// The memories searched, their penalties and the unit filters; every memory when nil.
    public var scope: MemoryScope?

    public init(
        text: String, source: LanguageTag, target: LanguageTag, minimum: Int = QueryBounds.minimumScore.defaultValue,
        limit: Int = QueryBounds.matches.defaultValue, scope: MemoryScope? = nil
    ) {
        self.text = text
        self.source = source
        self.target = target
        self.minimum = minimum
        self.limit = limit
        self.scope = scope
    }
}

/// Where a match comes from: its memory, the file it was imported from and what that file said.
public struct Provenance: Sendable, Codable, Hashable {
    public let memory: MemoryName?
    /// The file (or request) the unit came from.
    public let origin: String
    /// The import that added the unit (see `GET /v1/imports`).
    public let importID: Int64?
    public let creationDate: String?
    public let changeDate: String?
    public let creationID: String?
    public let changeID: String?
    /// The unit's TMX `prop`s.
    public let properties: [Property]

    init(_ unit: UnitRecord, memory: MemoryName?) {
        self.memory = memory
        origin = unit.origin
        importID = unit.importID
        creationDate = unit.metadata.creationDate
        changeDate = unit.metadata.changeDate
        creationID = unit.metadata.attributes["creationid"]
        changeID = unit.metadata.attributes["changeid"]
        properties = unit.metadata.properties
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
    public let provenance: Provenance?
    /// How many units give this source and this translation.
    public let occurrences: Int
    /// How many different translations the results give for this source text, when more than one
    /// (see `LookupResults` for their order).
    public let alternatives: Int?
}

extension TranslationMemory {
    /// Exact matches first (found by the fold-key index), then fuzzy ones (candidates from the
    /// term index, scored in the order of their best possible score until no other can enter
    /// the results), best first.
    public func lookup(_ query: LookupQuery) async throws -> [Match] {
        var query = query
        if query.scope == nil { query.scope = try await scopeOfEveryMemory() }
        return try await store.read { [query] reader in try await Self.lookup(query, in: reader) }
    }

    /// Segments read for the exact matches of a query (same fold key), in every memory.
    static let exactCandidates = 100

    private static func lookup(_ query: LookupQuery, in store: any TranslationMemoryReader) async throws -> [Match] {
        let text = ComparableText(query.text)
        let sourceGroup = query.source.fallbackGroup
        let minimum = max(0, min(100, query.minimum))
        var results = LookupResults(query: query, minimum: minimum, store: store)
        let exact = try await store.segments(withFold: text.fold, languageGroup: sourceGroup, limit: exactCandidates)
        for candidate in exact {
            let comparable = ComparableText(nfc: Normalization.nfc(candidate.text), fold: candidate.fold)
            if let score = MatchScore.compute(query: text, candidate: comparable, minimum: minimum) { results.add(candidate, score) }
        }
        try await results.resolve()
        guard minimum < 100, results.matches.count < query.limit else { return results.matches }

        let fuzzy = try await FuzzyCandidates(
            query: text, languageGroup: sourceGroup, minimum: minimum,
            excluding: Set(exact.map { $0.id }), memory: store)
        var next = 0
        var batch = max(query.limit, 4)
        while next < fuzzy.candidates.count {
            // Candidates come best bound first: once the last of the results scores above the
            // next bound, no candidate left can enter them (penalties only lower scores).
            if let last = results.lastScore, fuzzy.candidates[next].bound < last { break }
            let ids = fuzzy.candidates[next..<min(fuzzy.candidates.count, next + batch)].map { $0.id }
            next += ids.count
            batch = min(batch * 2, 256)
            for candidate in try await store.scoringSegments(ids: ids) {
                // Scoring a long segment is the product of its length and the query's: a request
                // past its deadline stops between segments, not after a whole batch.
                try Task.checkCancellation()
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
///
/// Several units may give the same source text: a translation given by several is one match
/// (`occurrences` counts them), and different translations of one source text at one score are
/// ordered newest change first, then most frequent first, then as found.
private struct LookupResults {
    let query: LookupQuery
    let scope: MemoryScope
    let minimum: Int
    let store: any TranslationMemoryReader
    private var scored: [(segment: StoredSegment, score: MatchScore, match: LanguageMatch)] = []
    private var targetsByUnit: [Int64: [StoredSegment]] = [:]
    private var units: [Int64: UnitRecord] = [:]
    private(set) var matches: [Match] = []
    /// The score of the last match, once there are `limit` of them.
    private(set) var lastScore: Int?

    init(query: LookupQuery, minimum: Int, store: any TranslationMemoryReader) {
        self.query = query
        self.scope = query.scope ?? MemoryScope(memories: [])
        self.minimum = minimum
        self.store = store
    }

    /// Takes a scored segment of a memory in scope, less the memory's penalty.
    mutating func add(_ segment: StoredSegment, _ score: MatchScore) {
        guard let penalty = scope.penalties[segment.memoryID] else { return }
        let score = score.penalized(by: penalty)
        guard score.value >= minimum else { return }
        scored.append((segment, score, LanguageMatch(requested: query.source, stored: segment.language)))
    }

    /// Reads the translations and provenance of units not seen yet and ranks the matches again.
    mutating func resolve() async throws {
        let new = Array(Set(scored.map { $0.segment.unitID }).subtracting(targetsByUnit.keys))
        let targetGroup = query.target.fallbackGroup
        for unit in new { targetsByUnit[unit] = [] }
        let read = try await store.units(ids: new)
        for segment in read.segments where segment.language.fallbackGroup == targetGroup {
            targetsByUnit[segment.unitID, default: []].append(segment)
        }
        for record in read.records { units[record.id] = record }
        if scope.filtersUnits {
            let (units, scope) = (units, scope)
            scored.removeAll { candidate in units[candidate.segment.unitID].map { !scope.admits($0.metadata) } ?? true }
        }
        scored.sort { ($1.score.value, $0.match, $0.segment.id) < ($0.score.value, $1.match, $1.segment.id) }

        var found: [Found] = []
        var index: [[String]: Int] = [:]
        for (segment, score, _) in scored {
            let targets = (targetsByUnit[segment.unitID] ?? []).filter { $0.id != segment.id }
            let ranked = targets.map { (segment: $0, match: LanguageMatch(requested: query.target, stored: $0.language)) }
            guard let best = ranked.map({ $0.match }).min() else { continue }
            let unit = units[segment.unitID]
            let date = unit.flatMap { $0.metadata.changeDate ?? $0.metadata.creationDate }.map(MemoryScope.normalizedDate) ?? ""
            // Every translation in the best-matching language is a match (one unit may hold several).
            for target in ranked where target.match == best {
                let key = [segment.text, target.segment.text]
                if let at = index[key] {
                    found[at].occurrences += 1
                    found[at].newest = max(found[at].newest, date)
                    continue
                }
                index[key] = found.count
                found.append(Found(segment: segment, target: target.segment, score: score, unit: unit, newest: date, order: found.count))
            }
        }
        // Different translations of one source text at one score: newest, then most frequent, first.
        var groups: [[String]: [Found]] = [:]
        var groupOrder: [[String]] = []
        for item in found {
            let key = [String(item.score.value), item.segment.text]
            if groups[key] == nil { groupOrder.append(key) }
            groups[key, default: []].append(item)
        }
        matches = []
        lastScore = nil
        for key in groupOrder {
            let group = groups[key, default: []].sorted { ($1.newest, $1.occurrences, $0.order) < ($0.newest, $0.occurrences, $1.order) }
            for item in group {
                matches.append(
                    Match(
                        score: item.score, source: MatchedSegment(item.segment, requested: query.source),
                        target: MatchedSegment(item.target, requested: query.target),
                        unitID: item.segment.unitID, tuid: item.segment.tuid,
                        provenance: item.unit.map { Provenance($0, memory: scope.memories[$0.memoryID]?.name) },
                        occurrences: item.occurrences, alternatives: group.count > 1 ? group.count : nil))
                if matches.count >= query.limit {
                    lastScore = item.score.value
                    return
                }
            }
        }
    }

    private struct Found {
        let segment: StoredSegment
        let target: StoredSegment
        let score: MatchScore
        let unit: UnitRecord?
        var occurrences = 1
        /// The newest change (or creation) date of the units giving it, as a TMX date; "" when none.
        var newest: String
        let order: Int

        init(segment: StoredSegment, target: StoredSegment, score: MatchScore, unit: UnitRecord?, newest: String, order: Int) {
            self.segment = segment
            self.target = target
            self.score = score
            self.unit = unit
            self.newest = newest
            self.order = order
        }
    }
}
