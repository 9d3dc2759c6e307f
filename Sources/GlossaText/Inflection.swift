/// What the inflected forms of a name share, word by word: the Snowball stem of each word
/// (`Путина`, `Путину` → `путин`; `Москвы` → `москв`; `Putin's` → `putin`), so that a form found
/// in a query or a text meets the dictionary form stored in the glossary.
///
/// Names that do not decline (`Шойгу`, `Токио`, `Ван И`) need nothing of their own: the query and
/// the term are stemmed alike, and the unchanged form matches exactly before any stem is tried.
public enum Inflection {
    /// Stems shorter than this say too little (`Си` → `си`): such words must match as written.
    public static let minimumStemLength = 3

    /// The comparison form of one word: folded, and stemmed when the stem keeps enough of it.
    public static func stem(_ word: String, with stemmer: Stemmer) -> String {
        let folded = fold(word)
        let stem = stemmer.stem(folded)
        return stem.unicodeScalars.count >= minimumStemLength ? stem : folded
    }

    /// The stems of each word of `text`.
    public static func stems(of text: String, with stemmer: Stemmer) -> [String] {
        NameWords.scan(text).map { stem($0.text, with: stemmer) }
    }

    /// Lower case, typographic apostrophes as ASCII ones (Snowball's English stemmer knows `'s`).
    public static func fold(_ word: String) -> String {
        var folded = Normalization.foldKey(word)
        if folded.unicodeScalars.contains(where: { $0 == "\u{2019}" || $0 == "\u{02BC}" }) {
            folded = String(String.UnicodeScalarView(folded.unicodeScalars.map { $0 == "\u{2019}" || $0 == "\u{02BC}" ? "'" : $0 }))
        }
        return folded
    }

    /// Whether `surface` (from a text or query) can be a grammatical form of the term word `word`,
    /// beyond sharing its stem: it must be the word itself, less an ending that declines
    /// (`Москв|а`, `Харбинск|ий`), plus an inflectional ending of the language (`Москв|ы`,
    /// `Харбинск|ого`, `Kremlin|'s`). This keeps out unrelated words with the same stem (`Лавры`,
    /// laurels, is no form of `Лавров`) and derived words (`Putinism`, `путинский`).
    public static func isForm(_ surface: String, of word: String, with stemmer: Stemmer) -> Bool {
        let surface = Array(fold(surface).unicodeScalars), word = Array(fold(word).unicodeScalars)
        if surface == word { return true }
        let endings = inflectionalEndings[stemmer.algorithm] ?? []
        func ends(after base: ArraySlice<Unicode.Scalar>) -> Bool {
            guard surface.starts(with: base) else { return false }
            return endings.contains(String(String.UnicodeScalarView(surface[base.count...])))
        }
        if ends(after: word[...]) { return true }
        let ending = String(String.UnicodeScalarView(word.suffix(2)))
        if word.count > 4, twoLetterEndings.contains(ending) { return ends(after: word.dropLast(2)) }
        if let last = word.last, decliningFinals.contains(last), word.count > 3 { return ends(after: word.dropLast()) }
        return false
    }

    /// Adjective endings (Russian, Ukrainian) that change as a whole.
    static let twoLetterEndings: Set<String> = ["ий", "ый", "ой", "ая", "яя", "ое", "ее", "ие", "ые", "ій"]
    /// Final letters that a declined form replaces: vowels, й and ь (`Москва`, `Китай`, `Кремль`, `Ukraine`).
    static let decliningFinals: Set<Unicode.Scalar> = Set("аеёиоуыэюяйьіїєaeiouy".unicodeScalars)

    /// The endings of case and number forms, by stemmer (Ukrainian is read with the Russian one).
    static let inflectionalEndings: [String: Set<String>] = [
        "russian": [
            "а", "я", "у", "ю", "ы", "и", "е", "о", "ь", "й", "ом", "ем", "ём", "ой", "ей", "ою", "ею", "ам", "ям", "ами", "ями",
            "ах", "ях", "ов", "ев", "ёв", "ого", "его", "ому", "ему", "ым", "им", "ых", "их", "ую", "юю", "ая", "яя", "ое", "ее",
            "ые", "ие", "ии", "ию", "ия", "ья", "ье", "ьи", "ью", "ьё", "і", "ї", "є", "ові", "еві", "ів",
        ],
        "english": ["s", "'s", "'", "es"],
        "german": ["s", "es", "e", "en", "n", "er", "ern", "ns"],
        "french": ["s", "x", "e", "es"],
        "spanish": ["s", "es"],
        "italian": ["i", "e"],
        "portuguese": ["s", "es"],
        "dutch": ["s", "en", "'s"],
        "swedish": ["s", "en", "et", "ar", "er", "na"],
        "serbian": ["а", "у", "ом", "е", "и", "ем", "a", "u", "om", "e", "i", "em"],
        "turkish": ["'da", "'de", "'ta", "'te", "'nin", "'nın", "'a", "'e", "'ya", "'ye", "'dan", "'den"],
    ]

    /// Words that stand before a name in running text and are not part of it: `в Пекине`,
    /// `the Kremlin's`, `im Kreml`. A query that starts with one is read without it.
    static let leadingFunctionWords: [String: Set<String>] = [
        "russian": [
            "в", "во", "на", "с", "со", "из", "к", "ко", "о", "об", "обо", "у", "до", "по", "за", "от", "для", "при",
            "под", "над", "перед", "через", "между", "и", "из-за", "около", "возле",
        ],
        "english": ["the", "in", "at", "to", "from", "of", "by", "with", "for", "and"],
        "german": ["der", "die", "das", "dem", "den", "des", "im", "in", "am", "vom", "zum", "zur", "nach", "aus", "mit", "von"],
        "french": ["le", "la", "les", "l", "du", "de", "des", "à", "au", "aux", "en", "d"],
    ]

    /// The query's words read with `stemmer`, leading function words dropped: nil when nothing is left.
    public static func queryWords(_ query: String, with stemmer: Stemmer) -> (surface: [NameWords.Word], stems: [String])? {
        var words = NameWords.scan(query)
        let skipped = leadingFunctionWords[stemmer.algorithm] ?? []
        while words.count > 1, skipped.contains(fold(words[0].text)) { words.removeFirst() }
        guard !words.isEmpty else { return nil }
        return (words, words.map { stem($0.text, with: stemmer) })
    }
}
