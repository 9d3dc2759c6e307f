/// A number a query may ask for: its default and the values allowed.
public struct QueryBound: Sendable {
    public let defaultValue: Int
    public let range: ClosedRange<Int>
}

/// The defaults and ranges of what a lookup, a concordance search or a name search may ask,
/// declared once for the HTTP API and the CLI.
public enum QueryBounds {
    /// The lowest score a match may have (0 to 100).
    public static let minimumScore = QueryBound(defaultValue: 70, range: 0...100)
    /// Matches of one lookup.
    public static let matches = QueryBound(defaultValue: 5, range: 1...100)
    public static let concordanceHits = QueryBound(defaultValue: 20, range: 1...100)
    /// Hits skipped before the first one returned (paging through a concordance).
    public static let concordanceOffset = QueryBound(defaultValue: 0, range: 0...1_000_000)
    public static let names = QueryBound(defaultValue: 10, range: 1...100)
    /// Pre-translation: the lowest score written as a candidate, the lowest that fills a target,
    /// and the candidates written per segment.
    public static let pretranslationMinimum = QueryBound(defaultValue: 75, range: 0...100)
    public static let pretranslationFill = QueryBound(defaultValue: 95, range: 0...100)
    public static let pretranslationCandidates = QueryBound(defaultValue: 3, range: 1...100)
}
