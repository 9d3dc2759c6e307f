import Synchronization

/// A named transliteration standard and the ICU transform that implements it.
public struct TransliterationScheme: Sendable, Codable, Hashable {
    /// What clients ask for: `bgn-pcgn`, `pinyin`, `palladius` ...
    public let name: String
    public let title: String
    /// Script or language of the input and output (BCP 47 style: `ru`, `Latn`, `zh-Hans`).
    public let from: String
    public let to: String
    /// The ICU transform id (compound ids separated by `;`).
    public let icu: String
}

/// The schemes Glossa offers, each a cached, thread-safe `Transliterator`.
public enum Transliteration {
    public static let schemes: [TransliterationScheme] = [
        TransliterationScheme(
            name: "bgn-pcgn", title: "Russian to Latin, BGN/PCGN 1947", from: "ru", to: "Latn",
            icu: "Russian-Latin/BGN"),
        TransliterationScheme(
            name: "icao", title: "Russian to Latin, ICAO Doc 9303 (passports)", from: "ru", to: "Latn",
            icu: RussianRomanization.icaoID),
        TransliterationScheme(
            name: "plain", title: "Russian to plain ASCII Latin, the English-language press style",
            from: "ru", to: "Latn", icu: RussianRomanization.plainID),
        TransliterationScheme(name: "iso9", title: "Cyrillic to Latin, ISO 9", from: "Cyrl", to: "Latn", icu: "Cyrillic-Latin"),
        TransliterationScheme(
            name: "pinyin", title: "Chinese to Hanyu Pinyin with tone marks", from: "zh", to: "Latn",
            icu: "Traditional-Simplified; Han-Latin"),
        TransliterationScheme(
            name: "pinyin-plain", title: "Chinese to Hanyu Pinyin without tones", from: "zh", to: "Latn",
            icu: "Traditional-Simplified; Han-Latin; Latin-ASCII"),
        TransliterationScheme(
            name: "pinyin-names", title: "Chinese person names to Pinyin (surname readings: 单 Shàn, 曾 Zēng)",
            from: "zh", to: "Latn", icu: "Traditional-Simplified; Han-Latin/Names"),
        TransliterationScheme(
            name: "palladius", title: "Chinese to Russian, Palladius system (长安 Чанъань)", from: "zh",
            to: "ru", icu: "Traditional-Simplified; Han-Latin/Names; zh_Latn_PINYIN-ru"),
        TransliterationScheme(
            name: "palladius-names", title: "Chinese person names to Russian, Palladius (习近平 Си Цзиньпин)",
            from: "zh", to: "ru", icu: "Traditional-Simplified; Han-Latin/Names; zh_Latn_PINYIN-ru"),
        TransliterationScheme(
            name: "palladius-pinyin", title: "Russian Palladius spelling of Chinese back to Pinyin",
            from: "ru", to: "Latn", icu: PalladiusReverse.id),
        TransliterationScheme(
            name: "gbt17693", title: "Russian to Chinese characters, GB/T 17693.4", from: "ru", to: "zh-Hans",
            icu: "ru-zh"),
        TransliterationScheme(name: "latin-cyrillic", title: "Latin to Cyrillic", from: "Latn", to: "Cyrl", icu: "Latin-Cyrillic"),
        TransliterationScheme(
            name: "traditional-simplified", title: "Traditional to Simplified Chinese", from: "zh-Hant",
            to: "zh-Hans", icu: "Traditional-Simplified"),
    ]

    private static let cache = Mutex<[String: Transliterator]>([:])

    /// Rule sets of our own, by the id they are known under.
    private static let ownRules: [String: String] = [
        PalladiusReverse.id: PalladiusReverse.rules,
        RussianRomanization.icaoID: RussianRomanization.rules(RussianRomanization.icao),
        RussianRomanization.plainID: RussianRomanization.rules(
            RussianRomanization.plain,
            contextual: RussianRomanization.plainContextual),
    ]

    /// Chinese-to-Latin and Chinese-to-Russian schemes spell the syllables of a word together.
    private static let hanWriting: [String: HanWriting] = [
        "pinyin": HanWriting(separator: .apostrophe, personName: false),
        "pinyin-plain": HanWriting(separator: .apostrophe, personName: false),
        "pinyin-names": HanWriting(separator: .apostrophe, personName: true),
        "palladius": HanWriting(separator: .hardSign, personName: false),
        "palladius-names": HanWriting(separator: .hardSign, personName: true),
    ]

    /// Latin text without accents or tone marks (`Pǔjīng` → `Pujing`).
    public static func toASCII(_ text: String) -> String {
        (try? transliterator("Latin-ASCII").transliterate(text)) ?? text
    }

    /// Simplified characters for a Chinese text (unchanged when it is Simplified already).
    public static func simplified(_ text: String) -> String {
        (try? transliterator("Traditional-Simplified").transliterate(text)) ?? text
    }

    /// `text` by the scheme of that name; nil for an unknown scheme, a failure or an empty result.
    public static func transliterate(_ text: String, schemeNamed name: String) -> String? {
        guard let scheme = scheme(named: name), let written = try? transliterate(text, scheme: scheme), !written.isEmpty else { return nil }
        return written
    }

    public static func scheme(named name: String) -> TransliterationScheme? {
        schemes.first { $0.name == name }
    }

    /// The transliterator of a scheme, or of an ICU transform id, created on first use.
    public static func transliterator(_ icuID: String) throws(TransliterationError) -> Transliterator {
        if let cached = cache.withLock({ $0[icuID] }) { return cached }
        let created = try Transliterator(id: icuID, rules: ownRules[icuID])
        return cache.withLock { cache in
            if let raced = cache[icuID] { return raced }
            cache[icuID] = created
            return created
        }
    }

    /// Transliterates `text` by a named scheme. ICU's `ru-zh` does not end a word at a line
    /// break, so a text of several lines is transliterated line by line.
    public static func transliterate(_ text: String, scheme: TransliterationScheme) throws(TransliterationError) -> String {
        let transliterator = try transliterator(scheme.icu)
        let writing = hanWriting[scheme.name]
        let line = { (line: String) in writing?.write(line, with: transliterator) ?? transliterator.transliterate(line) }
        guard text.contains(where: \.isNewline) else { return line(text) }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line(String($0)) }.joined(separator: "\n")
    }
}
