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
    private let insertUnit: Statement
    private let insertSegment: Statement
    private let index: TermIndexWriter
    /// Segment ids are chosen here (the writer is alone) so that the index entry is made before
    /// the row is written, in one statement.
    private var segmentID: Int64
    private var groups: [LanguageTag: String] = [:]

    private let memory: Int64
    private let origin: String

    init(_ db: Database, memory: Int64, origin: String, termIndexFlushBytes: Int) throws {
        self.db = db
        self.memory = memory
        self.origin = origin
        insertUnit = try db.cachedStatement(
            sql: """
                INSERT INTO unit (memory_id, import_id, content_key, tuid, source_language, origin, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (memory_id, content_key) DO NOTHING
                """)
        insertSegment = try db.cachedStatement(
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
        try insertUnit.execute(arguments: [
            memory, try numberedImport(), prepared.contentKey, unit.tuid, unit.sourceLanguage?.canonical, origin, SQLiteStore.json(unit.metadata),
        ])
        guard db.changesCount > 0 else { return .duplicate }
        try insertSegments(of: prepared, unitID: db.lastInsertedRowID)
        return .inserted
    }

    /// Writes a unit's segments, at ids above every stored one, and indexes them.
    func insertSegments(of prepared: PreparedUnit, unitID: Int64) throws {
        let unit = prepared.unit
        for (position, (segment, keys)) in zip(unit.segments, prepared.segments).enumerated() {
            let group = languageGroup(of: segment.language)
            let indexed = try index.index(segmentID: segmentID, languageGroup: group, tokens: keys.tokens)
            try insertSegment.execute(arguments: [
                segmentID, unitID, position, segment.language.canonical, group, segment.text,
                segment.hasInlineCodes ? segment.markup : nil, keys.fold, indexed.words, Data(indexed.tokens),
                SQLiteStore.json(segment.metadata),
            ])
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

    private func languageGroup(of language: LanguageTag) -> String {
        if let group = groups[language] { return group }
        let group = language.fallbackGroup
        groups[language] = group
        return group
    }
}
