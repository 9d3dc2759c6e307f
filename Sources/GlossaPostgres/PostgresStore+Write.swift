import Foundation
import GlossaModel
import GlossaStore
import GlossaText
import NIOCore
import PostgresNIO

extension PostgresStore {
    public func write(
        into memory: Int64, origin: String,
        _ body: (_ insert: ([PreparedUnit]) async throws -> [InsertOutcome]) async throws -> ImportCounts
    ) async throws {
        try await transaction { connection in
            let writer = UnitBatchWriter(store: self, connection: connection, memory: memory, origin: origin)
            let counts = try await body { units in try await writer.insert(units) }
            try await writer.finish(counts)
        }
    }
}

/// Inserts an import's units a batch at a time (a few round trips per batch, whatever its size),
/// with their segments and term-index entries, inside the import's transaction.
///
/// Two servers may import the same units at once: a unit already stored is skipped before it is
/// inserted (so that a duplicate takes no id), and `ON CONFLICT DO NOTHING` settles a race for the
/// same content key (the second waits for the first to commit, then skips it). Vocabulary entries
/// are committed on their own as soon as they are needed: they mean nothing until a posting names
/// them, and no import then holds a lock another import waits for.
final class UnitBatchWriter {
    private let store: PostgresStore
    private let connection: PostgresConnection
    private let memory: Int64
    private let origin: String
    private var importID: Int64?
    private var postings = PostingAccumulator()

    init(store: PostgresStore, connection: PostgresConnection, memory: Int64, origin: String) {
        self.store = store
        self.connection = connection
        self.memory = memory
        self.origin = origin
    }

    /// The import's number in `import_log`, made with the first batch (an edit writes segments only).
    private func numberedImport() async throws -> Int64 {
        if let importID { return importID }
        var number: Int64?
        let rows = try await connection.run(
            """
            INSERT INTO import_log (origin, memory_id, units_read, imported, duplicates, rejected)
            VALUES (\(origin), \(memory), 0, 0, 0, 0) RETURNING id
            """, logger: store.logger)
        for try await id in rows.decode(Int64.self) { number = id }
        guard let number else { throw StoreError.database("the import was not numbered") }
        importID = number
        return number
    }

    func insert(_ units: [PreparedUnit]) async throws -> [InsertOutcome] {
        guard !units.isEmpty else { return [] }
        let logger = store.logger
        var stored = Set<String>()
        let existing = try await connection.run(
            "SELECT content_key FROM unit WHERE memory_id = \(memory) AND content_key = ANY(\(units.map(\.contentKey)))", logger: logger)
        for try await key in existing.decode(String.self) { stored.insert(key) }
        var fresh: [PreparedUnit] = []
        var claimed = stored
        for unit in units where claimed.insert(unit.contentKey).inserted { fresh.append(unit) }
        guard !fresh.isEmpty else { return units.map { _ in .duplicate } }

        var unitIDs: [String: Int64] = [:]
        let importID = try await numberedImport()
        let inserted = try await connection.run(
            """
            INSERT INTO unit (memory_id, import_id, content_key, tuid, source_language, origin, metadata)
            SELECT \(memory), \(importID), k, CASE WHEN has_tuid THEN tuid END, NULLIF(source, ''), \(origin), NULLIF(metadata, '')
            FROM unnest(\(fresh.map(\.contentKey))::text[], \(fresh.map { $0.unit.tuid != nil })::bool[],
                \(fresh.map { $0.unit.tuid ?? "" })::text[], \(fresh.map { $0.unit.sourceLanguage?.canonical ?? "" })::text[],
                \(fresh.map { $0.metadataJSON ?? "" })::text[]) WITH ORDINALITY
                AS u(k, has_tuid, tuid, source, metadata, n)
            ORDER BY n
            ON CONFLICT (memory_id, content_key) DO NOTHING
            RETURNING id, content_key
            """, logger: logger)
        for try await (id, key) in inserted.decode((Int64, String).self) { unitIDs[key] = id }
        try await insertSegments(of: fresh.filter { unitIDs[$0.contentKey] != nil }, unitIDs: unitIDs)

        var outcomes: [InsertOutcome] = []
        var counted = Set<String>()
        for unit in units {
            let first = counted.insert(unit.contentKey).inserted
            outcomes.append(first && unitIDs[unit.contentKey] != nil ? .inserted : .duplicate)
        }
        if postings.pendingBytes > store.termIndexFlushBytes { try await flushPostings() }
        return outcomes
    }

