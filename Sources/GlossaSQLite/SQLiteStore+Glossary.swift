import Foundation
internal import GRDB
import GlossaModel
import GlossaStore
import GlossaText

extension SQLiteStore {
    public func writeConcepts<T: Sendable>(
        origin: String, _ body: (_ insert: (PreparedConcept) async throws -> InsertOutcome) async throws -> T
    ) async throws -> T {
        try await bridgedWrite(body) { db, bridge in
            _ = try bridge.serve { prepared in try Self.insert(prepared, origin: origin, db) == nil ? .duplicate : .inserted }
        }
    }

    public func addConcept(_ prepared: PreparedConcept, origin: String) async throws -> ConceptWrite {
        try await mapErrors {
            try await pool.write { db in
                if let id = try Self.insert(prepared, origin: origin, db) { return .done(try Self.concepts(ids: [id], db)[0]) }
                return .duplicateOf(try Self.conceptID(contentKey: prepared.concept.contentKey, db) ?? 0)
            }
        }
    }

    public func replaceConcept(id: Int64, with prepared: PreparedConcept) async throws -> ConceptWrite {
        let concept = prepared.concept
        return try await mapErrors {
            try await pool.write { db in
                guard try Int64.fetchOne(db, sql: "SELECT id FROM concept WHERE id = ?", arguments: [id]) != nil else { return .notFound }
                if let other = try Self.conceptID(contentKey: concept.contentKey, db), other != id { return .duplicateOf(other) }
                try db.execute(
                    sql: """
                        UPDATE concept SET content_key = ?, external_id = ?, domain = ?, definition = ?, note = ?, source = ?
                        WHERE id = ?
                        """, arguments: [concept.contentKey, concept.id, concept.domain, concept.definition, concept.note, concept.source, id])
                // The terms' keys go with them (ON DELETE CASCADE).
                try db.execute(sql: "DELETE FROM term WHERE concept_id = ?", arguments: [id])
                try Self.insertTerms(of: prepared, conceptID: id, db)
                return .done(try Self.concepts(ids: [id], db)[0])
            }
        }
    }

    public func deleteConcept(id: Int64) async throws -> Bool {
        try await mapErrors {
            try await pool.write { db in
                try db.execute(sql: "DELETE FROM concept WHERE id = ?", arguments: [id])
                return db.changesCount > 0
            }
        }
    }

    /// Inserts a concept with its terms and their search keys; nil when one with the same terms exists.
    private static func insert(_ prepared: PreparedConcept, origin: String, _ db: Database) throws -> Int64? {
        let concept = prepared.concept
        try db.cachedStatement(
            sql: """
                INSERT INTO concept (content_key, external_id, domain, definition, note, source, origin)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (content_key) DO NOTHING
                """
        ).execute(arguments: [
            concept.contentKey, concept.id, concept.domain, concept.definition, concept.note, concept.source, origin,
        ])
        guard db.changesCount > 0 else { return nil }
        let conceptID = db.lastInsertedRowID
        try insertTerms(of: prepared, conceptID: conceptID, db)
        return conceptID
    }

