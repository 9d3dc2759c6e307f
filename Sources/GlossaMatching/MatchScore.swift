import GlossaText

/// How close a stored segment is to a query, from 0 to 100, with the figures it was computed from.
///
/// - 100: the NFC texts are identical.
/// - 99: identical but for case, width or whitespace (the fold keys agree).
/// - otherwise `floor(100 × (1 − d / n))`, capped at 99, where `d` is the weighted edit distance
///   between the two token sequences (ICU words of the fold keys; a word or number weighs 1, a
///   punctuation mark 0.5; insert, delete or substitute costs the heavier token's weight) and `n`
///   is the larger of the two sequences' total weights.
public struct MatchScore: Sendable, Hashable, Codable, Comparable {
    public enum Kind: String, Sendable, Codable {
        case exact
        /// Same text but for case, width or whitespace.
        case normalized
        case fuzzy
    }

    public let value: Int
    public let kind: Kind
    /// Weighted edits from the query to the segment (0 for exact matches).
    public let edits: Double
    /// Weighted token lengths of the query and the segment.
    public let queryWeight: Double
    public let segmentWeight: Double
    /// Points taken off for the memory the match comes from (0 when none).
    public var penalty: Int = 0

    /// The score less `penalty` points: a penalized exact match is no longer exact.
    public func penalized(by penalty: Int) -> MatchScore {
        guard penalty > 0 else { return self }
        var score = MatchScore(
            value: max(0, value - penalty), kind: .fuzzy, edits: edits, queryWeight: queryWeight, segmentWeight: segmentWeight)
        score.penalty = penalty
        return score
    }

    public static func < (lhs: MatchScore, rhs: MatchScore) -> Bool { lhs.value < rhs.value }

    /// Scores `candidate` against `query`; nil when the score is below `minimum`, which lets the
    /// edit distance stop early.
    public static func compute(query: ComparableText, candidate: ComparableText, minimum: Int = 0) -> MatchScore? {
        compute(
            identical: query.nfc == candidate.nfc, sameFold: query.fold == candidate.fold,
            query: WeightedTokens(query.tokens.map { $0.text }, weights: query.tokens.map { weight($0) }),
            candidate: WeightedTokens(candidate.tokens.map { $0.text }, weights: candidate.tokens.map { weight($0) }),
            minimum: minimum)
    }

    /// The same score over tokens given as keys (equal keys for equal token texts: the words
    /// themselves, or their ids in an index's vocabulary) and weights.
    public static func compute<Key: Equatable>(
        identical: Bool, sameFold: Bool, query: WeightedTokens<Key>,
        candidate: WeightedTokens<Key>, minimum: Int = 0
    ) -> MatchScore? {
        let queryWeight = query.total, segmentWeight = candidate.total
        if identical {
            return MatchScore(value: 100, kind: .exact, edits: 0, queryWeight: queryWeight, segmentWeight: segmentWeight)
        }
        if sameFold {
            guard minimum <= 99 else { return nil }
            return MatchScore(value: 99, kind: .normalized, edits: 0, queryWeight: queryWeight, segmentWeight: segmentWeight)
        }
        let n = max(queryWeight, segmentWeight)
        guard n > 0 else { return nil }
        // score >= minimum  <=>  d <= n × (1 − minimum/100)
        let budget = n * (1 - Double(minimum) / 100) + 1e-9
        guard abs(queryWeight - segmentWeight) <= budget,
            let d = editDistance(query, candidate, budget: budget)
        else { return nil }
        let value = min(99, Int((100 * (1 - d / n)).rounded(.down)))
        guard value >= minimum else { return nil }
        return MatchScore(value: value, kind: .fuzzy, edits: d, queryWeight: queryWeight, segmentWeight: segmentWeight)
    }

    /// The weight of a token in the score: a word or number 1, a punctuation mark 0.5.
    public static func weight(isPunctuation: Bool) -> Double { isPunctuation ? 0.5 : 1 }
    static func weight(_ token: Token) -> Double { weight(isPunctuation: token.kind == .punctuation) }

    /// Weighted Levenshtein distance over tokens; nil as soon as it must exceed `budget`.
    static func editDistance<Key: Equatable>(_ a: WeightedTokens<Key>, _ b: WeightedTokens<Key>, budget: Double) -> Double? {
        if a.keys.isEmpty { return b.total <= budget ? b.total : nil }
        if b.keys.isEmpty { return a.total <= budget ? a.total : nil }
        let aWeights = a.weights, bWeights = b.weights
        var previous = [Double](repeating: 0, count: b.keys.count + 1)
        var current = previous
        for j in 0..<b.keys.count { previous[j + 1] = previous[j] + bWeights[j] }
        for i in 0..<a.keys.count {
            current[0] = previous[0] + aWeights[i]
            var rowMinimum = current[0]
            for j in 0..<b.keys.count {
                let substitution = a.keys[i] == b.keys[j] ? 0 : max(aWeights[i], bWeights[j])
                current[j + 1] = min(
                    previous[j] + substitution,
                    previous[j + 1] + aWeights[i],
                    current[j] + bWeights[j])
                rowMinimum = min(rowMinimum, current[j + 1])
            }
            if rowMinimum > budget { return nil }
            swap(&previous, &current)
        }
        return previous[b.keys.count] <= budget ? previous[b.keys.count] : nil
    }
}

/// A token sequence as the score sees it: a key per token (equal keys, equal tokens) and its weight.
public struct WeightedTokens<Key: Equatable>: Equatable {
    public let keys: [Key]
    public let weights: [Double]
    public let total: Double

    public init(_ keys: [Key], weights: [Double]) {
        self.keys = keys
        self.weights = weights
        total = weights.reduce(0, +)
    }
}

extension WeightedTokens: Sendable where Key: Sendable {}
