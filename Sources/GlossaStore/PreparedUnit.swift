import GlossaModel
import GlossaText

/// A translation unit with what storing it needs computed beforehand: its content key, its
/// metadata as JSON and each segment's fold key, tokens, language group, metadata and markup as
/// stored. Pure work, so an import prepares units on one core while the database writes on the
/// other (see UnitPipeline), which then only binds values.
public struct PreparedUnit: Sendable {
    public let unit: TranslationUnit
    public let contentKey: String
    package let metadataJSON: String?
    /// By segment, in the unit's order.
    package let segments: [PreparedSegment]

    package struct PreparedSegment: Sendable {
        package let fold: String
        package let tokens: [Token]
        package let languageGroup: String
        package let metadataJSON: String?
        /// The segment's TMX markup when it holds inline codes, else nil (the text says it all).
        package let codedMarkup: String?
    }

    public init(_ unit: TranslationUnit) {
        self.unit = unit
        contentKey = unit.contentKey
        metadataJSON = MetadataJSON.encode(unit.metadata)
        segments = unit.segments.map { segment in
            let fold = Normalization.foldKey(segment.text)
            return PreparedSegment(
                fold: fold, tokens: WordTokenizer.tokens(fold), languageGroup: segment.language.fallbackGroup,
                metadataJSON: MetadataJSON.encode(segment.metadata), codedMarkup: segment.hasInlineCodes ? segment.markup : nil)
        }
    }
}
