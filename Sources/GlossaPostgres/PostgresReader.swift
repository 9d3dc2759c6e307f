import GlossaMatching
import GlossaStore
import GlossaText
import Logging
import NIOCore
import PostgresNIO

extension PostgresStore {
    public func read<T>(_ body: (any TranslationMemoryReader) async throws -> T) async throws -> T {
        try await body(PostgresReader(store: self))
    }
}

/// The reads of lookups and concordance searches, each one statement on a pooled connection.
struct PostgresReader: TranslationMemoryReader {
    let store: PostgresStore
    var client: PostgresClient { store.client }
    var logger: Logger { store.logger }

    private static let columns = PostgresStore.segmentColumns

    private func segments(_ query: PostgresQuery) async throws -> [StoredSegment] {
        try await store.guarded {
            var segments: [StoredSegment] = []
            for try await row in try await client.run(query, logger: logger).decode(PostgresStore.SegmentRow.self) {
                if let segment = PostgresStore.segment(row) { segments.append(segment) }
            }
            return segments
        }
    }

    func segments(withFold fold: String, languageGroup: String, limit: Int) async throws -> [StoredSegment] {
        try await segments(
            """
            SELECT \(unescaped: Self.columns) FROM segment s JOIN unit u ON u.id = s.unit_id
            WHERE s.language_group = \(languageGroup) AND s.fold = \(fold) ORDER BY s.id LIMIT \(limit)
            """)
    }

    func segments(ofUnits unitIDs: [Int64]) async throws -> [StoredSegment] {
        guard !unitIDs.isEmpty else { return [] }
        return try await segments(
            """
            SELECT \(unescaped: Self.columns) FROM segment s JOIN unit u ON u.id = s.unit_id
            WHERE s.unit_id = ANY(\(unitIDs)) ORDER BY s.unit_id, s.position
            """)
    }

    func indexedTokens(of tokens: [Token], languageGroup: String) async throws -> [TermIndex.Token] {
        let texts = Array(Set(tokens.map(\.text)))
        var known: [String: (id: Int64, segments: Int)] = [:]
        for entry in try await vocabulary(texts: texts, languageGroup: languageGroup) { known[entry.text] = (entry.id, entry.segments) }
        // Words the index lacks get negative ids, one per distinct word, in the order of the query.
        var unknown: [String: Int64] = [:]
        return tokens.map { token in
            let found =
                known[token.text]
                ?? {
                    let id = unknown[token.text] ?? -Int64(unknown.count + 1)
                    unknown[token.text] = id
                    return (id, 0)
                }()
            return TermIndex.Token(id: found.id, isPunctuation: token.kind == .punctuation, segments: found.segments)
        }
    }

    func vocabulary(texts: [String], languageGroup: String?) async throws -> [TermIndex.Entry] {
        guard !texts.isEmpty else { return [] }
        // A word's segment count is the sum of its blocks' counts (see PostgresSchema).
        return try await store.guarded {
            let rows = try await client.run(
                """
                SELECT t.id, t.language_group, t.text,
                    coalesce((SELECT sum(p.segment_count) FROM posting p WHERE p.token_id = t.id), 0)::bigint
                FROM token t WHERE t.text = ANY(\(texts)) AND (\(languageGroup == nil) OR t.language_group = \(languageGroup ?? ""))
                """, logger: logger)
            var entries: [TermIndex.Entry] = []
            for try await (id, group, text, segments) in rows.decode((Int64, String, String, Int).self) {
                entries.append(TermIndex.Entry(id: id, languageGroup: group, text: text, segments: segments))
            }
            return entries
        }
    }

    func postings(ofTokens ids: [Int64]) async throws -> [[TermIndex.Posting]] {
        guard !ids.isEmpty else { return [] }
        let byToken = try await store.guarded {
            var byToken: [Int64: [TermIndex.Posting]] = [:]
            let rows = try await client.run(
                "SELECT token_id, segments FROM posting WHERE token_id = ANY(\(ids)) ORDER BY token_id, id", logger: logger)
            for try await (id, block) in rows.decode((Int64, ByteBuffer).self) {
                block.withUnsafeReadableBytes { TermIndex.decodePostings($0, into: &byToken[id, default: []]) }
            }
            return byToken
        }
        return ids.map { id in
            let postings = byToken[id] ?? []
            // Imports running side by side append blocks whose ids interleave: the list is kept by id.
            if zip(postings, postings.dropFirst()).allSatisfy({ $0.segmentID < $1.segmentID }) { return postings }
            return postings.sorted { $0.segmentID < $1.segmentID }
        }
    }

    func scoringSegments(ids: [Int64]) async throws -> [ScoringSegment] {
        guard !ids.isEmpty else { return [] }
        return try await store.guarded {
            var segments: [ScoringSegment] = []
            let rows = try await client.run(
                """
                SELECT \(unescaped: Self.columns), s.tokens FROM segment s JOIN unit u ON u.id = s.unit_id WHERE s.id = ANY(\(ids))
                """, logger: logger)
            for try await row in rows.decode((Int64, Int64, Int64, String?, String, String, String?, String, ByteBuffer).self) {
                guard let segment = PostgresStore.segment((row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7)) else { continue }
                segments.append(ScoringSegment(segment: segment, tokens: row.8.withUnsafeReadableBytes(TermIndex.decodeTokens)))
            }
            return segments
        }
    }

    func unitRecords(ids: [Int64]) async throws -> [UnitRecord] {
        guard !ids.isEmpty else { return [] }
        return try await store.guarded {
            var records: [UnitRecord] = []
            let rows = try await client.run(
                "SELECT id, memory_id, origin, import_id, metadata FROM unit WHERE id = ANY(\(ids))", logger: logger)
            for try await (id, memory, origin, importID, metadata) in rows.decode((Int64, Int64, String, Int64?, String?).self) {
                records.append(UnitRecord(id: id, memoryID: memory, origin: origin, importID: importID, metadata: MetadataJSON.decode(metadata)))
            }
            return records
        }
    }
}
