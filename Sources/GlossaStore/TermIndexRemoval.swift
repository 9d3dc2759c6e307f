/// Takes segments out of the term index (see TermIndex), for an engine removing or replacing
/// units: the engine hands it the segments' `tokens` blobs, then every posting block of the words
/// they hold, and writes back what it says. Blocks are decoded and re-encoded here, once for both
/// engines, so the index keeps the same bytes whatever the engine.
package struct TermIndexRemoval {
    /// What becomes of one posting block.
    package enum Change: Equatable {
        /// The block without the removed segments: its new bytes and how many segments it holds.
        case rewrite(blockID: Int64, bytes: [UInt8], count: Int)
        /// Every segment of the block was removed.
        case delete(blockID: Int64)
    }

    package private(set) var segmentIDs = Set<Int64>()
    private var words = Set<Int64>()
    /// Postings taken out, by word: what the word's segment count loses.
    package private(set) var removedPerWord: [Int64: Int] = [:]

    package init() {}

    /// Notes a segment to remove, from its `tokens` blob.
    package mutating func remove(segmentID: Int64, tokens: UnsafeRawBufferPointer) {
        segmentIDs.insert(segmentID)
        for token in TermIndex.decodeTokenIDs(tokens) where !token.isPunctuation { words.insert(token.id) }
    }

    /// The words whose posting blocks may name a removed segment, in ascending order (the order
    /// engines lock rows in, so that two removals cannot deadlock).
    package var wordIDs: [Int64] { words.sorted() }

    /// A block of `tokenID`'s postings without the removed segments; nil when it names none of them.
    package mutating func prune(blockID: Int64, tokenID: Int64, bytes: UnsafeRawBufferPointer) -> Change? {
        var postings: [TermIndex.Posting] = []
        TermIndex.decodePostings(bytes, into: &postings)
        let kept = postings.filter { !segmentIDs.contains($0.segmentID) }
        guard kept.count < postings.count else { return nil }
        removedPerWord[tokenID, default: 0] += postings.count - kept.count
        guard !kept.isEmpty else { return .delete(blockID: blockID) }
        var encoded: [UInt8] = []
        encoded.reserveCapacity(bytes.count)
        var previous: Int64 = 0
        for posting in kept {
            TermIndex.appendPosting(posting, after: previous, to: &encoded)
            previous = posting.segmentID
        }
        return .rewrite(blockID: blockID, bytes: encoded, count: kept.count)
    }
}
