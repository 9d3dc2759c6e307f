/// Russian romanizations ICU does not ship, as ICU rules generated from their letter tables.
enum RussianRomanization {
    /// ICAO Doc 9303 (machine-readable passports, used by Russian passports since 2013).
    static let icaoID = "Glossa-Russian-Latin/ICAO"
    static let icao: [(String, String)] = [
        ("а", "a"), ("б", "b"), ("в", "v"), ("г", "g"), ("д", "d"), ("е", "e"), ("ё", "e"), ("ж", "zh"), ("з", "z"),
        ("и", "i"), ("й", "i"), ("к", "k"), ("л", "l"), ("м", "m"), ("н", "n"), ("о", "o"), ("п", "p"), ("р", "r"),
        ("с", "s"), ("т", "t"), ("у", "u"), ("ф", "f"), ("х", "kh"), ("ц", "ts"), ("ч", "ch"), ("ш", "sh"),
        ("щ", "shch"), ("ъ", "ie"), ("ы", "y"), ("ь", ""), ("э", "e"), ("ю", "iu"), ("я", "ia"),
    ]

    /// The plain-ASCII style of English-language press and Wikipedia: ye at a word's start and
    /// after vowels, -iy/-yy endings as -y, no marks for ъ and ь.
    static let plainID = "Glossa-Russian-Latin/Plain"
    static let plainContextual: [(String, String)] = [
        ("ий } [^[:L:]]", "y"), ("ый } [^[:L:]]", "y"),
        // Contexts before the cursor see the Latin already written.
        ("[^[:L:]] { е", "ye"), ("[aeiouy] { е", "ye"), ("ъе", "ye"), ("ье", "ye"), ("ъё", "yo"), ("ьё", "yo"),
    ]
    static let plain: [(String, String)] = [
        ("а", "a"), ("б", "b"), ("в", "v"), ("г", "g"), ("д", "d"), ("е", "e"), ("ё", "yo"), ("ж", "zh"), ("з", "z"),
        ("и", "i"), ("й", "y"), ("к", "k"), ("л", "l"), ("м", "m"), ("н", "n"), ("о", "o"), ("п", "p"), ("р", "r"),
        ("с", "s"), ("т", "t"), ("у", "u"), ("ф", "f"), ("х", "kh"), ("ц", "ts"), ("ч", "ch"), ("ш", "sh"),
        ("щ", "shch"), ("ъ", ""), ("ы", "y"), ("ь", ""), ("э", "e"), ("ю", "yu"), ("я", "ya"),
    ]

    /// Rules for a letter table: lower case as given, capitals with a capital first letter
    /// (Ж -> Zh), contextual rules first because ICU applies the first rule that matches.
    static func rules(_ table: [(String, String)], contextual: [(String, String)] = []) -> String {
        var rules = ""
        for (pattern, latin) in contextual {
            rules += "\(pattern) > \(quoted(latin)) ;\n"
            rules += "\(pattern.uppercased().replacingBracketsFrom(pattern)) > \(quoted(capitalized(latin))) ;\n"
        }
        for (cyrillic, latin) in table {
            rules += "\(cyrillic) > \(quoted(latin)) ;\n"
            rules += "\(cyrillic.uppercased()) > \(quoted(capitalized(latin))) ;\n"
        }
        return rules
    }

    static func capitalized(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst()
    }

    /// ICU reads '' as a quote mark: an empty replacement is written as nothing.
    static func quoted(_ text: String) -> String { text }
}

private extension String {
    /// Upper-cases the letters to be replaced but keeps ICU set syntax ([:L:], $) as it was.
    func replacingBracketsFrom(_ original: String) -> String {
        var result = ""
        var inSet = 0
        for character in original {
            if character == "[" { inSet += 1 }
            result += inSet > 0 ? String(character) : character.uppercased()
            if character == "]" { inSet -= 1 }
        }
        return result
    }
}
