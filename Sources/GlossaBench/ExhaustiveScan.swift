import Dispatch
import GlossaMatching
import GlossaText
import Synchronization

/// The exhaustive side of `recall`: every source segment scored with `MatchScore` against every
/// query, in one pass over the memory (each segment tokenized once), batches spread over the cores.
///
/// No index: a query skips a segment only when their token weights alone rule out `minimum`.
/// MatchScore needs |wq − ws| ≤ max(wq, ws) × (1 − minimum/100), i.e. wq within
/// [ws × minimum/100, ws × 100/minimum]; identical and same-fold texts have the same tokens, hence
/// the same weight, so they fall inside too. The window is widened by `slack` to stay safe under
/// rounding.
final class ExhaustiveScan: Sendable {
    struct Query: Sendable {
        let index: Int
        let nfc: String
        let fold: String
        let tokens: WeightedTokens<Int32>
    }

    /// One source segment: its text and stored fold key (normalized by the workers, off the reader).
    typealias Segment = (text: String, fold: String)

    /// The best score of each matching source text, per query (indexed as the queries given).
    let scores: Mutex<[[String: Int]]>
    /// Query-segment pairs inside the weight window (MatchScore computed).
    let pairsScored = Atomic<Int>(0)
    let segmentsScanned = Atomic<Int>(0)

    /// Ascending token weight, for the window's binary search.
    private let queries: [Query]
    /// The queries' words; a segment's other words get `unknownWord`, equal to no query word.
    private let vocabulary: [String: Int32]
    private let minimum: Int
    private let workers: Int

    private static let unknownWord: Int32 = -1
    private static let slack = 1e-6

    init(queries texts: [String], minimum: Int, workers: Int) {
        var vocabulary: [String: Int32] = [:]
        var queries: [Query] = []
        for (index, text) in texts.enumerated() {
            let comparable = ComparableText(text)
            let keys = comparable.tokens.map { token in
                if let id = vocabulary[token.text] { return id }
                let id = Int32(vocabulary.count)
                vocabulary[token.text] = id
                return id
            }
            queries.append(
                Query(
                    index: index, nfc: comparable.nfc, fold: comparable.fold,
                    tokens: WeightedTokens(keys, weights: comparable.tokens.map(Self.weight))))
        }
        self.queries = queries.sorted { $0.tokens.total < $1.tokens.total }
        self.vocabulary = vocabulary
        self.minimum = minimum
        self.workers = workers
        scores = Mutex(Array(repeating: [:], count: texts.count))
    }

    /// Scores a batch of segments, split among the workers; returns when all are scored.
    func scan(_ batch: [Segment]) {
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var hits: [(query: Int, text: String, score: Int)] = []
            var pairs = 0
            for position in stride(from: worker, to: batch.count, by: workers) {
                pairs += score(batch[position], into: &hits)
            }
            pairsScored.add(pairs, ordering: .relaxed)
            scores.withLock { scores in
                for hit in hits { scores[hit.query][hit.text] = max(scores[hit.query][hit.text] ?? 0, hit.score) }
            }
        }
        segmentsScanned.add(batch.count, ordering: .relaxed)
    }

    /// Scores one segment against the queries inside its weight window; returns how many.
    private func score(_ segment: Segment, into hits: inout [(query: Int, text: String, score: Int)]) -> Int {
        let nfc = Normalization.nfc(segment.text)
        let tokens = WordTokenizer.tokens(segment.fold)
        let candidate = WeightedTokens(tokens.map { vocabulary[$0.text] ?? Self.unknownWord }, weights: tokens.map(Self.weight))
        let ratio = Double(Swift.min(Swift.max(minimum, 0), 100)) / 100
        let low = candidate.total * ratio - Self.slack
        let high = ratio == 0 ? Double.infinity : candidate.total / ratio + Self.slack
        var position = firstQuery(weighingAtLeast: low), pairs = 0
        while position < queries.count, queries[position].tokens.total <= high {
            let query = queries[position]
            if let score = MatchScore.compute(
                identical: query.nfc == nfc, sameFold: query.fold == segment.fold,
                query: query.tokens, candidate: candidate, minimum: minimum)
            {
                hits.append((query.index, nfc, score.value))
            }
            position += 1
            pairs += 1
        }
        return pairs
    }

    private func firstQuery(weighingAtLeast weight: Double) -> Int {
        var low = 0, high = queries.count
        while low < high {
            let middle = (low + high) / 2
            if queries[middle].tokens.total < weight { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private static func weight(_ token: Token) -> Double { MatchScore.weight(isPunctuation: token.kind == .punctuation) }
}
