import GlossaModel
import GlossaStore
import GlossaText
import Logging
import PostgresNIO

extension PostgresStore {
    public func writeConcepts<T: Sendable>(
        origin: String, _ body: (_ insert: (PreparedConcept) async throws -> InsertOutcome) async throws -> T
    ) async throws -> T {
        try await transaction { connection in
            let result = try await body { prepared in
                try await Self.insert(prepared, origin: origin, connection, logger) == nil ? .duplicate : .inserted
            }
            try await Self.bumpRevision(connection, logger)
            return result
        }
    }

    public func addConcept(_ prepared: PreparedConcept, origin: String) async throws -> ConceptWrite {
        try await transaction { connection in
            if let id = try await Self.insert(prepared, origin: origin, connection, logger) {
                try await Self.bumpRevision(connection, logger)
                return .done(try await Self.concepts(ids: [id], connection, logger)[0])
            }
            return .duplicateOf(try await Self.conceptID(contentKey: prepared.concept.contentKey, connection, logger) ?? 0)
        }
    }

    public func replaceConcept(id: Int64, with prepared: PreparedConcept) async throws -> ConceptWrite {
        let concept = prepared.concept
        return try await transaction { connection -> ConceptWrite in
            var exists = false
            for try await _ in try await connection.run("SELECT id FROM concept WHERE id = \(id) FOR UPDATE", logger: logger)
                .decode(Int64.self)
            {
                exists = true
            }
            guard exists else { return .notFound }
            if let other = try await Self.conceptID(contentKey: concept.contentKey, connection, logger), other != id {
                return .duplicateOf(other)
            }
            try await connection.run(
                """
                UPDATE concept SET content_key = \(concept.contentKey), external_id = \(concept.id), domain = \(concept.domain),
                    definition = \(concept.definition), note = \(concept.note), source = \(concept.source)
                WHERE id = \(id)
                """, logger: logger)
            // The terms' keys go with them (ON DELETE CASCADE).
            try await connection.run("DELETE FROM term WHERE concept_id = \(id)", logger: logger)
            try await Self.write(prepared, origin: "", replacing: id, connection, logger)
            try await Self.bumpRevision(connection, logger)
            return .done(try await Self.concepts(ids: [id], connection, logger)[0])
        }
    }

    public func deleteConcept(id: Int64) async throws -> Bool {
        try await transaction { connection in
            var deleted = false
            for try await _ in try await connection.run("DELETE FROM concept WHERE id = \(id) RETURNING id", logger: logger)
                .decode(Int64.self)
            {
                deleted = true
            }
            if deleted { try await Self.bumpRevision(connection, logger) }
            return deleted
        }
    }

    private static func bumpRevision(_ connection: PostgresConnection, _ logger: Logger) async throws {
        try await connection.run("UPDATE glossary_revision SET revision = revision + 1", logger: logger)
    }

    /// Inserts a concept with its terms and their keys; nil when one with the same terms exists.
    private static func insert(
        _ prepared: PreparedConcept, origin: String, _ connection: PostgresConnection, _ logger: Logger
    ) async throws -> Int64? {
        try await write(prepared, origin: origin, replacing: nil, connection, logger)
    }

