/// A segment as the term index sees it (see `TranslationMemoryStore.indexedSegments`).
public struct IndexedSegment: Sendable {
    public let id: Int64
    public let unitID: Int64
    /// Its `tokens` blob decoded: vocabulary ids, with their punctuation flags.
    public let tokens: [(id: Int64, isPunctuation: Bool)]
    /// `segment.word_count`.
    public let wordCount: Int

    package init(id: Int64, unitID: Int64, tokens: [(id: Int64, isPunctuation: Bool)], wordCount: Int) {
        (self.id, self.unitID, self.tokens, self.wordCount) = (id, unitID, tokens, wordCount)
    }
}

/// A word of the term index with its posting blocks (see `TranslationMemoryStore.indexedWords`).
public struct IndexedWord: Sendable {
    public struct Block: Sendable {
        /// The segment count the engine keeps with the block (PostgreSQL's `segment_count`), if any.
        public let declaredCount: Int?
        public let postings: [TermIndex.Posting]

        package init(declaredCount: Int?, postings: [TermIndex.Posting]) {
            (self.declaredCount, self.postings) = (declaredCount, postings)
        }
    }

    public let id: Int64
    /// Nil when posting blocks name a word the vocabulary lacks.
    public let text: String?
    /// The word's segment count as lookups read it (SQLite's `token.segments`, PostgreSQL's sum of
    /// its blocks' counts).
    public let segments: Int
    public let blocks: [Block]

    package init(id: Int64, text: String?, segments: Int, blocks: [Block]) {
        (self.id, self.text, self.segments, self.blocks) = (id, text, segments, blocks)
    }
}

/// Checks the term index against the segments through the store protocol, whatever the engine:
/// each segment's words have a posting naming it (with its lengths) and no other word does, no
/// posting names a missing segment, and each word's counts agree with its postings. Reads in
/// pages, not in one transaction: run it when nothing writes.
public struct TermIndexCheck: Sendable {
    public let store: any TranslationMemoryStore

    public init(store: any TranslationMemoryStore) {
        self.store = store
    }

    public struct Report: Sendable, CustomStringConvertible {
        public internal(set) var segments = 0
        public internal(set) var words = 0
        public internal(set) var postings = 0
        /// What is wrong, at most `TermIndexCheck.problemsKept` of it.
        public internal(set) var problems: [String] = []
        public internal(set) var problemCount = 0

        public var isConsistent: Bool { problemCount == 0 }

        public var description: String {
            let summary = "\(segments) segments, \(words) words, \(postings) postings: "
            guard !isConsistent else { return summary + "consistent" }
            return summary + "\(problemCount) problems: " + problems.joined(separator: "; ")
        }

        mutating func problem(_ text: @autoclosure () -> String) {
            problemCount += 1
            if problems.count < TermIndexCheck.problemsKept { problems.append(text()) }
        }
    }

    /// Enough to tell what went wrong without a report the size of the index.
    static let problemsKept = 20
    static let pageSize = 5_000

    /// What each segment should have in the index.
    private struct Expected {
        let words: Int
        let punctuation: Int
    }

    public func run() async throws -> Report {
        var report = Report()
        // word id -> the segments holding it; segment id -> its lengths.
        var holders: [Int64: [Int64]] = [:]
        var lengths: [Int64: Expected] = [:]
        var after: Int64 = 0
        while true {
            let page = try await store.indexedSegments(after: after, limit: Self.pageSize)
            for segment in page {
                let words = segment.tokens.filter { !$0.isPunctuation }.map(\.id)
                if words.count != segment.wordCount {
                    report.problem("segment \(segment.id) has \(words.count) words in its tokens, \(segment.wordCount) in word_count")
                }
                lengths[segment.id] = Expected(words: words.count, punctuation: segment.tokens.count - words.count)
                for id in Set(words) { holders[id, default: []].append(segment.id) }
            }
            report.segments += page.count
            guard let last = page.last else { break }
            after = last.id
        }
        after = Int64.min
        while true {
            let page = try await store.indexedWords(after: after, limit: Self.pageSize)
            for word in page { check(word, expected: holders.removeValue(forKey: word.id) ?? [], lengths: lengths, into: &report) }
            report.words += page.count
            guard let last = page.last else { break }
            after = last.id
        }
        for (word, segments) in holders {
            report.problem("word \(word) of segments \(segments.sorted().prefix(5)) is not in the vocabulary")
        }
        return report
    }

    private func check(_ word: IndexedWord, expected: [Int64], lengths: [Int64: Expected], into report: inout Report) {
        let name = "word \(word.id) '\(word.text ?? "?")'"
        if word.text == nil { report.problem("\(name): posting blocks of a word the vocabulary lacks") }
        var named = Set<Int64>()
        for block in word.blocks {
            if let declared = block.declaredCount, declared != block.postings.count {
                report.problem("\(name): a block says \(declared) segments and holds \(block.postings.count)")
            }
            for posting in block.postings {
                guard named.insert(posting.segmentID).inserted else {
                    report.problem("\(name): segment \(posting.segmentID) posted twice")
                    continue
                }
                guard let length = lengths[posting.segmentID] else {
                    report.problem("\(name): a posting names segment \(posting.segmentID), which is not stored")
                    continue
                }
                if length.words != posting.words || length.punctuation != posting.punctuation {
                    report.problem("\(name): the posting of segment \(posting.segmentID) has stale lengths")
                }
            }
        }
        report.postings += named.count
        let wanted = Set(expected)
        for id in named.subtracting(wanted) where lengths[id] != nil {
            report.problem("\(name): a posting names segment \(id), which does not hold the word")
        }
        for id in wanted.subtracting(named) { report.problem("\(name): segment \(id) holds the word but no posting names it") }
        if word.segments != named.count { report.problem("\(name): its count says \(word.segments) segments, its postings \(named.count)") }
    }
}
