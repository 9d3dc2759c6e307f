import GlossaModel

/// What a reader of a bilingual file gives, one unit at a time.
public enum UnitReaderItem {
    /// A unit with at least two languages; `skipped` lists the segments left out of it.
    case unit(TranslationUnit, skipped: [UnitIssue])
    case rejected(UnitIssue)
}

/// A streaming reader of a file of translation units (TMX, and the bilingual exchange formats):
/// the importer reads every format through it.
public protocol UnitReader: AnyObject {
    /// The next unit, or nil at the end of the file.
    func next() throws(FormatError) -> UnitReaderItem?
    /// Bytes read so far (of the decompressed stream for `.gz` files): for progress reports.
    var bytesConsumed: Int { get }
    /// Segments read so far, kept or not (TMX's `<tuv>`s).
    var variantsRead: Int { get }
}
