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

    public static func < (lhs: MatchScore, rhs: MatchScore) -> Bool { lhs.value < rhs.value }

    /// Scores `candidate` against `query`; nil when the score is below `minimum`, which lets the
    /// edit distance stop early.
    public static func compute(query: ComparableText, candidate: ComparableText, minimum: Int = 0) -> MatchScore? {
        if query.nfc == candidate.nfc {
            return MatchScore(value: 100, kind: .exact, edits: 0, queryWeight: weight(query.tokens), segmentWeight: weight(candidate.tokens))
        }
        let queryWeight = weight(query.tokens)
        let segmentWeight = weight(candidate.tokens)
        if query.fold == candidate.fold {
            guard minimum <= 99 else { return nil }
            return MatchScore(value: 99, kind: .normalized, edits: 0, queryWeight: queryWeight, segmentWeight: segmentWeight)
        }
        let n = max(queryWeight, segmentWeight)
        guard n > 0 else { return nil }
        // score >= minimum  <=>  d <= n × (1 − minimum/100)
        let budget = n * (1 - Double(minimum) / 100) + 1e-9
        guard abs(queryWeight - segmentWeight) <= budget,
              let d = editDistance(query.tokens, candidate.tokens, budget: budget)
        else { return nil }
        let value = min(99, Int((100 * (1 - d / n)).rounded(.down)))
        guard value >= minimum else { return nil }
        return MatchScore(value: value, kind: .fuzzy, edits: d, queryWeight: queryWeight, segmentWeight: segmentWeight)
    }

    static func weight(_ token: Token) -> Double { token.kind == .punctuation ? 0.5 : 1 }
    static func weight(_ tokens: [Token]) -> Double { tokens.reduce(0) { $0 + weight($1) } }

    /// Weighted Levenshtein distance over tokens; nil as soon as it must exceed `budget`.
    static func editDistance(_ a: [Token], _ b: [Token], budget: Double) -> Double? {
        if a.isEmpty { return weight(b) <= budget ? weight(b) : nil }
        if b.isEmpty { return weight(a) <= budget ? weight(a) : nil }
        let aWeights = a.map(weight), bWeights = b.map(weight)
        var previous = [Double](repeating: 0, count: b.count + 1)
        var current = previous
        for j in 0..<b.count { previous[j + 1] = previous[j] + bWeights[j] }
        for i in 0..<a.count {
            current[0] = previous[0] + aWeights[i]
            var rowMinimum = current[0]
            for j in 0..<b.count {
                let substitution = a[i].text == b[j].text ? 0 : max(aWeights[i], bWeights[j])
                current[j + 1] = min(previous[j] + substitution,
                                     previous[j + 1] + aWeights[i],
                                     current[j] + bWeights[j])
                rowMinimum = min(rowMinimum, current[j + 1])
            }
            if rowMinimum > budget { return nil }
            swap(&previous, &current)
        }
        return previous[b.count] <= budget ? previous[b.count] : nil
    }
}
