import GlossaModel
import GlossaText

/// A translation unit with what storing it needs computed beforehand: its content key and each
/// segment's fold key and tokens. Pure work, so an import prepares units on one core while the
/// database writes on the other (see UnitPipeline).
public struct PreparedUnit: Sendable {
    public let unit: TranslationUnit
    public let contentKey: String
    /// By segment, in the unit's order.
    package let segments: [PreparedSegment]

    package struct PreparedSegment: Sendable {
        package let fold: String
        package let tokens: [Token]
    }

    public init(_ unit: TranslationUnit) {
        self.unit = unit
        contentKey = unit.contentKey
        segments = unit.segments.map { segment in
            let fold = Normalization.foldKey(segment.text)
            return PreparedSegment(fold: fold, tokens: WordTokenizer.tokens(fold))
        }
    }
}
