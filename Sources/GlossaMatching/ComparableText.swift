import GlossaText

/// A text prepared for comparison once: its NFC form, its fold key and the key's tokens.
public struct ComparableText: Sendable, Hashable {
    public let nfc: String
    /// NFKC case-folded, whitespace collapsed: equal keys mean "same text but for case, width or spacing".
    public let fold: String
    public let tokens: [Token]

    public init(_ text: String) {
        nfc = Normalization.nfc(text)
        fold = Normalization.foldKey(text)
        tokens = WordTokenizer.tokens(fold)
    }

    /// Init from an already computed fold key (stored beside each segment).
    public init(nfc: String, fold: String) {
        self.nfc = nfc
        self.fold = fold
        tokens = WordTokenizer.tokens(fold)
    }
}
