/// What an import adds to the term index, held until an engine writes it out: each segment's
/// tokens as vocabulary ids (its `tokens` blob) and, per word, a block of postings. Every engine
/// builds its index through this, so the index holds the same bytes whatever the engine.
package struct PostingAccumulator {
    /// A word's postings gathered since the last `take()`.
    package struct Block {
        package private(set) var bytes: [UInt8] = []
        /// Segments in the block (each holds the word at least once).
        package private(set) var count = 0
        private var last: Int64 = 0

        /// Returns what it adds to the estimate of `pendingBytes`: the posting's bytes, and the
        /// entry's cost with the first posting.
        mutating func append(_ posting: TermIndex.Posting) -> Int {
            let before = count == 0 ? -PostingAccumulator.entryBytes : bytes.count
            TermIndex.appendPosting(posting, after: last, to: &bytes)
            last = posting.segmentID
            count += 1
            return bytes.count - before
        }
    }

    private var blocks: [Int64: Block] = [:]
    /// What the blocks hold, estimated: a word's entry costs far more than its posting bytes (a
    /// dictionary slot, an array, a row to insert), so each is counted as `entryBytes` more.
    package private(set) var pendingBytes = 0
    package static let entryBytes = 128

    package init() {}

    /// Adds one segment, its tokens already given vocabulary ids; returns its `tokens` blob and its
    /// word count.
    package mutating func add(segmentID: Int64, tokens: [(id: Int64, isPunctuation: Bool)]) -> (tokens: [UInt8], words: Int) {
        let words = tokens.filter { !$0.isPunctuation }.map(\.id)
        let posting = TermIndex.Posting(segmentID: segmentID, words: words.count, punctuation: tokens.count - words.count)
        // A word repeated in the segment is posted once; a set keeps this linear in the segment's length.
        var posted = Set<Int64>(minimumCapacity: words.count)
        for id in words where posted.insert(id).inserted {
            pendingBytes += blocks[id, default: Block()].append(posting)
        }
        return (TermIndex.encodeTokens(tokens), words.count)
    }

    /// Counts a vocabulary entry the engine will write with the blocks.
    package mutating func notePendingEntry() {
        pendingBytes += Self.entryBytes
    }

    /// The blocks gathered, by word id in ascending order (an index on (word, block) then grows
    /// at its end), and a fresh start.
    package mutating func take() -> [(tokenID: Int64, block: Block)] {
        defer {
            blocks = [:]
            pendingBytes = 0
        }
        return blocks.keys.sorted().map { ($0, blocks[$0]!) }
    }
}
