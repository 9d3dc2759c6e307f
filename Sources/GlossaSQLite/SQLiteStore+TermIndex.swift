import Foundation
internal import GRDB
import GlossaMatching
import GlossaStore
import GlossaText

/// Reading segments and the term index (see TermIndex) for lookups and concordance.
extension SQLiteStore {
    public func read<T>(_ body: (any TranslationMemoryReader) async throws -> T) async throws -> T {
        try await mapErrors { try await body(SQLiteReader(pool: pool)) }
    }
}

/// Each read in a read transaction of its own, on the calling thread (see `quickRead`), which a
/// cancelled task interrupts. Statements are cached and lists of ids go in as one JSON argument, so that no read
/// compiles SQL again.
struct SQLiteReader: TranslationMemoryReader {
    let pool: DatabasePool

    private static let columns = SQLiteStore.segmentColumns

    func segments(withFold fold: String, languageGroup: String, limit: Int) async throws -> [StoredSegment] {
        try await pool.quickRead { db in
            try SQLiteStore.fetchSegments(
                db.cachedStatement(
                    sql: """
                        SELECT \(Self.columns) FROM segment s WHERE s.language_group = ? AND s.fold = ? ORDER BY s.id LIMIT ?
                        """), arguments: [languageGroup, fold, limit])
        }
    }

    func segments(ofUnits unitIDs: [Int64]) async throws -> [StoredSegment] {
        guard !unitIDs.isEmpty else { return [] }
        return try await pool.quickRead { db in try Self.segments(ofUnits: unitIDs, db) }
    }

    private static func segments(ofUnits unitIDs: [Int64], _ db: Database) throws -> [StoredSegment] {
        try SQLiteStore.fetchSegments(
            db.cachedStatement(
                sql: """
                    SELECT \(columns) FROM segment s WHERE s.unit_id IN (SELECT value FROM json_each(?))
                    ORDER BY s.unit_id, s.position
                    """), arguments: [SQLiteStore.jsonList(unitIDs)])
    }

    func indexedTokens(of tokens: [Token], languageGroup: String) async throws -> [TermIndex.Token] {
        try await pool.quickRead { db in
            let find = try db.cachedStatement(sql: "SELECT id, segments FROM token WHERE language_group = ? AND text = ?")
            var known: [String: (id: Int64, segments: Int)] = [:]
            var unknown: Int64 = 0
            return try tokens.map { token in
                let found: (id: Int64, segments: Int)
                if let seen = known[token.text] {
                    found = seen
                } else if let row = try Row.fetchOne(find, arguments: [languageGroup, token.text]) {
                    found = (row[0], row[1])
                } else {
                    unknown -= 1
                    found = (unknown, 0)
                }
                known[token.text] = found
                return TermIndex.Token(id: found.id, isPunctuation: token.kind == .punctuation, segments: found.segments)
            }
        }
    }

    func vocabulary(texts: [String], languageGroup: String?) async throws -> [TermIndex.Entry] {
        guard !texts.isEmpty else { return [] }
        var sql = "SELECT id, language_group, text, segments FROM token WHERE text IN (SELECT value FROM json_each(?))"
        var arguments: StatementArguments = [SQLiteStore.jsonList(texts)]
        if let languageGroup {
            sql += " AND language_group = ?"
            arguments += [languageGroup]
        }
        return try await pool.quickRead { [sql, arguments] db in
            try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments).map { row in
                TermIndex.Entry(id: row[0], languageGroup: row[1], text: row[2], segments: row[3])
            }
        }
    }

    func postings(ofTokens ids: [Int64]) async throws -> [[TermIndex.Posting]] {
        guard !ids.isEmpty else { return [] }
        return try await pool.quickRead { db in
            let statement = try db.cachedStatement(sql: "SELECT segments FROM posting WHERE token_id = ? ORDER BY id")
            return try ids.map { id in
                var postings: [TermIndex.Posting] = []
                let rows = try Row.fetchCursor(statement, arguments: [id])
                while let row = try rows.next() {
                    // Read in place: a block can be megabytes for a frequent word.
                    try row.withUnsafeData(atIndex: 0) { data in
                        data?.withUnsafeBytes { TermIndex.decodePostings($0, into: &postings) }
                    }
                }
                return postings
            }
        }
    }

    func scoringSegments(ids: [Int64]) async throws -> [ScoringSegment] {
        guard !ids.isEmpty else { return [] }
        return try await pool.quickRead { db in
            try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT \(Self.columns), s.tokens FROM segment s WHERE s.id IN (SELECT value FROM json_each(?))
                        """), arguments: [SQLiteStore.jsonList(ids)]
            ).compactMap { row in
                guard let segment = SQLiteStore.segment(row), let tokens: Data = row["tokens"] else { return nil }
                return ScoringSegment(segment: segment, tokens: tokens.withUnsafeBytes(TermIndex.decodeTokens))
            }
        }
    }
}

extension SQLiteReader {
    func unitRecords(ids: [Int64]) async throws -> [UnitRecord] {
        guard !ids.isEmpty else { return [] }
        return try await pool.quickRead { db in try Self.unitRecords(ids: ids, db) }
    }

    func units(ids: [Int64]) async throws -> (segments: [StoredSegment], records: [UnitRecord]) {
        guard !ids.isEmpty else { return ([], []) }
        return try await pool.quickRead { db in (try Self.segments(ofUnits: ids, db), try Self.unitRecords(ids: ids, db)) }
    }

    private static func unitRecords(ids: [Int64], _ db: Database) throws -> [UnitRecord] {
        try Row.fetchAll(
            db.cachedStatement(
                sql: "SELECT id, memory_id, origin, import_id, metadata FROM unit WHERE id IN (SELECT value FROM json_each(?))"),
            arguments: [SQLiteStore.jsonList(ids)]
        ).map { row in
            UnitRecord(
                id: row["id"], memoryID: row["memory_id"], origin: row["origin"], importID: row["import_id"],
                metadata: MetadataJSON.decode(row["metadata"]))
        }
    }
}
