import GlossaMatching
import GlossaText

/// The segments that may score at least `minimum` against a query, each with an upper bound of
/// its score, found from the term index without reading a segment.
///
/// A segment scoring at least m (as a fraction) against a query of q words and weight w can be at
/// most w/m heavy, so it differs from the query by at most D = w(1 − m)/m weighted edits; each query
/// word it lacks costs at least one edit, so it holds at least q − D of the query's words. Hence
/// only segments holding one of the query's rarest words are candidates (taking words from the
/// rarest until those left hold fewer than q − D occurrences), and for each, the words it can
/// share (those found, plus every word not looked at), its length and its weight bound its
/// score. Frequent words' lists are read only while they are cheap next to the candidates they
/// may rule out. A segment sharing no word with the query is never a candidate, even when the
/// minimum would allow it (very low minimums or queries of punctuation).
struct FuzzyCandidates {
    struct Candidate {
        let id: Int64
        let bound: Int
    }

    /// The query's tokens as vocabulary ids, to score candidates with.
    let query: WeightedTokens<Int64>
    /// Best bound first, then lowest id.
    let candidates: [Candidate]

    init(
        query text: ComparableText, languageGroup: String, minimum: Int, excluding: Set<Int64>,
        memory store: any TranslationMemoryReader
    ) async throws {
        let tokens = try await store.indexedTokens(of: text.tokens, languageGroup: languageGroup)
        query = WeightedTokens(tokens.map { $0.id }, weights: tokens.map { MatchScore.weight(isPunctuation: $0.isPunctuation) })
        let words = tokens.filter { !$0.isPunctuation }
        let ratio = Double(max(minimum, 1)) / 100
        let maximumEdits = query.total * (1 - ratio) / ratio
        let required = max(1, words.count - Int((maximumEdits + 1e-9).rounded(.down)))
        guard words.count >= required else {
            candidates = []
            return
        }
        // Distinct words, rarest first (unknown words first of all: they cost nothing to rule out).
        var terms: [(token: TermIndex.Token, count: Int)] = []
        var termIndex: [Int64: Int] = [:]
        for word in words {
            if let index = termIndex[word.id] {
                terms[index].count += 1
            } else {
                termIndex[word.id] = terms.count
                terms.append((word, 1))
            }
        }
        terms.sort { ($0.token.segments, $0.token.id) < ($1.token.segments, $1.token.id) }

        var bounds = Bounds(queryWords: words.count, queryWeight: query.total, unseen: words.count)
        var next = 0
        // Which lists must be read depends on the words' counts alone: they are read at once.
        var rare: [(id: Int64, count: Int)] = []
        while next < terms.count, bounds.unseen >= required {
            let term = terms[next]
            next += 1
            bounds.unseen -= term.count
            if term.token.id >= 0 { rare.append((term.token.id, term.count)) }
        }
        let lists = zip(try await store.postings(ofTokens: rare.map(\.id)), rare.map(\.count))
        // The lists are sorted by segment: merged pairwise, counting the query words each holds.
        var kept: [(id: Int64, shared: Bounds.Shared)] = []
        for list in lists {
            kept = Self.merge(kept, list.0, count: list.1) { bounds.bestCase($0) >= minimum }
        }
        kept.removeAll { excluding.contains($0.id) || bounds.bound($0.shared) < minimum }

        // Frequent words: each list read rules out the candidates that lack the word.
        while next < terms.count, kept.count > 16, terms[next].token.segments <= 50 * kept.count {
            let term = terms[next]
            next += 1
            bounds.unseen -= term.count
            let postings = try await store.postings(ofTokens: [term.token.id])[0]
            var cursor = 0
            for index in kept.indices {
                while cursor < postings.count, postings[cursor].segmentID < kept[index].id { cursor += 1 }
                if cursor < postings.count, postings[cursor].segmentID == kept[index].id { kept[index].shared.words += term.count }
            }
            kept.removeAll { bounds.bound($0.shared) < minimum }
        }
        candidates = kept.map { Candidate(id: $0.id, bound: bounds.bound($0.shared)) }
            .sorted { ($0.bound, $1.id) > ($1.bound, $0.id) }
    }

    /// Adds a list to those merged so far; a segment that `admits` refuses (by its length and
    /// weight alone) never enters, so rare words' long lists do not carry it through every merge.
    private static func merge(
        _ kept: [(id: Int64, shared: Bounds.Shared)], _ postings: [TermIndex.Posting],
        count: Int, admits: (Bounds.Shared) -> Bool
    ) -> [(id: Int64, shared: Bounds.Shared)] {
        var merged: [(id: Int64, shared: Bounds.Shared)] = []
        merged.reserveCapacity(kept.count + postings.count)
        var i = 0, j = 0
        while i < kept.count || j < postings.count {
            if j == postings.count || (i < kept.count && kept[i].id < postings[j].segmentID) {
                merged.append(kept[i])
                i += 1
            } else if i == kept.count || postings[j].segmentID < kept[i].id {
                var shared = Bounds.Shared(postings[j])
                shared.words = count
                if admits(shared) { merged.append((postings[j].segmentID, shared)) }
                j += 1
            } else {
                var entry = kept[i]
                entry.shared.words += count
                merged.append(entry)
                i += 1
                j += 1
            }
        }
        return merged
    }

    /// The score a candidate can reach at best, from what the index says of it.
    private struct Bounds {
        struct Shared {
            /// Query words (with repeats) found in the segment so far.
            var words = 0
            let length: Int
            let weight: Double

            init(_ posting: TermIndex.Posting) {
                length = posting.words
                weight = Double(posting.words) + MatchScore.weight(isPunctuation: true) * Double(posting.punctuation)
            }
        }

        let queryWords: Int
        let queryWeight: Double
        /// Query words (with repeats) whose lists were not read: any candidate may hold them.
        var unseen: Int

        /// The bound of a segment holding every query word: what its length and weight allow.
        func bestCase(_ segment: Shared) -> Int {
            var shared = segment
            shared.words = queryWords
            return bound(shared)
        }

        func bound(_ shared: Shared) -> Int {
            let n = max(queryWeight, shared.weight)
            guard n > 0 else { return 0 }
            // Each unshared word of the longer side costs an edit; so does each unit of weight difference.
            let edits = max(Double(max(queryWords, shared.length) - shared.words - unseen), abs(queryWeight - shared.weight))
            return min(99, Int((100 * (1 - edits / n) + 1e-9).rounded(.down)))
        }
    }
}
