/// Latin spellings of Russian names back to Cyrillic (`Dostoevsky` → `Достоевский`, `Tomsk` →
/// `Томск`): rules of our own that undo BGN/PCGN, the press style and the older English and
/// German spellings, longest spelling first. Where a spelling has two readings the candidates come
/// best first (`Erevan`: `Эреван`, `Ереван`).
public enum RussianRomanizationReverse {
    /// Whether a Latin name looks like a romanized Russian one: a Russian surname or place-name
    /// ending, or a spelling that only romanized Russian uses.
    public static func looksRussian(_ name: String) -> Bool {
        let words = latinWords(name)
        guard !words.isEmpty else { return false }
        return words.contains { word in
            russianEndings.contains { word.count > $0.count + 1 && word.hasSuffix($0) }
                || russianSpellings.contains { word.contains($0) }
        }
    }

    static let russianEndings = [
        "ov", "ev", "yov", "ova", "eva", "in", "ina", "yn", "sky", "skiy", "skii", "skaya", "skoye", "aya", "enko", "ich",
        "vich", "sk", "oy", "iy", "ny", "grad", "gorod", "ets", "nyy", "niy", "iy", "yy", "ovo", "evo", "ino", "kin", "shin",
    ]
    static let russianSpellings = ["shch", "kh", "zh", "yu", "ya", "yo", "ye", "ts"]

    /// Cyrillic candidates for a Latin name, best first (at most `limit`).
    public static func candidates(_ name: String, limit: Int = 3) -> [String] {
        let words = latinWords(name)
        guard !words.isEmpty else { return [] }
        var results: [[String]] = [[]]
        for word in words {
            var distinct = Set<String>()
            let options = wordCandidates(word).filter { distinct.insert($0).inserted }
            guard !options.isEmpty else { return [] }
            // Only the first `limit` prefixes can reach the answer (each gives at least one distinct
            // name), so the product stays bounded instead of growing exponentially with the words.
            results = Array(results.lazy.flatMap { prefix in options.lazy.map { prefix + [$0] } }.prefix(limit))
        }
        var seen = Set<String>()
        return results.map { $0.map(capitalized).joined(separator: " ") }.filter { seen.insert($0).inserted }.prefix(limit).map { $0 }
    }

    static func latinWords(_ name: String) -> [String] {
        NameWords.scan(Transliteration.toASCII(name)).map { $0.text.lowercased() }
    }

    /// Spellings and their Cyrillic, longest first; word-final and word-initial ones apart.
    static let finals: [(String, [String])] = [
        ("skaya", ["ская"]), ("skiy", ["ский"]), ("skii", ["ский"]), ("sky", ["ский"]), ("ski", ["ский"]),
        ("tskiy", ["цкий"]), ("tsky", ["цкий"]), ("tsk", ["тск"]), ("iy", ["ий"]), ("yy", ["ый"]), ("ii", ["ий"]),
        ("nyy", ["ный"]), ("ny", ["ный", "ний"]), ("kiy", ["кий"]), ("ky", ["кий"]), ("oye", ["ое"]), ("aya", ["ая"]),
    ]
    static let initials: [(String, [String])] = [("ye", ["е"]), ("yo", ["ё"]), ("e", ["э", "е"])]
    static let spellings: [(String, [String])] = [
        ("shch", ["щ"]), ("sch", ["щ"]), ("tsch", ["ч"]), ("zh", ["ж"]), ("kh", ["х"]), ("ch", ["ч"]), ("sh", ["ш"]),
        ("ts", ["ц", "тс"]), ("tz", ["ц"]), ("ya", ["я"]), ("yu", ["ю"]), ("yo", ["ё"]), ("ye", ["е"]), ("ia", ["ия"]),
        ("'", ["ь"]), ("a", ["а"]), ("b", ["б"]), ("c", ["к"]), ("d", ["д"]), ("e", ["е"]), ("f", ["ф"]), ("g", ["г"]),
        ("h", ["х"]), ("i", ["и"]), ("j", ["й"]), ("k", ["к"]), ("l", ["л"]), ("m", ["м"]), ("n", ["н"]), ("o", ["о"]),
        ("p", ["п"]), ("q", ["к"]), ("r", ["р"]), ("s", ["с"]), ("t", ["т"]), ("u", ["у"]), ("v", ["в"]), ("w", ["в"]),
        ("x", ["кс"]), ("z", ["з"]),
    ]
    static let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y"]

    /// The Cyrillic readings of one word, best first (the first reading of every spelling, then
    /// each second reading alone).
    static func wordCandidates(_ word: String) -> [String] {
        let letters = Array(word)
        var pieces: [[String]] = []
        var index = 0
        while index < letters.count {
            let rest = String(letters[index...])
            if index > 0, let (latin, cyrillic) = finals.first(where: { rest == $0.0 }) {
                pieces.append(cyrillic)
                index += latin.count
                continue
            }
            if index == 0, let (latin, cyrillic) = initials.first(where: { rest.hasPrefix($0.0) }) {
                pieces.append(cyrillic)
                index += latin.count
                continue
            }
            if letters[index] == "y" {
                // After a vowel y is й (Shoygu, Tolstoy); after a consonant, ы (Bykov).
                let afterVowel = index > 0 && vowels.contains(letters[index - 1])
                pieces.append(afterVowel ? ["й"] : ["ы", "и"])
                index += 1
                continue
            }
            guard let (latin, cyrillic) = spellings.first(where: { rest.hasPrefix($0.0) }) else {
                // Digits and letters no rule knows are kept.
                pieces.append([String(letters[index])])
                index += 1
                continue
            }
            pieces.append(cyrillic)
            index += latin.count
        }
        var candidates = [pieces.map { $0[0] }.joined()]
        for (position, options) in pieces.enumerated() where options.count > 1 {
            for option in options.dropFirst() {
                var variant = pieces.map { $0[0] }
                variant[position] = option
                candidates.append(variant.joined())
            }
        }
        return candidates
    }

    static func capitalized(_ word: String) -> String {
        word.prefix(1).uppercased() + word.dropFirst()
    }
}
