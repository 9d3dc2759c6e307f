import GlossaStore
import NIOCore
import PostgresNIO

/// Removing and replacing units: their postings leave the term index in the same transaction
/// (TermIndexRemoval decides what each block becomes). A word's segment count is the sum of its
/// blocks' counts here (see PostgresSchema), so rewriting a block's count is all a count needs.
extension PostgresStore {
    public func deleteUnits(ids: [Int64]) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        return try await transaction { connection in
            // The units locked first, in id order, as replaceUnit locks its unit: a removal and an
            // edit of one unit wait for each other instead of deadlocking on its segments.
            var count = 0
            let locked = try await connection.run("SELECT id FROM unit WHERE id = ANY(\(ids)) ORDER BY id FOR UPDATE", logger: logger)
            for try await _ in locked.decode(Int64.self) { count += 1 }
            try await removeSegments(ofUnits: ids, connection: connection)
            try await connection.run("DELETE FROM unit WHERE id = ANY(\(ids))", logger: logger)
            return count
        }
    }

    public func deleteImport(id: Int64) async throws -> Int? {
        try await transaction { connection in
            let found = try await connection.run("SELECT id FROM import_log WHERE id = \(id) FOR UPDATE", logger: logger).decode(Int64.self)
            guard try await found.first(where: { _ in true }) != nil else { return nil }
            var units: [Int64] = []
            let locked = try await connection.run("SELECT id FROM unit WHERE import_id = \(id) ORDER BY id FOR UPDATE", logger: logger)
            for try await unit in locked.decode(Int64.self) { units.append(unit) }
            try await removeSegments(ofUnits: units, connection: connection)
            try await connection.run("DELETE FROM unit WHERE id = ANY(\(units))", logger: logger)
            try await connection.run("DELETE FROM import_log WHERE id = \(id)", logger: logger)
            return units.count
        }
    }

    public func deleteMemory(id: Int64) async throws -> Bool {
        try await transaction { connection in
            let found = try await connection.run("SELECT name FROM memory WHERE id = \(id) FOR UPDATE", logger: logger).decode(String.self)
            guard let name = try await found.first(where: { _ in true }) else { return false }
            var units: [Int64] = []
            let locked = try await connection.run("SELECT id FROM unit WHERE memory_id = \(id) ORDER BY id FOR UPDATE", logger: logger)
            for try await unit in locked.decode(Int64.self) { units.append(unit) }
            try await removeSegments(ofUnits: units, connection: connection)
            try await connection.run("DELETE FROM unit WHERE memory_id = \(id)", logger: logger)
            try await connection.run("DELETE FROM import_log WHERE memory_id = \(id)", logger: logger)
            try await connection.run(
                "UPDATE access_token SET revoked_at = now() WHERE scope = 'memory' AND memory = \(name) AND revoked_at IS NULL", logger: logger)
            try await connection.run("DELETE FROM memory WHERE id = \(id)", logger: logger)
            return true
        }
    }

    public func replaceUnit(id: Int64, with prepared: PreparedUnit) async throws -> Bool {
        try await transaction { connection in
            // Locked first: an edit and a removal of one unit wait for each other.
            let found = try await connection.run("SELECT memory_id FROM unit WHERE id = \(id) FOR UPDATE", logger: logger).decode(Int64.self)
            guard let memory = try await found.first(where: { _ in true }) else { return false }
            let others = try await connection.run(
                "SELECT id FROM unit WHERE memory_id = \(memory) AND content_key = \(prepared.contentKey) AND id <> \(id)", logger: logger
            ).decode(Int64.self)
            if let other = try await others.first(where: { _ in true }) { throw StoreError.duplicateContent(unitID: other) }
            try await removeSegments(ofUnits: [id], connection: connection)
            let unit = prepared.unit
            try await connection.run(
                """
                UPDATE unit SET content_key = \(prepared.contentKey), tuid = coalesce(\(unit.tuid), tuid),
                    source_language = \(unit.sourceLanguage?.canonical), metadata = \(MetadataJSON.encode(unit.metadata))
                WHERE id = \(id)
                """, logger: logger)
            // New ids from the sequence, as an import's: a word's postings stay in id order.
            try await UnitBatchWriter(store: self, connection: connection, memory: memory, origin: "").insertSegments(of: prepared, unitID: id)
            return true
        }
    }

    public func unit(id: Int64) async throws -> StoredUnit? {
        try await guarded { try await units(after: id - 1, withLanguageGroups: [], memories: nil, limit: 1).first { $0.id == id } }
    }

    /// Deletes the segments of `units` and their postings in three statements whatever their
    /// number: the segments (returning their tokens), the affected words' blocks (locked, in word
    /// order), then the rewritten and emptied blocks.
    private func removeSegments(ofUnits units: [Int64], connection: PostgresConnection) async throws {
        var removal = TermIndexRemoval()
        let segments = try await connection.run(
            "DELETE FROM segment WHERE unit_id = ANY(\(units)) RETURNING id, tokens", logger: logger)
        for try await (id, tokens) in segments.decode((Int64, ByteBuffer).self) {
            tokens.withUnsafeReadableBytes { removal.remove(segmentID: id, tokens: $0) }
        }
        guard !removal.segmentIDs.isEmpty else { return }
        var rewritten: (ids: [Int64], blocks: [ByteBuffer], counts: [Int]) = ([], [], [])
        var emptied: [Int64] = []
        let blocks = try await connection.run(
            "SELECT id, token_id, segments FROM posting WHERE token_id = ANY(\(removal.wordIDs)) ORDER BY token_id, id FOR UPDATE",
            logger: logger)
        for try await (blockID, word, bytes) in blocks.decode((Int64, Int64, ByteBuffer).self) {
            switch bytes.withUnsafeReadableBytes({ removal.prune(blockID: blockID, tokenID: word, bytes: $0) }) {
            case .rewrite(let id, let bytes, let count)?:
                rewritten.ids.append(id)
                rewritten.blocks.append(ByteBuffer(bytes: bytes))
                rewritten.counts.append(count)
            case .delete(let id)?: emptied.append(id)
            case nil: break
            }
        }
        if !rewritten.ids.isEmpty {
            try await connection.run(
                """
                UPDATE posting p SET segments = b.segments, segment_count = b.n
                FROM unnest(\(rewritten.ids)::bigint[], \(rewritten.blocks)::bytea[], \(rewritten.counts)::bigint[]) AS b(id, segments, n)
                WHERE p.id = b.id
                """, logger: logger)
        }
        if !emptied.isEmpty { try await connection.run("DELETE FROM posting WHERE id = ANY(\(emptied))", logger: logger) }
    }

    // MARK: The term index whole, for TermIndexCheck

    public func indexedSegments(after id: Int64, limit: Int) async throws -> [IndexedSegment] {
        try await guarded {
            var segments: [IndexedSegment] = []
            let rows = try await client.run(
                "SELECT id, unit_id, tokens, word_count FROM segment WHERE id > \(id) ORDER BY id LIMIT \(limit)", logger: logger)
            for try await (id, unitID, tokens, words) in rows.decode((Int64, Int64, ByteBuffer, Int).self) {
                let decoded = tokens.withUnsafeReadableBytes(TermIndex.decodeTokenIDs)
                segments.append(IndexedSegment(id: id, unitID: unitID, tokens: decoded, wordCount: words))
            }
            return segments
        }
    }

    public func indexedWords(after id: Int64, limit: Int) async throws -> [IndexedWord] {
        try await guarded {
            // Posting blocks of a word the vocabulary lacks are listed too, with no text.
            var words: [(id: Int64, text: String?)] = []
            let rows = try await client.run(
                """
                SELECT w.id, t.text FROM (SELECT id FROM token WHERE id > \(id) UNION SELECT token_id FROM posting WHERE token_id > \(id)) w
                LEFT JOIN token t ON t.id = w.id ORDER BY w.id LIMIT \(limit)
                """, logger: logger)
            for try await (id, text) in rows.decode((Int64, String?).self) { words.append((id, text)) }
            var blocks: [Int64: [IndexedWord.Block]] = [:]
            let blockRows = try await client.run(
                "SELECT token_id, segment_count, segments FROM posting WHERE token_id = ANY(\(words.map(\.id))) ORDER BY token_id, id",
                logger: logger)
            for try await (word, count, bytes) in blockRows.decode((Int64, Int, ByteBuffer).self) {
                var postings: [TermIndex.Posting] = []
                bytes.withUnsafeReadableBytes { TermIndex.decodePostings($0, into: &postings) }
                blocks[word, default: []].append(IndexedWord.Block(declaredCount: count, postings: postings))
            }
            return words.map { word in
                let wordBlocks = blocks[word.id] ?? []
                // As lookups count it (PostgresReader.vocabulary): the sum of the blocks' counts.
                let segments = wordBlocks.reduce(0) { $0 + ($1.declaredCount ?? 0) }
                return IndexedWord(id: word.id, text: word.text, segments: segments, blocks: wordBlocks)
            }
        }
    }
}
