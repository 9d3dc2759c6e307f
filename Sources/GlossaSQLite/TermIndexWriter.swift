import Foundation
internal import GRDB
import GlossaMatching
import GlossaStore
import GlossaText

/// Adds segments to the term index inside a write transaction; `finish()` writes what it holds.
final class TermIndexWriter {
    private let db: Database
    private var vocabularies: [String: Vocabulary] = [:]
    private var nextID: Int64
    /// New vocabulary entries, written by `finish()`.
    private var newTokens: [(id: Int64, group: String, text: String)] = []
    private var postings = PostingAccumulator()
    /// Past this many bytes held, the index is written out midway, so that memory does not grow
    /// with the file.
    private let flushBytes: Int

    private struct Vocabulary {
        var ids: [String: Int64] = [:]
        /// The group had no tokens stored when the import began: a word not in `ids` is new.
        var startedEmpty: Bool
    }

    static let defaultFlushBytes = 32 << 20

    init(_ db: Database, flushBytes: Int = defaultFlushBytes) throws {
        self.db = db
        self.flushBytes = flushBytes
        nextID = try (Int64.fetchOne(db, sql: "SELECT max(id) FROM token") ?? 0) + 1
    }

    /// Indexes one stored segment from the tokens of its fold key; returns its `tokens` blob and
    /// its word count.
    func index(segmentID: Int64, languageGroup group: String, tokens: [Token]) throws -> (tokens: [UInt8], words: Int) {
        // Taken out of the dictionary while it grows, so that it is not copied.
        var vocabulary =
            try vocabularies.removeValue(forKey: group)
            ?? Vocabulary(
                startedEmpty: !Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM token WHERE language_group = ?)", arguments: [group])!)
        defer { vocabularies[group] = vocabulary }
        let ids = try tokens.map { token in (try id(of: token.text, group: group, in: &vocabulary), token.kind == .punctuation) }
        let indexed = postings.add(segmentID: segmentID, tokens: ids)
        if postings.pendingBytes > flushBytes { try finish() }
        return indexed
    }

    private func id(of text: String, group: String, in vocabulary: inout Vocabulary) throws -> Int64 {
        if let id = vocabulary.ids[text] { return id }
        let stored =
            vocabulary.startedEmpty
            ? nil
            : try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT id FROM token WHERE language_group = ? AND text = ?"), arguments: [group, text])
        let id =
            stored
            ?? {
                defer { nextID += 1 }
                newTokens.append((nextID, group, text))
                postings.notePendingEntry()
                return nextID
            }()
        vocabulary.ids[text] = id
        return id
    }

    /// Writes the new vocabulary, the words' segment counts and the posting blocks (also midway,
    /// when they grow large: a word written then is updated, not inserted, by the next call).
    func finish() throws {
        let blocks = postings.take()
        let gained = Dictionary(uniqueKeysWithValues: blocks.map { ($0.tokenID, $0.block.count) })
        let insert = try db.cachedStatement(sql: "INSERT INTO token (id, language_group, text, segments) VALUES (?, ?, ?, ?)")
        var isNew = Set<Int64>()
        for token in newTokens {
            try insert.execute(arguments: [token.id, token.group, token.text, gained[token.id] ?? 0])
            isNew.insert(token.id)
        }
        newTokens = []
        let update = try db.cachedStatement(sql: "UPDATE token SET segments = segments + ? WHERE id = ?")
        for (id, count) in gained where !isNew.contains(id) { try update.execute(arguments: [count, id]) }
        let insertPosting = try db.cachedStatement(sql: "INSERT INTO posting (token_id, segments) VALUES (?, ?)")
        for (id, block) in blocks { try insertPosting.execute(arguments: [id, Data(block.bytes)]) }
    }
}
