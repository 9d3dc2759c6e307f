/// A name written in another script by a named standard: never an attested form.
public struct TransliteratedName: Sendable, Codable, Hashable {
    public let text: String
    public let language: String
    /// Always false: a transliteration is not a glossary term.
    public let attested: Bool
    /// The standard that wrote `text` (the last step of `chain`).
    public let scheme: String
    /// Every step from the input to `text`: `["pinyin-syllables", "palladius"]`.
    public let chain: [String]
    /// How likely this is the form the press uses, from 0 to 1 (see `NameTransliteration`).
    public let confidence: Double
    /// How the input was read: `word`, `person-name`, `pinyin`, `palladius`, `russian`.
    public let reading: String
}

/// A language asked for that no standard writes this name in, and why.
public struct TransliterationGap: Sendable, Codable, Hashable {
    public let language: String
    public let reason: String
}

/// Everything that can honestly be said about a name the glossary lacks.
public struct NameTransliterations: Sendable, Codable {
    /// How the input was read: `han`, `cyrillic`, `latin-pinyin`, `latin-russian`, `latin`, `mixed`,
    /// `unsupported-script`, `no-letters`.
    public let input: String
    /// Best first within each language.
    public let forms: [TransliteratedName]
    public let unavailable: [TransliterationGap]

    public var isEmpty: Bool { forms.isEmpty }
}

/// Transliteration of a name with no glossary entry into the languages asked for. The chain of
/// standards depends on the input's script and, for Latin input, on which romanization it reads as:
///
/// | input | Latin (en, de, ...) | Russian | Chinese |
/// |---|---|---|---|
/// | Chinese characters | pinyin (word and person-name readings) | Palladius | — |
/// | Cyrillic | BGN/PCGN, press style; pinyin when it reads as Palladius | — | GB/T 17693 |
/// | Latin pinyin (`Wuhan`) | — | Palladius | none: pinyin does not fix the characters |
/// | Latin, romanized Russian (`Tomsk`) | — | reversed romanization | reversed, then GB/T 17693 |
/// | other Latin | — | letter by letter (low confidence) | none |
///
/// Confidence: 0.9 for a single standard reading of an unambiguous input, lower for each guess the
/// chain makes (the reading of the input, the reversal of a romanization, a second candidate).
public enum NameTransliteration {
    enum Script: Equatable { case han, cyrillic, latin, other(String) }

    static let unsupportedScripts: [(ClosedRange<UInt32>, String)] = [
        (0x0370...0x03FF, "Greek"), (0x0530...0x058F, "Armenian"), (0x0590...0x05FF, "Hebrew"), (0x0600...0x06FF, "Arabic"),
        (0x0750...0x077F, "Arabic"), (0x0900...0x097F, "Devanagari"), (0x0E00...0x0E7F, "Thai"), (0x10A0...0x10FF, "Georgian"),
        (0x1100...0x11FF, "Hangul"), (0x3040...0x30FF, "Japanese kana"), (0xAC00...0xD7AF, "Hangul"),
    ]

    static func script(of scalar: Unicode.Scalar) -> Script? {
        guard scalar.properties.isAlphabetic else { return nil }
        if HanWriting.isHanScalar(scalar) { return .han }
        if (0x0400...0x04FF).contains(scalar.value) { return .cyrillic }
        if scalar.value < 0x250 || (0x1E00...0x1EFF).contains(scalar.value) { return .latin }
        if let (_, name) = unsupportedScripts.first(where: { $0.0.contains(scalar.value) }) { return .other(name) }
        return .other("this")
    }

    public static func transliterate(_ name: String, into languages: [LanguageTag]) -> NameTransliterations {
        let name = Normalization.nfc(name)
        var scripts: [Script] = []
        for scalar in name.unicodeScalars {
            if let script = script(of: scalar), !scripts.contains(script) { scripts.append(script) }
        }
        let gap = { (reason: String) in languages.map { TransliterationGap(language: $0.canonical, reason: reason) } }
        guard let script = scripts.first else {
            return NameTransliterations(input: "no-letters", forms: [], unavailable: gap("the text holds no letters to transliterate"))
        }
        guard scripts.count == 1 else {
            return NameTransliterations(
                input: "mixed", forms: [],
                unavailable: gap(
                    "the name mixes scripts; no standard transliterates a mixture: type it in one script"))
        }
        var builder = Builder(languages: languages)
        let input: String
        switch script {
        case .han:
            input = "han"
            fromHan(name, into: &builder)
        case .cyrillic:
            input = "cyrillic"
            fromCyrillic(name, into: &builder)
        case .latin:
            input = fromLatin(name, into: &builder)
        case .other(let scriptName):
            return NameTransliterations(
                input: "unsupported-script", forms: [],
                unavailable: gap(
                    "no transliteration standard for the \(scriptName) script is offered"))
        }
        return builder.result(input: input)
    }

