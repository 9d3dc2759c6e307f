import GlossaMatching
import GlossaText

/// Segments holding the words of a phrase in order (punctuation between them aside), by id, found
/// from the term index: the segments holding every word (the rarest word's list, narrowed by the
/// others'), then the words' order checked on their indexed tokens, a page at a time.
struct PhraseSearch {
    let words: [String]
    let languageGroup: String?

    /// `keep` leaves out the segments of a page that are not wanted (other memories), before the
    /// offset and limit count them.
    func segments(
        in reader: any TranslationMemoryReader, limit: Int, offset: Int,
        keep: ([StoredSegment]) async throws -> [StoredSegment] = { $0 }
    ) async throws -> [StoredSegment] {
        // The phrase's words in each language group that has them all.
        let distinct = Array(Set(words))
        var byGroup: [String: [String: TermIndex.Entry]] = [:]
        for entry in try await reader.vocabulary(texts: distinct, languageGroup: languageGroup) {
            byGroup[entry.languageGroup, default: [:]][entry.text] = entry
        }
        var candidates: [Int64] = []
        var phrases: [Int64: [Int64]] = [:]
        for entries in byGroup.values where entries.count == distinct.count {
            let ordered = entries.values.sorted { ($0.segments, $0.id) < ($1.segments, $1.id) }
            var ids = try await reader.postings(ofTokens: [ordered[0].id])[0].map(\.segmentID)
            for word in ordered.dropFirst() where !ids.isEmpty {
                ids = Self.intersection(ids, try await reader.postings(ofTokens: [word.id])[0])
            }
            let keys = words.map { entries[$0]!.id }
            for id in ids { phrases[id] = keys }
            candidates += ids
        }
        candidates.sort()
        var found: [StoredSegment] = []
        var skipped = 0
        var start = 0
        while start < candidates.count, found.count < limit {
            let page = Array(candidates[start..<min(candidates.count, start + 2 * limit + Self.extraPerPage)])
            start += page.count
            let scoringPage = try await reader.scoringSegments(ids: page)
            let kept = Set(try await keep(scoringPage.map(\.segment)).map(\.id))
            for scoring in scoringPage.sorted(by: { $0.segment.id < $1.segment.id }) where kept.contains(scoring.segment.id) {
                let segmentWords = zip(scoring.tokens.keys, scoring.tokens.weights)
                    .filter { $0.1 == MatchScore.weight(isPunctuation: false) }.map(\.0)
                guard let keys = phrases[scoring.segment.id], Self.contains(segmentWords, keys) else { continue }
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

    /// The ids of `ids` that `postings` holds: both are in id order, so one merge, without hashing
    /// a list that a common word makes long.
    static func intersection(_ ids: [Int64], _ postings: [TermIndex.Posting]) -> [Int64] {
        guard zip(postings, postings.dropFirst()).allSatisfy({ $0.segmentID < $1.segmentID }) else {
            let holding = Set(postings.map(\.segmentID))
            return ids.filter(holding.contains)
        }
        var kept: [Int64] = []
        var next = 0
        for id in ids {
            while next < postings.count, postings[next].segmentID < id { next += 1 }
            guard next < postings.count else { break }
            if postings[next].segmentID == id { kept.append(id) }
        }
        return kept
    }

    /// Candidates read beyond twice the limit, since some lack the words in order.
    private static let extraPerPage = 16

    /// Whether `phrase` occurs in `words`, by Knuth-Morris-Pratt: linear in both, where comparing
    /// at every start would take their product on a long segment of one repeated word.
    static func contains(_ words: [Int64], _ phrase: [Int64]) -> Bool {
        guard !phrase.isEmpty else { return true }
        guard phrase.count <= words.count else { return false }
        // fallback[i]: the length of the longest proper prefix of phrase[...i] that is also its suffix.
        var fallback = [Int](repeating: 0, count: phrase.count)
        var matched = 0
        for index in 1..<phrase.count {
            while matched > 0, phrase[index] != phrase[matched] { matched = fallback[matched - 1] }
            if phrase[index] == phrase[matched] { matched += 1 }
            fallback[index] = matched
        }
        matched = 0
        for word in words {
            while matched > 0, word != phrase[matched] { matched = fallback[matched - 1] }
            if word == phrase[matched] { matched += 1 }
            if matched == phrase.count { return true }
        }
        return false
    }
}
