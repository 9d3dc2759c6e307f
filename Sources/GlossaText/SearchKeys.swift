/// The keys under which a name is found, whatever the script or romanization it is typed in.
///
/// - `fold`: the text folded (NFKC, case, Traditional to Simplified Chinese) with everything but
///   letters and digits removed: `Vladimir  Putin`, `vladimir-putin` -> `vladimirputin`.
/// - `latin`: the text in Latin letters, accents stripped, the same characters kept: `Путин` ->
///   `putin` (BGN/PCGN), `普京` -> `pujing` (Pinyin, name readings), `Pǔjīng` -> `pujing`; Cyrillic
///   gets a second one read as Palladius: `Си Цзиньпин` -> `xijinping` (as `习近平`).
/// Each word of a multi-word name gets both keys too, so `Putin` finds `Vladimir Putin`.
public enum SearchKeys {
    public enum Kind: String, Sendable, Codable {
        case fold, latin
        case foldWord = "fold-word"
        case latinWord = "latin-word"
    }

    public struct Key: Hashable, Sendable {
        public let kind: Kind
        public let value: String

        public init(kind: Kind, value: String) {
            self.kind = kind
            self.value = value
        }
    }

    static let toLatin = "Traditional-Simplified; Han-Latin/Names; Russian-Latin/BGN; Any-Latin; Latin-ASCII"
    /// The same without the Chinese steps, which cost most and change nothing in a text without Han.
    static let nonHanToLatin = "Russian-Latin/BGN; Any-Latin; Latin-ASCII"

    /// Which scripts a text holds, as far as the choice of transforms goes.
    enum Scripts { case latin, han, other }

    static func scripts(of text: String) -> Scripts {
        var other = false
        for scalar in text.unicodeScalars where scalar.value > 0x24F {
            if HanWriting.isHanScalar(scalar) { return .han }
            other = true
        }
        return other ? .other : .latin
    }

    public static func keys(for text: String) -> Set<Key> {
        var keys = Set<Key>()
        let simplified = simplifiedFold(text)
        insert(compact(simplified), .fold, into: &keys)
        for latin in latinFolds(text) { insert(compact(latin), .latin, into: &keys) }
        let words = WordTokenizer.words(simplified)
        if words.count > 1 {
            for word in words {
                insert(compact(word), .foldWord, into: &keys)
                for latin in latinFolds(word) { insert(compact(latin), .latinWord, into: &keys) }
            }
        }
        return keys
    }

    /// The keys of a query: its fold and its Latin forms (one, or two for Cyrillic).
    public static func queryKeys(for text: String) -> (fold: String, latin: [String]) {
        let fold = compact(simplifiedFold(text))
        var latin: [String] = []
        for form in latinFolds(text).map(compact) where !form.isEmpty && !latin.contains(form) { latin.append(form) }
        return (fold, latin)
    }

    static func simplifiedFold(_ text: String) -> String {
        guard scripts(of: text) == .han else { return Normalization.foldKey(text) }
        let simplified = (try? Transliteration.transliterator("Traditional-Simplified").transliterate(text)) ?? text
        return Normalization.foldKey(simplified)
    }

    static func latinFolds(_ text: String) -> [String] {
        let chain = switch scripts(of: text) {
        case .han: toLatin
        case .other: nonHanToLatin
        case .latin: "Latin-ASCII"
        }
        let latin = (try? Transliteration.transliterator(chain).transliterate(text)) ?? text
        var folds = [Normalization.foldKey(latin)]
        if text.unicodeScalars.contains(where: { (0x0400...0x04FF).contains($0.value) }),
           let palladius = try? Transliteration.transliterator(PalladiusReverse.id).transliterate(text) {
            folds.append(Normalization.foldKey(palladius))
        }
        return folds
    }

    /// Letters and digits only: spaces, hyphens, apostrophes and ICU's prime marks (ʹ) go.
    static func compact(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter(WordTokenizer.isTermScalar)))
    }

    private static func insert(_ value: String, _ kind: Kind, into keys: inout Set<Key>) {
        if !value.isEmpty { keys.insert(Key(kind: kind, value: value)) }
    }
}