    /// Collects forms per kind of target language, and says why a language got none.
    struct Builder {
        let languages: [LanguageTag]
        var forms: [TransliteratedName] = []
        var reasons: [Target: String] = [:]

        enum Target { case latin, russian, chinese, other }

        static func target(_ language: LanguageTag) -> Target {
            if language.fallbackGroup.hasSuffix("-Latn") { return .latin }
            if language.language == "ru" { return .russian }
            if language.language == "zh" { return .chinese }
            return .other
        }

        mutating func add(_ target: Target, _ text: String, scheme: String, chain: [String], confidence: Double, reading: String) {
            for language in languages where Self.target(language) == target {
                var written = text
                if target == .chinese, language.fallbackGroup == "zh-Hant",
                    let traditional = try? Transliteration.transliterator("Simplified-Traditional")
                {
                    written = traditional.transliterate(text)
                }
                let form = TransliteratedName(
                    text: written, language: language.canonical, attested: false, scheme: scheme,
                    chain: chain, confidence: (max(0, min(1, confidence)) * 100).rounded() / 100, reading: reading)
                if !forms.contains(where: { $0.language == form.language && $0.text == form.text }) { forms.append(form) }
            }
        }

        mutating func none(_ target: Target, because reason: String) {
            reasons[target] = reason
        }

        func result(input: String) -> NameTransliterations {
            var ordered: [TransliteratedName] = []
            for language in languages {
                ordered += forms.filter { $0.language == language.canonical }.sorted { $0.confidence > $1.confidence }
            }
            let gaps = languages.filter { language in !forms.contains { $0.language == language.canonical } }.map { language in
                let target = Self.target(language)
                let reason =
                    reasons[target]
                    ?? (target == .other
                        ? "no transliteration standard into \(language.canonical) is offered"
                        : "the name is already written in this script")
                return TransliterationGap(language: language.canonical, reason: reason)
            }
            return NameTransliterations(input: input, forms: ordered, unavailable: gaps)
        }
    }

    // MARK: Chinese characters

    static func fromHan(_ name: String, into builder: inout Builder) {
        let characters = name.filter { $0.unicodeScalars.first.map(HanWriting.isHanScalar) ?? false }
        // A surname and a given name of one or two characters, not one dictionary word: read as a person first.
        let personShaped =
            HanWriting.surnameAndGivenName(characters) != nil && characters.count <= 3
            && commonSurnames.contains(String(characters.prefix(1)))
            && WordTokenizer.words(characters).count != 1
        let (person, word) = personShaped ? (0.7, 0.5) : (0.4, 0.7)
        for (scheme, reading, confidence) in [("pinyin", "word", word), ("pinyin-names", "person-name", person)] {
            guard let spelled = Transliteration.transliterate(name, schemeNamed: scheme) else { continue }
            let plain = capitalizingWords(Transliteration.toASCII(spelled))
            builder.add(.latin, plain, scheme: scheme, chain: [scheme, "without tone marks"], confidence: confidence, reading: reading)
        }
        for (scheme, reading, confidence) in [("palladius", "word", word), ("palladius-names", "person-name", person)] {
            guard let spelled = Transliteration.transliterate(name, schemeNamed: scheme) else { continue }
            builder.add(.russian, capitalizingWords(spelled), scheme: scheme, chain: [scheme], confidence: confidence, reading: reading)
        }
        let simplified = Transliteration.simplified(name)
        if simplified != name {
            builder.add(
                .chinese, simplified, scheme: "traditional-simplified",
                chain: ["traditional-simplified"], confidence: 0.9, reading: "word")
        }
        builder.none(.chinese, because: "the name is already written in Chinese characters")
    }

    /// The most frequent Chinese surnames: a two- or three-character text starting with one reads as a name.
    static let commonSurnames: Set<String> = Set(
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤鲁"
            .map(String.init))

    // MARK: Cyrillic

