import Foundation
internal import GRDB
import GlossaModel
import GlossaStore
import GlossaText

/// Inserts the units of one import inside its write transaction, with their segments and term
/// index entries; `finish` writes what the index holds and the import's history line.
final class UnitWriter {
    private let db: Database
    /// The import's number in `import_log`, made with the first unit (an edit writes segments only).
    private var importID: Int64?
    private let insertUnit: BoundStatement
    private let insertSegment: BoundStatement
    private let index: TermIndexWriter
    /// Segment ids are chosen here (the writer is alone) so that the index entry is made before
    /// the row is written, in one statement.
    private var segmentID: Int64

    private let memory: Int64
    private let origin: String

    init(_ db: Database, memory: Int64, origin: String, termIndexFlushBytes: Int) throws {
        self.db = db
        self.memory = memory
        self.origin = origin
        insertUnit = try BoundStatement(
            db,
            sql: """
                INSERT INTO unit (memory_id, import_id, content_key, tuid, source_language, origin, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (memory_id, content_key) DO NOTHING
                """)
        insertSegment = try BoundStatement(
            db,
            sql: """
                INSERT INTO segment (id, unit_id, position, language, language_group, text, markup, fold, word_count, tokens, metadata)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        index = try TermIndexWriter(db, flushBytes: termIndexFlushBytes)
        segmentID = try (Int64.fetchOne(db, sql: "SELECT max(id) FROM segment") ?? 0) + 1
    }

    private func numberedImport() throws -> Int64 {
        if let importID { return importID }
        try db.execute(
            sql: "INSERT INTO import_log (origin, memory_id, units_read, imported, duplicates, rejected) VALUES (?, ?, 0, 0, 0, 0)",
            arguments: [origin, memory])
        importID = db.lastInsertedRowID
        return db.lastInsertedRowID
    }

    func insert(_ prepared: PreparedUnit) throws -> InsertOutcome {
        let unit = prepared.unit
        insertUnit.bind(memory, at: 1)
        insertUnit.bind(try numberedImport(), at: 2)
        insertUnit.bind(prepared.contentKey, at: 3)
        insertUnit.bind(unit.tuid, at: 4)
        insertUnit.bind(unit.sourceLanguage?.canonical, at: 5)
        insertUnit.bind(origin, at: 6)
        insertUnit.bind(prepared.metadataJSON, at: 7)
        try insertUnit.execute()
        guard db.changesCount > 0 else { return .duplicate }
        try insertSegments(of: prepared, unitID: db.lastInsertedRowID)
        return .inserted
    }

    /// Writes a unit's segments, at ids above every stored one, and indexes them.
    func insertSegments(of prepared: PreparedUnit, unitID: Int64) throws {
        let unit = prepared.unit
        for (position, (segment, keys)) in zip(unit.segments, prepared.segments).enumerated() {
            let group = keys.languageGroup
            let indexed = try index.index(segmentID: segmentID, languageGroup: group, tokens: keys.tokens)
            insertSegment.bind(segmentID, at: 1)
            insertSegment.bind(unitID, at: 2)
            insertSegment.bind(position, at: 3)
            insertSegment.bind(segment.language.canonical, at: 4)
            insertSegment.bind(group, at: 5)
            insertSegment.bind(segment.text, at: 6)
            insertSegment.bind(keys.codedMarkup, at: 7)
            insertSegment.bind(keys.fold, at: 8)
            insertSegment.bind(indexed.words, at: 9)
            insertSegment.bind(bytes: indexed.tokens, at: 10)
            insertSegment.bind(keys.metadataJSON, at: 11)
            try insertSegment.execute()
            segmentID += 1
        }
    }

    /// Writes what the term index holds (a replaced unit's segments: no import history line).
    func finishIndex() throws {
        try index.finish()
    }

    func finish(_ counts: ImportCounts) throws {
        try index.finish()
        try db.execute(
            sql: """
                UPDATE import_log SET units_read = ?, imported = ?, duplicates = ?, rejected = ?,
                    finished_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                WHERE id = ?
                """,
            arguments: [counts.read, counts.imported, counts.duplicates, counts.rejected, try numberedImport()])
    }
}
