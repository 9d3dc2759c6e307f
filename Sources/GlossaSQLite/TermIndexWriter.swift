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

    /// A class, so that a segment's words are added in place, without taking it out of its dictionary.
    private final class Vocabulary {
        var ids: [Word: Int64] = [:]
        /// The group had no tokens stored when the import began: a word not in `ids` is new.
        let startedEmpty: Bool

        init(startedEmpty: Bool) {
            self.startedEmpty = startedEmpty
        }
    }

    /// A word compared and hashed by its UTF-8 bytes. Words come from fold keys, which are in
    /// NFKC already, so bytes decide equality as the `token` table's index does, and hashing skips
    /// the normalization that `String` does for any text that is not ASCII.
    private struct Word: Hashable {
        var text: String

        static func == (left: Word, right: Word) -> Bool {
            var left = left.text
            var right = right.text
            return left.withUTF8 { leftBytes in right.withUTF8 { leftBytes.elementsEqual($0) } }
        }

        func hash(into hasher: inout Hasher) {
            var text = text
            text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
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
        let vocabulary = try vocabularies[group] ?? newVocabulary(group)
        let ids = try tokens.map { token in (try id(of: token.text, group: group, in: vocabulary), token.kind == .punctuation) }
        let indexed = postings.add(segmentID: segmentID, tokens: ids)
        if postings.pendingBytes > flushBytes { try finish() }
        return indexed
    }

    private func newVocabulary(_ group: String) throws -> Vocabulary {
        let vocabulary = Vocabulary(
            startedEmpty: !(try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM token WHERE language_group = ?)", arguments: [group])!))
        vocabularies[group] = vocabulary
        return vocabulary
    }

    private func id(of text: String, group: String, in vocabulary: Vocabulary) throws -> Int64 {
        let word = Word(text: text)
        if let id = vocabulary.ids[word] { return id }
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
        vocabulary.ids[word] = id
        return id
    }

    /// Writes the new vocabulary, the words' segment counts and the posting blocks (also midway,
    /// when they grow large: a word written then is updated, not inserted, by the next call).
    func finish() throws {
        let blocks = postings.take()
        let gained = Dictionary(uniqueKeysWithValues: blocks.map { ($0.tokenID, $0.block.count) })
        let insert = try BoundStatement(db, sql: "INSERT INTO token (id, language_group, text, segments) VALUES (?, ?, ?, ?)")
        var isNew = Set<Int64>()
        for token in newTokens {
            insert.bind(token.id, at: 1)
            insert.bind(token.group, at: 2)
            insert.bind(token.text, at: 3)
            insert.bind(gained[token.id] ?? 0, at: 4)
            try insert.execute()
            isNew.insert(token.id)
        }
        newTokens = []
        let update = try db.cachedStatement(sql: "UPDATE token SET segments = segments + ? WHERE id = ?")
        for (id, count) in gained where !isNew.contains(id) { try update.execute(arguments: [count, id]) }
        let insertPosting = try BoundStatement(db, sql: "INSERT INTO posting (token_id, segments) VALUES (?, ?)")
        for (id, block) in blocks {
            insertPosting.bind(id, at: 1)
            insertPosting.bind(bytes: block.bytes, at: 2)
            try insertPosting.execute()
        }
    }
}