    private static func insertTerms(of prepared: PreparedConcept, conceptID: Int64, _ db: Database) throws {
        let insertTerm = try db.cachedStatement(
            sql: """
                INSERT INTO term (concept_id, position, language, text, status, part_of_speech, note)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
        for (position, (term, keys)) in zip(prepared.concept.terms, prepared.termKeys).enumerated() {
            try insertTerm.execute(arguments: [
                conceptID, position, term.language.canonical, term.text, term.status.rawValue, term.partOfSpeech, term.note,
            ])
            try insertKeys(keys, termID: db.lastInsertedRowID, db)
        }
    }

    /// A term's search keys and near keys.
    static func insertKeys(_ keys: TermKeys, termID: Int64, _ db: Database) throws {
        let insertKey = try db.cachedStatement(sql: "INSERT OR IGNORE INTO term_key (key, kind, term_id) VALUES (?, ?, ?)")
        let insertNear = try db.cachedStatement(sql: "INSERT OR IGNORE INTO term_near (probe, term_id, key) VALUES (?, ?, ?)")
        for key in keys.keys {
            try insertKey.execute(arguments: [key.value, key.kind.rawValue, termID])
        }
        for near in keys.near {
            try insertNear.execute(arguments: [near.probe, termID, near.key])
        }
    }

    private static func conceptID(contentKey: String, _ db: Database) throws -> Int64? {
        try SQLRequest<Int64>("SELECT id FROM concept WHERE \(ConceptRecord.Columns.contentKey) = \(contentKey)").fetchOne(db)
    }

    public func terms(withKeys keys: [String], prefix: Bool, limit: Int) async throws -> [KeyHit] {
        // U+10FFFF sorts after every other character in SQLite's byte-wise comparison.
        let sql = """
            SELECT k.key, k.kind, k.term_id, t.concept_id, t.text, t.status FROM term_key k JOIN term t ON t.id = k.term_id
            WHERE \(prefix ? "k.key >= ? AND k.key < ?" : "k.key = ?") LIMIT ?
            """
        return try await mapErrors {
            try await pool.quickRead { db in
                let statement = try db.cachedStatement(sql: sql)
                return try keys.filter { !$0.isEmpty }.flatMap { key in
                    let arguments: StatementArguments = prefix ? [key, key + "\u{10FFFF}", limit] : [key, limit]
                    return try Row.fetchAll(statement, arguments: arguments).compactMap { row -> KeyHit? in
                        guard let kind = SearchKeys.Kind(rawValue: row[1]), let status = TermStatus(rawValue: row[5]) else { return nil }
                        return KeyHit(termID: row[2], conceptID: row[3], kind: kind, key: row[0], text: row[4], status: status)
                    }
                }
            }
        }
    }

    public func similarTerms(probes: [String], limit: Int) async throws -> [NearHit] {
        guard !probes.isEmpty else { return [] }
        return try await mapErrors {
            try await pool.quickRead { db in
                try Row.fetchAll(
                    db.cachedStatement(
                        sql: """
                            SELECT n.key, n.term_id, t.concept_id, t.text, t.status FROM term_near n JOIN term t ON t.id = n.term_id
                            WHERE n.probe IN (SELECT value FROM json_each(?)) LIMIT ?
                            """), arguments: [Self.jsonList(probes), limit]
                )
                .compactMap { row -> NearHit? in
                    guard let status = TermStatus(rawValue: row[4]) else { return nil }
                    return NearHit(termID: row[1], conceptID: row[2], key: row[0], text: row[3], status: status)
                }
            }
        }
    }

    public func concepts(ids: [Int64]) async throws -> [StoredConcept] {
        guard !ids.isEmpty else { return [] }
        return try await mapErrors { try await pool.quickRead { db in try Self.concepts(ids: ids, db) } }
    }

    static func concepts(ids: [Int64], _ db: Database) throws -> [StoredConcept] {
        let list = Self.jsonList(ids)
        let terms = try SQLRequest<TermRecord>(
            literal: """
                SELECT * FROM term WHERE \(TermRecord.Columns.conceptID) IN (SELECT value FROM json_each(\(list)))
                ORDER BY \(TermRecord.Columns.conceptID), \(TermRecord.Columns.position)
                """, cached: true
        ).fetchAll(db)
        let termsByConcept = Dictionary(grouping: terms.compactMap(\.stored), by: \.conceptID)
        return try SQLRequest<ConceptRecord>(
            literal: "SELECT * FROM concept WHERE \(ConceptRecord.Columns.id) IN (SELECT value FROM json_each(\(list)))", cached: true
        ).fetchAll(db).map { $0.stored(terms: termsByConcept[$0.id] ?? []) }
    }

    public func conceptIDs(after id: Int64, limit: Int) async throws -> [Int64] {
        try await mapErrors {
            try await pool.read { db in
                let column = ConceptRecord.Columns.id
                return try SQLRequest<Int64>("SELECT \(column) FROM concept WHERE \(column) > \(id) ORDER BY \(column) LIMIT \(limit)")
                    .fetchAll(db)
            }
        }
    }

    public func allTerms() async throws -> [StoredTerm] {
        try await mapErrors {
            try await pool.read { db in
                try SQLRequest<TermRecord>("SELECT * FROM term ORDER BY \(TermRecord.Columns.id)").fetchAll(db).compactMap(\.stored)
            }
        }
    }

    public func glossaryVersion() async throws -> String {
        try await mapErrors {
            try await pool.read { db in
                "\(try SQLRequest<Int64>("SELECT revision FROM glossary_revision").fetchOne(db) ?? 0)"
            }
        }
    }

    public func glossaryStatistics() async throws -> (concepts: Int, terms: Int) {
        try await mapErrors {
            try await pool.read { db in
                (
                    try SQLRequest<Int>("SELECT count(*) FROM concept").fetchOne(db) ?? 0,
                    try SQLRequest<Int>("SELECT count(*) FROM term").fetchOne(db) ?? 0
                )
            }
        }
    }
}
