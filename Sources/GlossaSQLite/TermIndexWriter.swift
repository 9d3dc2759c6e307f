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
    /// New vocabulary entries and the segments each word gained, written by `finish()`.
    private var newTokens: [(id: Int64, group: String, text: String)] = []
    private var gained: [Int64: Int] = [:]
    /// Posting blocks being built, per word.
    private var postings: [Int64: PostingBlock] = [:]
    /// What all of the above holds, estimated; past `flushBytes` it is written out, so that memory
    /// does not grow with the file. A word's entries cost far more than its posting bytes (a
    /// dictionary slot, an array, a row to insert): counting the bytes alone, a file of a million
    /// distinct tiny units held 590 MB before its first flush.
    private var pendingBytes = 0
    private let flushBytes: Int
    private let entryBytes = 128

    private struct PostingBlock {
        var bytes: [UInt8] = []
        var last: Int64 = 0

        /// Returns the bytes it added.
        mutating func append(_ posting: TermIndex.Posting) -> Int {
            let before = bytes.count
            TermIndex.appendPosting(posting, after: last, to: &bytes)
            last = posting.segmentID
            return bytes.count - before
        }
    }

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
        var indexed: [(id: Int64, isPunctuation: Bool)] = []
        indexed.reserveCapacity(tokens.count)
        var words: [Int64] = []
        // Taken out of the dictionary while it grows, so that it is not copied.
        var vocabulary =
            try vocabularies.removeValue(forKey: group)
            ?? Vocabulary(
                startedEmpty: !Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM token WHERE language_group = ?)", arguments: [group])!)
        defer { vocabularies[group] = vocabulary }
        for token in tokens {
            let id = try self.id(of: token.text, group: group, in: &vocabulary)
            let isPunctuation = token.kind == .punctuation
            indexed.append((id, isPunctuation))
            if !isPunctuation { words.append(id) }
        }

        let posting = TermIndex.Posting(segmentID: segmentID, words: words.count, punctuation: indexed.count - words.count)
        for (index, id) in words.enumerated() where !words[..<index].contains(id) {
            gained[id, default: 0] += 1
            if postings[id] == nil { pendingBytes += entryBytes }
            pendingBytes += postings[id, default: PostingBlock()].append(posting)
        }
        if pendingBytes > flushBytes { try finish() }
        return (TermIndex.encodeTokens(indexed), words.count)
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
                pendingBytes += entryBytes
                return nextID
            }()
        vocabulary.ids[text] = id
        return id
    }

    /// Writes the new vocabulary, the words' segment counts and the posting blocks (also midway,
    /// when they grow large: a word written then is updated, not inserted, by the next call).
    func finish() throws {
        let insert = try db.cachedStatement(sql: "INSERT INTO token (id, language_group, text, segments) VALUES (?, ?, ?, ?)")
        var isNew = Set<Int64>()
        for token in newTokens {
            try insert.execute(arguments: [token.id, token.group, token.text, gained[token.id] ?? 0])
            isNew.insert(token.id)
        }
        let update = try db.cachedStatement(sql: "UPDATE token SET segments = segments + ? WHERE id = ?")
        for (id, count) in gained where !isNew.contains(id) { try update.execute(arguments: [count, id]) }
        newTokens = []
        gained = [:]
        let insertPosting = try db.cachedStatement(sql: "INSERT INTO posting (token_id, segments) VALUES (?, ?)")
        // In word order, so that the index on (token_id, id) grows at its end.
        for id in postings.keys.sorted() { try insertPosting.execute(arguments: [id, Data(postings[id]!.bytes)]) }
        postings = [:]
        pendingBytes = 0
    }
}