    /// Inserts the concept (or, `replacing` an id, takes that concept's row as it is) with its
    /// terms, their search keys and near keys, all in one statement: one round trip. A concept
    /// already stored is skipped before its row is made, so that it takes no id (ids then match
    /// the SQLite engine's); ON CONFLICT settles a race with another server.
    @discardableResult
    private static func write(
        _ prepared: PreparedConcept, origin: String, replacing: Int64?, _ connection: PostgresConnection, _ logger: Logger
    ) async throws -> Int64? {
        let concept = prepared.concept
        let terms = concept.terms
        var keys: (key: [String], kind: [String], position: [Int]) = ([], [], [])
        var near: (probe: [String], position: [Int], key: [String]) = ([], [], [])
        for (position, termKeys) in prepared.termKeys.enumerated() {
            for key in termKeys.keys {
                keys.key.append(key.value)
                keys.kind.append(key.kind.rawValue)
                keys.position.append(position)
            }
            for entry in termKeys.near {
                near.probe.append(entry.probe)
                near.position.append(position)
                near.key.append(entry.key)
            }
        }
        let query: PostgresQuery = """
            WITH inserted AS (
                INSERT INTO concept (content_key, external_id, domain, definition, note, source, origin)
                SELECT \(concept.contentKey), \(concept.id), \(concept.domain), \(concept.definition), \(concept.note),
                    \(concept.source), \(origin)
                WHERE \(replacing)::bigint IS NULL AND NOT EXISTS (SELECT 1 FROM concept WHERE content_key = \(concept.contentKey))
                ON CONFLICT (content_key) DO NOTHING RETURNING id
            ), c AS (
                SELECT id FROM inserted UNION ALL SELECT \(replacing)::bigint WHERE \(replacing)::bigint IS NOT NULL
            ), t AS (
                INSERT INTO term (concept_id, position, language, text, status, part_of_speech, note)
                SELECT c.id, u.n - 1, u.language, u.text, u.status, CASE WHEN u.has_pos THEN u.pos END, CASE WHEN u.has_note THEN u.note END
                FROM c CROSS JOIN unnest(\(terms.map(\.language.canonical))::text[], \(terms.map(\.text))::text[],
                    \(terms.map(\.status.rawValue))::text[], \(terms.map { $0.partOfSpeech != nil })::bool[],
                    \(terms.map { $0.partOfSpeech ?? "" })::text[], \(terms.map { $0.note != nil })::bool[],
                    \(terms.map { $0.note ?? "" })::text[]) WITH ORDINALITY AS u(language, text, status, has_pos, pos, has_note, note, n)
                ORDER BY u.n
                RETURNING id, position
            ), k AS (
                INSERT INTO term_key (key, kind, term_id)
                SELECT u.key, u.kind, t.id FROM unnest(\(keys.key)::text[], \(keys.kind)::text[], \(keys.position)::bigint[])
                    AS u(key, kind, position) JOIN t ON t.position = u.position
                ON CONFLICT DO NOTHING
            ), n AS (
                INSERT INTO term_near (probe, term_id, key)
                SELECT u.probe, t.id, u.key FROM unnest(\(near.probe)::text[], \(near.position)::bigint[], \(near.key)::text[])
                    AS u(probe, position, key) JOIN t ON t.position = u.position
                ON CONFLICT DO NOTHING
            )
            SELECT id FROM c
            """
        for try await id in try await connection.run(query, logger: logger).decode(Int64.self) { return id }
        return nil
    }

    private static func conceptID(contentKey: String, _ connection: PostgresConnection, _ logger: Logger) async throws -> Int64? {
        for try await id in try await connection.run("SELECT id FROM concept WHERE content_key = \(contentKey)", logger: logger)
            .decode(Int64.self)
        {
            return id
        }
        return nil
    }

    public func terms(withKeys keys: [String], prefix: Bool, limit: Int) async throws -> [KeyHit] {
        let keys = keys.filter { !$0.isEmpty }
        guard !keys.isEmpty else { return [] }
        // Per key, at most `limit` hits, in key order then term id, as an index range gives them.
        // U+10FFFF sorts after every other character in byte-wise ("C") order.
        let condition = prefix ? "k.key >= q.key AND k.key < q.key || chr(1114111)" : "k.key = q.key"
        let query: PostgresQuery = """
            SELECT h.key, h.kind, h.term_id, h.concept_id, h.text, h.status FROM unnest(\(keys)::text[]) WITH ORDINALITY AS q(key, n)
            CROSS JOIN LATERAL (
                SELECT k.key, k.kind, k.term_id, t.concept_id, t.text, t.status FROM term_key k JOIN term t ON t.id = k.term_id
                WHERE \(unescaped: condition) ORDER BY k.key, k.term_id, k.kind LIMIT \(limit)
            ) h
            ORDER BY q.n, h.key, h.term_id, h.kind
            """
        return try await guarded {
            var hits: [KeyHit] = []
            for try await row in try await client.run(query, logger: logger).decode((String, String, Int64, Int64, String, String).self) {
                guard let kind = SearchKeys.Kind(rawValue: row.1), let status = TermStatus(rawValue: row.5) else { continue }
                hits.append(KeyHit(termID: row.2, conceptID: row.3, kind: kind, key: row.0, text: row.4, status: status))
            }
            return hits
        }
    }

