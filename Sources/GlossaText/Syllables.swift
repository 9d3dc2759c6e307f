/// Whole words read as Chinese syllables: Hanyu Pinyin (`Wuhan`, `Li Bai`, `Xi'an`) and its
/// Russian Palladius spelling (`Ухань`, `Ли Бай`), from the syllable table of `PalladiusReverse`.
public enum ChineseSyllables {
    /// Pinyin syllables without tones (`ü` written `v`) and their Palladius spelling.
    static let pinyinToPalladius: [String: String] = {
        var table: [String: String] = [:]
        for (palladius, pinyin) in PalladiusReverse.syllables() where table[pinyin] == nil { table[pinyin] = palladius }
        // Pinyin writes ü as u after j, q, x and y; after n and l, typed text often has u or v.
        return table
    }()

    static let palladiusSyllables: Set<String> = Set(PalladiusReverse.syllables().map(\.palladius))
    static let longestPinyin = pinyinToPalladius.keys.map(\.count).max() ?? 6
    static let longestPalladius = palladiusSyllables.map(\.count).max() ?? 6

    /// The pinyin syllables of one word (tone marks already removed, lower case), or nil when it
    /// is not a whole run of them. Fewest syllables first: `xian` is one syllable; `xi'an` two.
    public static func pinyin(_ word: String) -> [String]? {
        var syllables: [String] = []
        for part in word.split(whereSeparator: { $0 == "'" || $0 == "’" }) {
            guard let parsed = segment(Array(part), longest: longestPinyin, isSyllable: { pinyinToPalladius[$0] != nil }) else { return nil }
            syllables += parsed
        }
        return syllables.isEmpty ? nil : syllables
    }

    /// The Palladius syllables of one lower-case Cyrillic word (ъ only separates), or nil.
    public static func palladius(_ word: String) -> [String]? {
        var syllables: [String] = []
        for part in word.split(separator: "ъ") {
            guard let parsed = segment(Array(part), longest: longestPalladius, isSyllable: { palladiusSyllables.contains($0) }) else { return nil }
            syllables += parsed
        }
        return syllables.isEmpty ? nil : syllables
    }

    /// Pinyin syllables written the Palladius way, as one word: ъ after -н before a vowel.
    public static func palladiusWord(_ syllables: [String]) -> String? {
        var word = ""
        for syllable in syllables {
            guard let spelled = pinyinToPalladius[syllable] else { return nil }
            if word.hasSuffix("н"), let first = spelled.first, "аоуэеёюяи".contains(first) { word += "ъ" }
            word += spelled
        }
        return word
    }

    /// Splits `letters` into syllables, longest first with backtracking; nil when it cannot.
    private static func segment(_ letters: [Character], longest: Int, isSyllable: (String) -> Bool) -> [String]? {
        // best[i]: a segmentation of letters[i...] with the fewest syllables.
        var best = [[String]?](repeating: nil, count: letters.count + 1)
        best[letters.count] = []
        for start in stride(from: letters.count - 1, through: 0, by: -1) {
            for length in stride(from: min(longest, letters.count - start), through: 1, by: -1) {
                let candidate = String(letters[start..<start + length])
                guard isSyllable(candidate), let rest = best[start + length] else { continue }
                if best[start] == nil || rest.count + 1 < best[start]!.count { best[start] = [candidate] + rest }
            }
        }
        return best[0]
    }
}