    static func fromCyrillic(_ name: String, into builder: inout Builder) {
        let words = NameWords.scan(name.lowercased()).map(\.text)
        let palladius = !words.isEmpty && words.allSatisfy { ChineseSyllables.palladius($0) != nil }
        let russian = !palladius || RussianRomanizationReverse.looksRussian(Transliteration.transliterate(name, schemeNamed: "bgn-pcgn") ?? "")
        if palladius, let pinyin = Transliteration.transliterate(name, schemeNamed: "palladius-pinyin") {
            builder.add(
                .latin, capitalizingWords(pinyin), scheme: "palladius-pinyin", chain: ["palladius-pinyin"],
                confidence: russian ? 0.5 : 0.8, reading: "palladius")
        }
        for (scheme, confidence) in [("bgn-pcgn", 0.8), ("plain", 0.75)] {
            guard let latin = Transliteration.transliterate(name, schemeNamed: scheme) else { continue }
            builder.add(.latin, latin, scheme: scheme, chain: [scheme], confidence: russian ? confidence : confidence - 0.4, reading: "russian")
        }
        if russian, let han = Transliteration.transliterate(name, schemeNamed: "gbt17693") {
            builder.add(.chinese, han, scheme: "gbt17693", chain: ["gbt17693"], confidence: palladius ? 0.4 : 0.7, reading: "russian")
        } else {
            builder.none(.chinese, because: "the name reads as a Chinese name in Palladius spelling; pinyin does not determine its characters")
        }
    }

    // MARK: Latin

    static func fromLatin(_ name: String, into builder: inout Builder) -> String {
        let ascii = Transliteration.toASCII(name)
        let words = NameWords.scan(ascii.lowercased()).map(\.text)
        let syllables = words.map(ChineseSyllables.pinyin)
        let toneMarked =
            name.unicodeScalars.contains { (0x0300...0x036F).contains($0.value) }
            || Normalization.nfc(name) != ascii && name.unicodeScalars.contains { "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ".unicodeScalars.contains($0) }
        let pinyin = !words.isEmpty && syllables.allSatisfy { $0 != nil }
        let russian = RussianRomanizationReverse.looksRussian(ascii)
        if pinyin {
            let written = syllables.compactMap { $0.flatMap(ChineseSyllables.palladiusWord) }
            if written.count == words.count {
                builder.add(
                    .russian, capitalizingWords(written.joined(separator: " ")), scheme: "palladius",
                    chain: ["pinyin-syllables", "palladius"], confidence: toneMarked ? 0.9 : (russian ? 0.6 : 0.8), reading: "pinyin")
            }
        }
        if russian {
            for (rank, cyrillic) in RussianRomanizationReverse.candidates(ascii).enumerated() {
                let confidence = (pinyin ? 0.5 : 0.7) - 0.15 * Double(rank)
                builder.add(
                    .russian, cyrillic, scheme: "reverse-romanization", chain: ["reverse-romanization"],
                    confidence: confidence, reading: "russian")
                if rank == 0, let han = Transliteration.transliterate(cyrillic, schemeNamed: "gbt17693") {
                    builder.add(
                        .chinese, han, scheme: "gbt17693", chain: ["reverse-romanization", "gbt17693"],
                        confidence: confidence - 0.2, reading: "russian")
                }
            }
        }
        if pinyin && !russian {
            builder.none(.chinese, because: "the name reads as pinyin, and pinyin does not determine the Chinese characters")
        } else if !russian {
            builder.none(.chinese, because: "no standard writes a Latin name that is neither pinyin nor romanized Russian in Chinese characters")
        }
        if !pinyin && !russian, let cyrillic = Transliteration.transliterate(name, schemeNamed: "latin-cyrillic") {
            builder.add(
                .russian, capitalizingWords(cyrillic), scheme: "latin-cyrillic", chain: ["latin-cyrillic"], confidence: 0.2,
                reading: "letters")
        }
        builder.none(.latin, because: "the name is already written in Latin letters")
        return pinyin ? "latin-pinyin" : russian ? "latin-russian" : "latin"
    }

    // MARK: Helpers

    /// A name is capitalized however the scheme writes running text (长安 → Чанъань, not чанъань).
    public static func capitalizingWords(_ text: String) -> String {
        text.split(separator: " ", omittingEmptySubsequences: false)
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined(separator: " ")
    }
}