    public func similarTerms(probes: [String], limit: Int) async throws -> [NearHit] {
        guard !probes.isEmpty else { return [] }
        return try await guarded {
            var hits: [NearHit] = []
            let rows = try await client.run(
                """
                SELECT n.key, n.term_id, t.concept_id, t.text, t.status FROM term_near n JOIN term t ON t.id = n.term_id
                WHERE n.probe = ANY(\(probes)) ORDER BY n.probe, n.term_id, n.key LIMIT \(limit)
                """, logger: logger)
            for try await row in rows.decode((String, Int64, Int64, String, String).self) {
                guard let status = TermStatus(rawValue: row.4) else { continue }
                hits.append(NearHit(termID: row.1, conceptID: row.2, key: row.0, text: row.3, status: status))
            }
            return hits
        }
    }

    public func concepts(ids: [Int64]) async throws -> [StoredConcept] {
        guard !ids.isEmpty else { return [] }
        return try await guarded { try await client.withConnection { connection in try await Self.concepts(ids: ids, connection, logger) } }
    }

    private static func concepts(ids: [Int64], _ connection: PostgresConnection, _ logger: Logger) async throws -> [StoredConcept] {
        var termsByConcept: [Int64: [StoredTerm]] = [:]
        for try await row in try await connection.run(
            """
            SELECT id, concept_id, language, text, status, part_of_speech, note FROM term
            WHERE concept_id = ANY(\(ids)) ORDER BY concept_id, position
            """, logger: logger
        ).decode(TermRow.self) {
            guard let term = Self.storedTerm(row) else { continue }
            termsByConcept[term.conceptID, default: []].append(term)
        }
        var concepts: [StoredConcept] = []
        for try await row in try await connection.run(
            "SELECT id, external_id, domain, definition, note, source, origin FROM concept WHERE id = ANY(\(ids))", logger: logger
        ).decode((Int64, String?, String?, String?, String?, String?, String).self) {
            let terms = termsByConcept[row.0] ?? []
            let concept = Concept(id: row.1, domain: row.2, definition: row.3, note: row.4, source: row.5, terms: terms.map(\.term))
            concepts.append(StoredConcept(id: row.0, concept: concept, origin: row.6, terms: terms))
        }
        return concepts
    }

    public func conceptIDs(after id: Int64, limit: Int) async throws -> [Int64] {
        try await guarded {
            var ids: [Int64] = []
            for try await id in try await client.run(
                "SELECT id FROM concept WHERE id > \(id) ORDER BY id LIMIT \(limit)", logger: logger
            ).decode(Int64.self) {
                ids.append(id)
            }
            return ids
        }
    }

    public func allTerms() async throws -> [StoredTerm] {
        try await guarded {
            var terms: [StoredTerm] = []
            for try await row in try await client.run(
                "SELECT id, concept_id, language, text, status, part_of_speech, note FROM term ORDER BY id", logger: logger
            ).decode(TermRow.self) {
                if let term = Self.storedTerm(row) { terms.append(term) }
            }
            return terms
        }
    }

    public func glossaryVersion() async throws -> String {
        try await guarded {
            for try await revision in try await client.run("SELECT revision FROM glossary_revision", logger: logger).decode(Int64.self) {
                return "\(revision)"
            }
            return "0"
        }
    }

    public func glossaryStatistics() async throws -> (concepts: Int, terms: Int) {
        try await guarded {
            for try await counts in try await client.run(
                "SELECT (SELECT count(*) FROM concept), (SELECT count(*) FROM term)", logger: logger
            ).decode((Int, Int).self) {
                return counts
            }
            return (0, 0)
        }
    }

    typealias TermRow = (Int64, Int64, String, String, String, String?, String?)

    static func storedTerm(_ row: TermRow) -> StoredTerm? {
        guard let language = try? LanguageTag(row.2), let status = TermStatus(rawValue: row.4) else { return nil }
        let term = Term(text: row.3, language: language, status: status, partOfSpeech: row.5, note: row.6)
        return StoredTerm(id: row.0, conceptID: row.1, term: term)
    }
}
