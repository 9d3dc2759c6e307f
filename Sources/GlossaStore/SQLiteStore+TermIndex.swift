import Foundation
import GRDB
import GlossaMatching
import GlossaText

/// Reading segments and the term index (see TermIndex) for lookups and concordance.
extension SQLiteStore {
    public func read<T>(_ body: (any TranslationMemoryReader) throws -> T) throws -> T {
        try mapErrors {
            try pool.read { db in try body(SQLiteReader(db: db)) }
        }
    }

    public func segments(containingPhrase phrase: [String], languageGroup: String?, limit: Int, offset: Int) throws -> [StoredSegment] {
        guard !phrase.isEmpty, limit > 0 else { return [] }
        return try mapErrors {
            try pool.read { db in
                try SQLiteReader(db: db).segments(containingPhrase: phrase, languageGroup: languageGroup, limit: limit, offset: offset)
            }
        }
    }
}

/// The reads of one transaction. Statements are cached and lists of ids go in as one JSON
/// argument, so that no read compiles SQL again.
struct SQLiteReader: TranslationMemoryReader {
    let db: Database

    private static let columns = SQLiteStore.segmentColumns

    func segments(withFold fold: String, languageGroup: String, limit: Int) throws -> [StoredSegment] {
        try SQLiteStore.fetchSegments(
            db.cachedStatement(
                sql: """
                    SELECT \(Self.columns) FROM segment s WHERE s.language_group = ? AND s.fold = ? ORDER BY s.id LIMIT ?
                    """), arguments: [languageGroup, fold, limit])
    }

    func segments(ofUnits unitIDs: [Int64]) throws -> [StoredSegment] {
        guard !unitIDs.isEmpty else { return [] }
        return try SQLiteStore.fetchSegments(
            db.cachedStatement(
                sql: """
                    SELECT \(Self.columns) FROM segment s WHERE s.unit_id IN (SELECT value FROM json_each(?))
                    ORDER BY s.unit_id, s.position
                    """), arguments: [SQLiteStore.jsonList(unitIDs)])
    }

    func indexedTokens(of tokens: [Token], languageGroup: String) throws -> [TermIndex.Token] {
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

    func postings(ofToken id: Int64) throws -> [TermIndex.Posting] {
        var postings: [TermIndex.Posting] = []
        let rows = try Row.fetchCursor(
            db.cachedStatement(sql: "SELECT segments FROM posting WHERE token_id = ? ORDER BY id"),
            arguments: [id])
        while let row = try rows.next() {
            // Read in place: a block can be megabytes for a frequent word.
            try row.withUnsafeData(atIndex: 0) { data in
                data?.withUnsafeBytes { TermIndex.decodePostings($0, into: &postings) }
            }
        }
        return postings
    }

    func scoringSegments(ids: [Int64]) throws -> [ScoringSegment] {
        guard !ids.isEmpty else { return [] }
        return try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT \(Self.columns), s.tokens FROM segment s WHERE s.id IN (SELECT value FROM json_each(?))
                    """), arguments: [SQLiteStore.jsonList(ids)]
        ).compactMap { row in
            guard let segment = SQLiteStore.segment(row), let tokens: Data = row["tokens"] else { return nil }
            return ScoringSegment(segment: segment, tokens: tokens.withUnsafeBytes(TermIndex.decodeTokens))
        }
    }

    /// Segments holding the words of `phrase` in order (punctuation between them aside), by id.
    func segments(containingPhrase phrase: [String], languageGroup: String?, limit: Int, offset: Int) throws -> [StoredSegment] {
        // The phrase's words in each language group that has them all.
        let distinct = Array(Set(phrase))
        var sql = "SELECT id, language_group, text, segments FROM token WHERE text IN (SELECT value FROM json_each(?))"
        var arguments: StatementArguments = [Self.json(distinct)]
        if let languageGroup {
            sql += " AND language_group = ?"
            arguments += [languageGroup]
        }
        var byGroup: [String: [String: (id: Int64, segments: Int)]] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments) {
            byGroup[row[1], default: [:]][row[2]] = (row[0], row[3])
        }
        var candidates: [Int64] = []
        var phrases: [Int64: [Int64]] = [:]
        for words in byGroup.values where words.count == distinct.count {
            // Segments holding every word: the rarest word's list, narrowed by the others'.
            let ordered = words.values.sorted { $0.segments < $1.segments }
            var ids = try postings(ofToken: ordered[0].id).map { $0.segmentID }
            for word in ordered.dropFirst() where !ids.isEmpty {
                let holding = Set(try postings(ofToken: word.id).map { $0.segmentID })
                ids = ids.filter(holding.contains)
            }
            let keys = phrase.map { words[$0]!.id }
            for id in ids { phrases[id] = keys }
            candidates += ids
        }
        candidates.sort()
        // Then the words in order, in pages of segments.
        var found: [StoredSegment] = []
        var skipped = 0
        var start = 0
        while start < candidates.count, found.count < limit {
            let page = Array(candidates[start..<min(candidates.count, start + 2 * limit + 16)])
            start += page.count
            for scoring in try scoringSegments(ids: page).sorted(by: { $0.segment.id < $1.segment.id }) {
                let words = zip(scoring.tokens.keys, scoring.tokens.weights)
                    .filter { $0.1 == MatchScore.weight(isPunctuation: false) }.map { $0.0 }
                guard let keys = phrases[scoring.segment.id], Self.contains(words, keys) else { continue }
                if skipped < offset {
                    skipped += 1
                    continue
                }
                found.append(scoring.segment)
                if found.count == limit { break }
            }
        }
        return found
    }

    private static func contains(_ words: [Int64], _ phrase: [Int64]) -> Bool {
        guard phrase.count <= words.count else { return false }
        return (0...(words.count - phrase.count)).contains { start in words[start..<(start + phrase.count)].elementsEqual(phrase) }
    }

    private static func json(_ texts: [String]) -> String {
        // JSONSerialization quotes and escapes every character JSON needs.
        String(decoding: try! JSONSerialization.data(withJSONObject: texts), as: UTF8.self)
    }
}
