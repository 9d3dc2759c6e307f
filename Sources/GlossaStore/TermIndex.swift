import GlossaMatching
import GlossaText

/// Glossa's own term index, in three tables (see Schema, v4):
///
/// - `token`: the vocabulary of each language group, every word, number and punctuation mark of
///   the fold keys, with the number of segments holding it as a word;
/// - `segment.tokens`: each segment's fold key as vocabulary ids, so a candidate is scored by
///   comparing integers, without running ICU again;
/// - `posting`: for each word, the segments holding it with their lengths, in blocks appended by
///   each import, so a lookup bounds a candidate's score before reading it.
///
/// FTS5 was the first index: it costs more to fill (its segment merges) and ranks with bm25,
/// which the lookup never needed: it needs the rarest terms and a bound on each candidate's score.
public enum TermIndex {
    /// A segment's entry in a word's posting list.
    public struct Posting: Sendable, Equatable {
        public let segmentID: Int64
        /// Words and numbers of the segment, and its punctuation marks: its length in the score.
        public let words: Int
        public let punctuation: Int

        public init(segmentID: Int64, words: Int, punctuation: Int) {
            (self.segmentID, self.words, self.punctuation) = (segmentID, words, punctuation)
        }
    }

    /// A token of a query, as the index knows it.
    public struct Token: Sendable, Equatable {
        /// Its vocabulary id; a negative number, unique in the query, when the index lacks it.
        public let id: Int64
        public let isPunctuation: Bool
        /// Segments holding it as a word.
        public let segments: Int

        public init(id: Int64, isPunctuation: Bool, segments: Int) {
            (self.id, self.isPunctuation, self.segments) = (id, isPunctuation, segments)
        }
    }

    /// A word of the vocabulary.
    public struct Entry: Sendable, Equatable {
        public let id: Int64
        public let languageGroup: String
        public let text: String
        /// Segments holding it as a word.
        public let segments: Int

        public init(id: Int64, languageGroup: String, text: String, segments: Int) {
            (self.id, self.languageGroup, self.text, self.segments) = (id, languageGroup, text, segments)
        }
    }

    // Both blobs are LEB128 varints: ids are small and close together.

    /// `segment.tokens`: per token, `id << 1 | isPunctuation`.
    package static func encodeTokens(_ tokens: [(id: Int64, isPunctuation: Bool)]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(tokens.count * 3)
        for token in tokens { appendVarint(UInt64(token.id) << 1 | (token.isPunctuation ? 1 : 0), to: &bytes) }
        return bytes
    }

    package static func decodeTokens(_ bytes: UnsafeRawBufferPointer) -> WeightedTokens<Int64> {
        var keys: [Int64] = [], weights: [Double] = []
        var offset = 0
        while let value = readVarint(bytes, &offset) {
            keys.append(Int64(value >> 1))
            weights.append(MatchScore.weight(isPunctuation: value & 1 == 1))
        }
        return WeightedTokens(keys, weights: weights)
    }

    /// `segment.tokens` as written: vocabulary ids with their punctuation flags, in order.
    package static func decodeTokenIDs(_ bytes: UnsafeRawBufferPointer) -> [(id: Int64, isPunctuation: Bool)] {
        var tokens: [(id: Int64, isPunctuation: Bool)] = []
        var offset = 0
        while let value = readVarint(bytes, &offset) { tokens.append((Int64(value >> 1), value & 1 == 1)) }
        return tokens
    }

    /// A block of `posting.segments`: per segment, the id's distance from the previous one, then
    /// its word and punctuation counts.
    package static func appendPosting(_ posting: Posting, after previous: Int64, to bytes: inout [UInt8]) {
        appendVarint(UInt64(posting.segmentID - previous), to: &bytes)
        appendVarint(UInt64(posting.words), to: &bytes)
        appendVarint(UInt64(posting.punctuation), to: &bytes)
    }

    package static func decodePostings(_ bytes: UnsafeRawBufferPointer, into postings: inout [Posting]) {
        var offset = 0
        var id: Int64 = 0
        while let delta = readVarint(bytes, &offset), let words = readVarint(bytes, &offset),
            let punctuation = readVarint(bytes, &offset)
        {
            id += Int64(delta)
            postings.append(Posting(segmentID: id, words: Int(words), punctuation: Int(punctuation)))
        }
    }

    package static func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    package static func readVarint(_ bytes: UnsafeRawBufferPointer, _ offset: inout Int) -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count {
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
            if shift > 63 { return nil }
        }
        return nil
    }
}
