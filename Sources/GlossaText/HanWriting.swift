/// How Chinese is written out after a transliteration. ICU's Han-Latin reads character by
/// character and puts a space after every syllable (长安 → cháng ān), but pinyin and Palladius
/// spell the syllables of a word together, marking where a syllable starting with a vowel would
/// run into the previous one (Cháng'ān, Чанъань), and write a person's given name as one word
/// after the surname (Xí Jìnpíng, Си Цзиньпин). Words come from ICU's dictionary segmentation.
struct HanWriting: Sendable {
    enum Separator: Sendable {
        /// Pinyin: an apostrophe before a syllable starting with a, o or e (Xī'ān, Tiān'ānmén).
        case apostrophe
        /// Palladius: ъ after a syllable ending in -н (pinyin -ng) before a vowel (Чанъань, Цзянъинь);
        /// after -нь (pinyin -n) the soft sign already separates them (Яньань).
        case hardSign
    }

    let separator: Separator
    /// Person names: surname apart from the given name, each capitalized.
    let personName: Bool

    func write(_ text: String, with transliterator: Transliterator) -> String {
        // A foreign name written in Chinese (弗拉基米尔·普京) has no surname first: each part is one word.
        let chineseName = personName && !text.contains("·") && !text.contains("•")
        var output = ""
        for run in Self.runs(of: text) {
            let written: String
            if run.isHan {
                let words: [String]
                if !personName {
                    words = WordTokenizer.words(run.text)
                } else if chineseName, let parts = Self.surnameAndGivenName(run.text) {
                    words = parts
                } else {
                    words = [run.text]
                }
                written = words.map { word in
                    let joined = join(transliterator.transliterate(word).split(separator: " "))
                    return personName ? Self.capitalized(joined) : joined
                }.joined(separator: " ")
            } else {
                written = transliterator.transliterate(run.text)
            }
            // Keep a Han word apart from a Latin or Cyrillic word it was written against (G20峰会).
            if let last = output.unicodeScalars.last, let first = written.unicodeScalars.first,
                last.properties.isAlphabetic || last.properties.numericType != nil,
                first.properties.isAlphabetic || first.properties.numericType != nil
            {
                output += " "
            }
            output += written
        }
        return output
    }

    private func join(_ syllables: [Substring]) -> String {
        var word = ""
        for syllable in syllables {
            if !word.isEmpty, let first = syllable.first?.lowercased() {
                switch separator {
                case .apostrophe where Self.pinyinVowels.contains(first):
                    word += "'"
                case .hardSign where word.lowercased().hasSuffix("н") && Self.palladiusVowels.contains(first):
                    word += "ъ"
                default: break
                }
            }
            word += syllable
        }
        return word
    }

    private static let pinyinVowels: Set<String> = Set("aāáǎàoōóǒòeēéěè".map(String.init))
    private static let palladiusVowels: Set<String> = Set("аоуэеёюяи".map(String.init))

    /// Two-character surnames; every other Chinese surname is one character.
    private static let compoundSurnames: Set<String> = [
        "欧阳", "司马", "诸葛", "上官", "司徒", "东方", "独孤", "南宫", "夏侯", "皇甫", "尉迟", "公孙", "令狐",
        "钟离", "宇文", "长孙", "慕容", "轩辕", "端木", "申屠", "澹台", "淳于", "司空", "呼延", "歐陽", "司馬",
        "諸葛", "東方", "獨孤", "南宮", "尉遲", "公孫", "鍾離", "長孫", "軒轅",
    ]

    /// 习近平 → 习 / 近平, 欧阳修 → 欧阳 / 修; nil when the text is not shaped like a Chinese name.
    static func surnameAndGivenName(_ name: String) -> [String]? {
        let characters = Array(name)
        guard (2...4).contains(characters.count) else { return nil }
        let surnameLength = characters.count > 2 && compoundSurnames.contains(String(characters[..<2])) ? 2 : 1
        return [String(characters[..<surnameLength]), String(characters[surnameLength...])]
    }

    static func capitalized(_ word: String) -> String {
        word.prefix(1).uppercased() + word.dropFirst()
    }

    struct Run {
        var text: String
        var isHan: Bool
    }

    /// The text cut into runs of Han characters and runs of everything else.
    static func runs(of text: String) -> [Run] {
        var runs: [Run] = []
        for character in text {
            let isHan = character.unicodeScalars.first.map(isHanScalar) ?? false
            if runs.last?.isHan == isHan {
                runs[runs.count - 1].text.append(character)
            } else {
                runs.append(Run(text: String(character), isHan: isHan))
            }
        }
        return runs
    }

    static func isHanScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3007, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF: true
        default: false
        }
    }
}
