/// The keys under which a name is found, whatever the script or romanization it is typed in.
///
/// - `fold`: the text folded (NFKC, case, Traditional to Simplified Chinese) with everything but
///   letters and digits removed: `Vladimir  Putin`, `vladimir-putin` -> `vladimirputin`.
/// - `latin`: the text in Latin letters, accents stripped, the same characters kept: `Путин` ->
///   `putin` (BGN/PCGN), `普京` -> `pujing` (Pinyin, name readings), `Pǔjīng` -> `pujing`; Cyrillic
///   gets a second one read as Palladius: `Си Цзиньпин` -> `xijinping` (as `习近平`).
/// - `stem`: the words' Snowball stems in the term's language, where they differ from the fold:
///   `Москва` -> `москв`, so that `Москвы` and `Москве` find it (see `Inflection`).
/// Each word of a multi-word name gets these keys too, so `Putin` finds `Vladimir Putin`.
///
/// Near keys (`nearKeys`) find names typed with a slip (`Putim`, `Xi Jinpin`): each Latin key with
/// one letter deleted, in every position, as the symmetric-delete spelling index does.
public enum SearchKeys {
    public enum Kind: String, Sendable, Codable {
        case fold, latin
        case foldWord = "fold-word"
        case latinWord = "latin-word"
        case stem
        case stemWord = "stem-word"

        /// Whether a hit on this kind stands for the whole term rather than one of its words.
        public var isWholeTerm: Bool {
            switch self {
            case .fold, .latin, .stem: true
            case .foldWord, .latinWord, .stemWord: false
            }
        }
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

    /// The keys of a term; `language` picks the stemmer (none for a language without one).
    public static func keys(for text: String, language: LanguageTag? = nil) -> Set<Key> {
        var keys = Set<Key>()
        let simplified = simplifiedFold(text)
        let fold = compact(simplified)
        insert(fold, .fold, into: &keys)
        for latin in latinFolds(text) { insert(compact(latin), .latin, into: &keys) }
        let words = WordTokenizer.words(simplified)
        if words.count > 1 {
            for word in words {
                insert(compact(word), .foldWord, into: &keys)
                for latin in latinFolds(word) { insert(compact(latin), .latinWord, into: &keys) }
            }
        }
        if let language, let stemmer = Stemmer(language: language.language) {
            let stems = Inflection.stems(of: text, with: stemmer)
            let stem = compact(stems.joined())
            if stem != fold { insert(stem, .stem, into: &keys) }
            if stems.count > 1 {
                let foldWords = Set(keys.filter { $0.kind == .foldWord }.map(\.value))
                for word in stems.map(compact) where !foldWords.contains(word) { insert(word, .stemWord, into: &keys) }
            }
        }
        return keys
    }

    /// Keys shorter than this get no near keys: one slip in four letters is another name.
    public static let nearKeyMinimumLength = 5
    /// Queries longer than this are not searched for slips: their one-letter deletions would be many
    /// and say little. A term's key longer by two or more can never meet such a query's probes, so
    /// it gets no near keys, which keeps a long term's keys linear in its length.
    public static let nearKeyMaximumLength = 40

    /// Near keys of a term: for each whole-term Latin key long enough, the key itself and the key
    /// with each one letter deleted, paired with the key they come from. Words of a longer term get
    /// none: a query with a slip in one word is a slip in the whole key too, and a surname alone
    /// is a term of its own in most entries. Only terms
    /// written in Latin letters get them: a query in any script meets them through its own Latin
    /// key, and the Latin keys of other scripts are readings, where one letter off is another
    /// name (wuhan, wulan) rather than a slip.
    public static func nearKeys(for text: String, keys: Set<Key>) -> Set<NearKey> {
        guard scripts(of: text) == .latin else { return [] }
        var near = Set<NearKey>()
        for key in keys where key.kind == .latin && key.value.unicodeScalars.count <= nearKeyMaximumLength + 1 {
            for probe in deletions(of: key.value) { near.insert(NearKey(probe: probe, key: key.value)) }
        }
        return near
    }

    /// A key and its one-letter deletions (none for a key shorter than `nearKeyMinimumLength`).
    public static func deletions(of key: String) -> Set<String> {
        let scalars = Array(key.unicodeScalars)
        guard scalars.count >= nearKeyMinimumLength else { return [] }
        var probes: Set<String> = [key]
        for index in scalars.indices {
            var shorter = scalars
            shorter.remove(at: index)
            probes.insert(String(String.UnicodeScalarView(shorter)))
        }
        return probes
    }

    public struct NearKey: Hashable, Sendable {
        /// What is looked up: a key with a letter deleted, or the key itself.
        public let probe: String
        /// The term's Latin key it comes from, to measure the distance against.
        public let key: String

        public init(probe: String, key: String) {
            self.probe = probe
            self.key = key
        }
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
        return Normalization.foldKey(Transliteration.simplified(text))
    }

    static func latinFolds(_ text: String) -> [String] {
        let chain =
            switch scripts(of: text) {
            case .han: toLatin
            case .other: nonHanToLatin
            case .latin: "Latin-ASCII"
            }
        let latin = (try? Transliteration.transliterator(chain).transliterate(text)) ?? text
        var folds = [Normalization.foldKey(latin)]
        if text.unicodeScalars.contains(where: { (0x0400...0x04FF).contains($0.value) }),
            let palladius = try? Transliteration.transliterator(PalladiusReverse.id).transliterate(text)
        {
            folds.append(Normalization.foldKey(palladius))
        }
        return folds
    }

    /// Letters and digits only: spaces, hyphens, apostrophes and ICU's prime marks (ʹ) go.
    public static func compact(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter(WordTokenizer.isTermScalar)))
    }

    private static func insert(_ value: String, _ kind: Kind, into keys: inout Set<Key>) {
        if !value.isEmpty { keys.insert(Key(kind: kind, value: value)) }
    }
}
