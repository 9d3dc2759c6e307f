/// Russian Palladius spellings of Chinese syllables back to Hanyu Pinyin (Си Цзиньпин -> si
/// cjin'pin would be BGN; this gives xijinping). ICU has Chinese -> Palladius (`zh_Latn_PINYIN-ru`)
/// but not the reverse, so the rules are generated here from the syllable table: every pinyin
/// syllable spelled the Palladius way, longest spellings first (ICU tries rules in order).
enum PalladiusReverse {
    /// Our name for the rule set (ICU ids of custom rules are free-form).
    static let id = "Glossa-Palladius-Pinyin"

    static let initials: [(pinyin: String, palladius: String)] = [
        ("", ""), ("b", "б"), ("p", "п"), ("m", "м"), ("f", "ф"), ("d", "д"), ("t", "т"), ("n", "н"), ("l", "л"),
        ("g", "г"), ("k", "к"), ("h", "х"), ("j", "цз"), ("q", "ц"), ("x", "с"),
        ("zh", "чж"), ("ch", "ч"), ("sh", "ш"), ("r", "ж"), ("z", "цз"), ("c", "ц"), ("s", "с"),
    ]

    /// Finals after a consonant, and their spelling without an initial (pinyin y-/w- syllables).
    static let finals: [(pinyin: String, palladius: String, alone: String?)] = [
        ("a", "а", "а"), ("o", "о", "о"), ("e", "э", "э"), ("ai", "ай", "ай"), ("ei", "эй", "эй"), ("ao", "ао", "ао"),
        ("ou", "оу", "оу"), ("an", "ань", "ань"), ("en", "энь", "энь"), ("ang", "ан", "ан"), ("eng", "эн", "эн"),
        ("er", "эр", "эр"), ("ong", "ун", nil),
        ("i", "и", "и"), ("ia", "я", "я"), ("ie", "е", "е"), ("iao", "яо", "яо"), ("iu", "ю", "ю"), ("ian", "янь", "янь"),
        ("in", "инь", "инь"), ("iang", "ян", "ян"), ("ing", "ин", "ин"), ("iong", "юн", "юн"),
        ("u", "у", "у"), ("ua", "уа", "ва"), ("uo", "о", "во"), ("uai", "уай", "вай"), ("ui", "уй", "вэй"),
        ("uan", "уань", "вань"), ("un", "унь", "вэнь"), ("uang", "уан", "ван"), ("ueng", "ун", "вэн"),
        ("ü", "юй", "юй"), ("üe", "юэ", "юэ"), ("üan", "юань", "юань"), ("ün", "юнь", "юнь"),
    ]

    static func syllables() -> [(palladius: String, pinyin: String)] {
        var result: [(String, String)] = []
        for initial in initials {
            for final in finals {
                let palatal = final.pinyin.hasPrefix("i") || final.pinyin.hasPrefix("ü")
                // j, q, x only before i and ü; z, c, s, zh, ch, sh, r never before them.
                if ["j", "q", "x"].contains(initial.pinyin) && !palatal { continue }
                if ["z", "c", "s", "zh", "ch", "sh", "r"].contains(initial.pinyin) && palatal && final.pinyin != "i" { continue }
                var pinyin = initial.pinyin + final.pinyin
                var palladius: String
                if initial.pinyin.isEmpty {
                    guard let alone = final.alone else { continue }
                    palladius = alone
                    pinyin = zeroInitialPinyin(final.pinyin)
                } else if final.pinyin == "i", ["z", "c", "s"].contains(initial.pinyin) {
                    palladius = initial.palladius + "ы"  // цзы zi, цы ci, сы si
                } else if final.pinyin == "o", !["b", "p", "m", "f"].contains(initial.pinyin) {
                    continue  // до is duo, not do
                } else {
                    palladius = initial.palladius + final.palladius
                }
                if ["j", "q", "x"].contains(initial.pinyin) { pinyin = pinyin.replacingÜ() }
                result.append((palladius, pinyin.replacingÜ(with: "v")))
            }
        }
        return result
    }

    static func zeroInitialPinyin(_ final: String) -> String {
        switch final {
        case "i": "yi"
        case "in": "yin"
        case "ing": "ying"
        case "u": "wu"
        case "ü": "yu"
        case "üe": "yue"
        case "üan": "yuan"
        case "ün": "yun"
        case "iu": "you"
        case "iong": "yong"
        case _ where final.hasPrefix("i"): "y" + final.dropFirst()
        case "ui": "wei"
        case "un": "wen"
        case "ueng": "weng"
        case _ where final.hasPrefix("u"): "w" + final.dropFirst()
        default: final
        }
    }

    /// ICU rules: lower-case first, then syllables longest first; ъ separates syllables.
    static var rules: String {
        var seen = Set<String>()
        let ordered = syllables()
            .filter { seen.insert($0.palladius).inserted }
            .sorted { ($0.palladius.count, $0.palladius) > ($1.palladius.count, $1.palladius) }
        var rules = ":: Any-Lower ;\n"
        for (palladius, pinyin) in ordered { rules += "\(palladius) > \(pinyin) ;\n" }
        rules += "ъ > ;\nь > ;\n"
        return rules
    }
}

private extension String {
    /// After j, q, x the ü of pinyin is written u; elsewhere (nü, lü) kept, here as v.
    func replacingÜ(with replacement: String = "u") -> String {
        String(map { $0 == "ü" ? Character(replacement) : $0 }.map(String.init).joined())
    }
}
