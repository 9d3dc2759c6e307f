import Foundation
import GlossaFormats
import GlossaModel
import GlossaText

/// The operations the CLI and the HTTP API offer on a translation memory, over any store.
public struct TranslationMemory: Sendable {
    public let store: any TranslationMemoryStore

    public init(store: any TranslationMemoryStore) {
        self.store = store
    }

    public var importer: Importer { Importer(store: store) }

    // MARK: Concordance

    public struct ConcordanceHit: Sendable, Codable {
        public let unitID: Int64
        public let tuid: String?
        public let segment: MatchedSegment
        /// The unit's other segments (only those of `target` when given).
        public let translations: [MatchedSegment]
        public let provenance: Provenance?
    }

    /// Units of `scope` (every memory when nil) with a segment containing `phrase` (its words, in
    /// order) in `language`, or in any language.
    public func concordance(
        _ phrase: String, language: LanguageTag?, target: LanguageTag? = nil,
        limit: Int = 20, offset: Int = 0, scope: MemoryScope? = nil
    ) async throws -> [ConcordanceHit] {
        let words = WordTokenizer.words(Normalization.foldKey(phrase))
        guard !words.isEmpty, limit > 0 else { return [] }
        var scope = scope
        if scope == nil { scope = try await scopeOfEveryMemory() }
        guard let scope else { return [] }
        return try await store.read { reader in
            let segments = try await PhraseSearch(words: words, languageGroup: language?.fallbackGroup)
                .segments(in: reader, limit: limit, offset: offset) { page in
                    let inScope = page.filter(scope.contains)
                    guard scope.filtersUnits else { return inScope }
                    let admitted = Set(
                        try await reader.unitRecords(ids: Array(Set(inScope.map(\.unitID)))).filter { scope.admits($0.metadata) }.map(\.id))
                    return inScope.filter { admitted.contains($0.unitID) }
                }
            let units = Dictionary(
                uniqueKeysWithValues: try await reader.unitRecords(ids: Array(Set(segments.map(\.unitID)))).map { ($0.id, $0) })
            let byUnit = Dictionary(grouping: try await reader.segments(ofUnits: Array(Set(segments.map(\.unitID)))), by: \.unitID)
            return segments.map { segment in
                let requested = language ?? segment.language
                let others = (byUnit[segment.unitID] ?? []).filter { other in
                    other.id != segment.id && (target.map { other.language.fallbackGroup == $0.fallbackGroup } ?? true)
                }
                return ConcordanceHit(
                    unitID: segment.unitID, tuid: segment.tuid,
                    segment: MatchedSegment(segment, requested: requested),
                    translations: others.map { MatchedSegment($0, requested: target ?? $0.language) },
                    provenance: units[segment.unitID].map { Provenance($0, memory: scope.memories[$0.memoryID]?.name) })
            }
        }
    }

    // MARK: Export

    /// Writes the units of `scope` (of every memory when nil) as TMX 1.4b: the units holding both
    /// languages (only those two languages' segments) when `source` and `target` are given, else
    /// every unit whole. Returns the unit count.
    @discardableResult
    public func export(
        source: LanguageTag?, target: LanguageTag?, scope: MemoryScope? = nil, to output: @escaping (String) throws -> Void
    ) async throws -> Int {
        let groups = [source, target].compactMap { $0?.fallbackGroup }
        let writer = TMXWriter(sourceLanguage: source, output: output)
        try writer.begin(creationDate: Self.tmxDate(Date()))
        var count = 0
        try await store.forEachUnit(withLanguageGroups: groups, memories: scope?.ids) { stored in
            if let scope, scope.filtersUnits, !scope.admits(stored.metadata) { return }
            let unit = stored.translationUnit { groups.isEmpty || groups.contains($0.language.fallbackGroup) }
            try writer.write(unit)
            count += 1
        }
        try writer.end()
        return count
    }

    static func tmxDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }
}
