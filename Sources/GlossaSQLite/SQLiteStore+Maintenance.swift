import Foundation
internal import GRDB
import GlossaStore

/// Removing and replacing units: their postings leave the term index in the same transaction
/// (TermIndexRemoval decides what each block becomes), and the words' segment counts follow.
extension SQLiteStore {
    public func deleteUnits(ids: [Int64]) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        return try await mapErrors {
            try await pool.write { db in
                let units = Self.jsonList(ids)
                try Self.removeSegments(db, ofUnits: units)
                try db.execute(sql: "DELETE FROM unit WHERE id IN (SELECT value FROM json_each(?))", arguments: [units])
                return db.changesCount
            }
        }
    }

    public func deleteImport(id: Int64) async throws -> Int? {
        try await mapErrors {
            try await pool.write { db in
                guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM import_log WHERE id = ?)", arguments: [id]) == true else {
                    return nil
                }
                let units = Self.jsonList(try Int64.fetchAll(db, sql: "SELECT id FROM unit WHERE import_id = ?", arguments: [id]))
                try Self.removeSegments(db, ofUnits: units)
                try db.execute(sql: "DELETE FROM unit WHERE id IN (SELECT value FROM json_each(?))", arguments: [units])
                let removed = db.changesCount
                try db.execute(sql: "DELETE FROM import_log WHERE id = ?", arguments: [id])
                return removed
            }
        }
    }

    public func deleteMemory(id: Int64) async throws -> Bool {
        try await mapErrors {
            try await pool.write { db in
                guard let name = try String.fetchOne(db, sql: "SELECT name FROM memory WHERE id = ?", arguments: [id]) else { return false }
                let units = Self.jsonList(try Int64.fetchAll(db, sql: "SELECT id FROM unit WHERE memory_id = ?", arguments: [id]))
                try Self.removeSegments(db, ofUnits: units)
                try db.execute(sql: "DELETE FROM unit WHERE memory_id = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM import_log WHERE memory_id = ?", arguments: [id])
                try db.execute(
                    sql: "UPDATE access_token SET revoked_at = ? WHERE scope = 'memory' AND memory = ? AND revoked_at IS NULL",
                    arguments: [ISO8601DateFormatter().string(from: Date()), name])
                try db.execute(sql: "DELETE FROM memory WHERE id = ?", arguments: [id])
                return true
            }
        }
    }

    public func replaceUnit(id: Int64, with prepared: PreparedUnit) async throws -> Bool {
        let flushBytes = termIndexFlushBytes
        return try await mapErrors {
            try await pool.write { db in
                guard let row = try Row.fetchOne(db, sql: "SELECT origin, memory_id FROM unit WHERE id = ?", arguments: [id]) else { return false }
                let (origin, memory): (String, Int64) = (row[0], row[1])
                if let other = try Int64.fetchOne(
                    db, sql: "SELECT id FROM unit WHERE memory_id = ? AND content_key = ? AND id <> ?", arguments: [memory, prepared.contentKey, id])
                {
                    throw StoreError.duplicateContent(unitID: other)
                }
                try Self.removeSegments(db, ofUnits: Self.jsonList([id]))
                let unit = prepared.unit
                try db.execute(
                    sql: "UPDATE unit SET content_key = ?, tuid = coalesce(?, tuid), source_language = ?, metadata = ? WHERE id = ?",
                    arguments: [prepared.contentKey, unit.tuid, unit.sourceLanguage?.canonical, Self.json(unit.metadata), id])
                // New segment ids, above every stored one: a word's postings stay in id order.
                let writer = try UnitWriter(db, memory: memory, origin: origin, termIndexFlushBytes: flushBytes)
                try writer.insertSegments(of: prepared, unitID: id)
                try writer.finishIndex()
                return true
            }
        }
    }

    public func unit(id: Int64) async throws -> StoredUnit? {
        try await mapErrors { try await pool.read { db in try Self.units(db, sql: "WHERE u.id = ?", arguments: [id], limit: 1).first } }
    }

    /// Deletes the segments of the units in `units` (a JSON list) and their postings: one query
    /// per word they hold, each word's blocks rewritten at most once, whatever the number of units.
    static func removeSegments(_ db: Database, ofUnits units: String) throws {
        var removal = TermIndexRemoval()
        let segments = try Row.fetchCursor(
            db, sql: "SELECT id, tokens FROM segment WHERE unit_id IN (SELECT value FROM json_each(?))", arguments: [units])
        while let row = try segments.next() {
            let id: Int64 = row[0]
            try row.withUnsafeData(atIndex: 1) { data in
                (data ?? Data()).withUnsafeBytes { removal.remove(segmentID: id, tokens: $0) }
            }
        }
        guard !removal.segmentIDs.isEmpty else { return }
        let blocks = try db.cachedStatement(sql: "SELECT id, segments FROM posting WHERE token_id = ? ORDER BY id")
        let rewrite = try db.cachedStatement(sql: "UPDATE posting SET segments = ? WHERE id = ?")
        let delete = try db.cachedStatement(sql: "DELETE FROM posting WHERE id = ?")
        for word in removal.wordIDs {
            var changes: [TermIndexRemoval.Change] = []
            let rows = try Row.fetchCursor(blocks, arguments: [word])
            while let row = try rows.next() {
                let blockID: Int64 = row[0]
                try row.withUnsafeData(atIndex: 1) { data in
                    let change = (data ?? Data()).withUnsafeBytes { removal.prune(blockID: blockID, tokenID: word, bytes: $0) }
                    if let change { changes.append(change) }
                }
            }
            // Written once the blocks are read: no row changes under an open cursor.
            for change in changes {
                switch change {
                case .rewrite(let blockID, let bytes, _): try rewrite.execute(arguments: [Data(bytes), blockID])
                case .delete(let blockID): try delete.execute(arguments: [blockID])
                }
            }
        }
        let count = try db.cachedStatement(sql: "UPDATE token SET segments = segments - ? WHERE id = ?")
        for (word, removed) in removal.removedPerWord { try count.execute(arguments: [removed, word]) }
        try db.execute(sql: "DELETE FROM segment WHERE unit_id IN (SELECT value FROM json_each(?))", arguments: [units])
    }

    // MARK: The term index whole, for TermIndexCheck

    public func indexedSegments(after id: Int64, limit: Int) async throws -> [IndexedSegment] {
        try await mapErrors {
            try await pool.read { db in
                try Row.fetchAll(
                    db, sql: "SELECT id, unit_id, tokens, word_count FROM segment WHERE id > ? ORDER BY id LIMIT ?", arguments: [id, limit]
                ).map { row in
                    let tokens = ((row[2] as Data?) ?? Data()).withUnsafeBytes(TermIndex.decodeTokenIDs)
                    return IndexedSegment(id: row[0], unitID: row[1], tokens: tokens, wordCount: row[3])
                }
            }
        }
    }

    public func indexedWords(after id: Int64, limit: Int) async throws -> [IndexedWord] {
        try await mapErrors {
            try await pool.read { db in
                // Posting blocks of a word the vocabulary lacks are listed too, with no text.
                let words = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT w.id, t.text, coalesce(t.segments, 0) FROM (
                            SELECT id FROM token WHERE id > ?1 UNION SELECT token_id FROM posting WHERE token_id > ?1
                        ) w LEFT JOIN token t ON t.id = w.id ORDER BY w.id LIMIT ?2
                        """, arguments: [id, limit])
                var blocks: [Int64: [IndexedWord.Block]] = [:]
                let rows = try Row.fetchCursor(
                    db,
                    sql: "SELECT token_id, segments FROM posting WHERE token_id IN (SELECT value FROM json_each(?)) ORDER BY token_id, id",
                    arguments: [Self.jsonList(words.map { $0[0] as Int64 })])
                while let row = try rows.next() {
                    var postings: [TermIndex.Posting] = []
                    ((row[1] as Data?) ?? Data()).withUnsafeBytes { TermIndex.decodePostings($0, into: &postings) }
                    blocks[row[0], default: []].append(IndexedWord.Block(declaredCount: nil, postings: postings))
                }
                return words.map { row in IndexedWord(id: row[0], text: row[1], segments: row[2], blocks: blocks[row[0]] ?? []) }
            }
        }
    }
}