    private func insertSegments(of units: [PreparedUnit], unitIDs: [String: Int64]) async throws {
        let count = units.reduce(0) { $0 + $1.unit.segments.count }
        guard count > 0 else { return }
        let logger = store.logger
        var ids: [Int64] = []
        ids.reserveCapacity(count)
        for try await id in try await connection.run(
            "SELECT nextval('segment_id') FROM generate_series(1, \(count))", logger: logger
        ).decode(Int64.self) {
            ids.append(id)
        }
        var wanted = Set<PostgresStore.VocabularyKey>()
        for unit in units {
            for keys in unit.segments {
                let group = keys.languageGroup
                for token in keys.tokens { wanted.insert(.init(group: group, text: token.text)) }
            }
        }
        let vocabulary = try await store.vocabularyIDs(for: wanted, connection: connection)

        var columns = SegmentColumns(capacity: count)
        var next = 0
        for unit in units {
            let unitID = unitIDs[unit.contentKey]!
            for (position, (segment, keys)) in zip(unit.unit.segments, unit.segments).enumerated() {
                let group = keys.languageGroup
                let tokens = keys.tokens.map { token in
                    (id: vocabulary[.init(group: group, text: token.text)]!, isPunctuation: token.kind == .punctuation)
                }
                let indexed = postings.add(segmentID: ids[next], tokens: tokens)
                columns.append(
                    id: ids[next], unitID: unitID, position: position, segment: segment, prepared: keys, words: indexed.words,
                    tokens: indexed.tokens)
                next += 1
            }
        }
        try await connection.run(
            """
            INSERT INTO segment (id, unit_id, position, language, language_group, text, markup, fold, word_count, tokens, metadata)
            SELECT id, unit_id, position, language, language_group, text, NULLIF(markup, ''), fold, word_count, tokens,
                NULLIF(metadata, '')
            FROM unnest(\(columns.ids)::bigint[], \(columns.unitIDs)::bigint[], \(columns.positions)::bigint[],
                \(columns.languages)::text[], \(columns.groups)::text[], \(columns.texts)::text[], \(columns.markups)::text[],
                \(columns.folds)::text[], \(columns.wordCounts)::bigint[], \(columns.tokens)::bytea[], \(columns.metadata)::text[])
                AS s(id, unit_id, position, language, language_group, text, markup, fold, word_count, tokens, metadata)
            """, logger: logger)
    }

    /// Writes the segments of a unit already stored as `unitID` (a replaced unit's new content)
    /// and their postings; no import history line.
    func insertSegments(of unit: PreparedUnit, unitID: Int64) async throws {
        try await insertSegments(of: [unit], unitIDs: [unit.contentKey: unitID])
        try await flushPostings()
    }

    /// Writes the posting blocks gathered so far (also midway, when they grow large).
    private func flushPostings() async throws {
        let blocks = postings.take()
        guard !blocks.isEmpty else { return }
        try await connection.run(
            """
            INSERT INTO posting (token_id, segment_count, segments)
            SELECT * FROM unnest(\(blocks.map(\.tokenID))::bigint[], \(blocks.map { $0.block.count })::bigint[],
                \(blocks.map { ByteBuffer(bytes: $0.block.bytes) })::bytea[])
            """, logger: store.logger)
    }

    func finish(_ counts: ImportCounts) async throws {
        try await flushPostings()
        try await connection.run(
            """
            UPDATE import_log SET units_read = \(counts.read), imported = \(counts.imported), duplicates = \(counts.duplicates),
                rejected = \(counts.rejected), finished_at = now()
            WHERE id = \(try await numberedImport())
            """, logger: store.logger)
    }

    /// The segments of a batch as one array per column, for one INSERT ... SELECT FROM unnest.
    private struct SegmentColumns {
        var ids: [Int64] = [], unitIDs: [Int64] = [], positions: [Int] = [], wordCounts: [Int] = []
        var languages: [String] = [], groups: [String] = [], texts: [String] = [], markups: [String] = []
        var folds: [String] = [], metadata: [String] = []
        var tokens: [ByteBuffer] = []

        init(capacity: Int) {
            ids.reserveCapacity(capacity)
        }

        mutating func append(
            id: Int64, unitID: Int64, position: Int, segment: Segment, prepared: PreparedUnit.PreparedSegment, words: Int,
            tokens blob: [UInt8]
        ) {
            ids.append(id)
            unitIDs.append(unitID)
            positions.append(position)
            languages.append(segment.language.canonical)
            groups.append(prepared.languageGroup)
            texts.append(segment.text)
            markups.append(prepared.codedMarkup ?? "")
            folds.append(prepared.fold)
            wordCounts.append(words)
            tokens.append(ByteBuffer(bytes: blob))
            metadata.append(prepared.metadataJSON ?? "")
        }
    }
}

extension PostgresStore {
    /// Vocabulary ids of `keys`, adding the words not stored yet (committed at once, see UnitBatchWriter).
    func vocabularyIDs(for keys: Set<VocabularyKey>, connection: PostgresConnection) async throws -> [VocabularyKey: Int64] {
        var found: [VocabularyKey: Int64] = [:]
        var missing: [VocabularyKey] = []
        vocabulary.withLock { known in
            for key in keys {
                if let id = known[key] { found[key] = id } else { missing.append(key) }
            }
        }
        guard !missing.isEmpty else { return found }
        func read(_ keys: [VocabularyKey]) async throws {
            let rows = try await connection.run(
                """
                SELECT t.id, t.language_group, t.text FROM token t
                JOIN unnest(\(keys.map(\.group))::text[], \(keys.map(\.text))::text[]) AS k(language_group, text)
                    ON t.text = k.text AND t.language_group = k.language_group
                """, logger: logger)
            for try await (id, group, text) in rows.decode((Int64, String, String).self) { found[.init(group: group, text: text)] = id }
        }
        try await read(missing)
        // In one order on every server, so that two inserting the same new words cannot deadlock.
        let new = missing.filter { found[$0] == nil }.sorted { ($0.group, $0.text) < ($1.group, $1.text) }
        if !new.isEmpty {
            try await client.run(
                """
                INSERT INTO token (language_group, text)
                SELECT g, t FROM unnest(\(new.map(\.group))::text[], \(new.map(\.text))::text[]) WITH ORDINALITY AS k(g, t, n)
                ORDER BY n
                ON CONFLICT (language_group, md5(text)) DO NOTHING
                """, logger: logger)
            try await read(new)
        }
        vocabulary.withLock { known in
            for key in missing { if let id = found[key] { known[key] = id } }
        }
        return found
    }
}
