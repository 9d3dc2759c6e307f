import GlossaText
import Testing

/// Names with no glossary entry: the chains of standards by input script and romanization.
@Suite struct NameTransliterationTests {
    let core = ["en", "ru", "zh-CN"].map { try! LanguageTag($0) }

    func forms(_ name: String, _ language: String) -> [String] {
        NameTransliteration.transliterate(name, into: core).forms.filter { $0.language == language }.map(\.text)
    }

    @Test func pinyinTypedInLatinIsWrittenInPalladius() {
        let answer = NameTransliteration.transliterate("Wuhan", into: core)
        #expect(answer.input == "latin-pinyin")
        #expect(forms("Wuhan", "ru").first == "Ухань")
        #expect(forms("Hangzhou", "ru").first == "Ханчжоу")
        #expect(forms("Li Bai", "ru").first == "Ли Бай")
        #expect(forms("Xi'an", "ru").first == "Сиань")
        #expect(forms("Chang'an", "ru").first == "Чанъань")
        let chinese = answer.unavailable.first { $0.language == "zh-CN" }
        #expect(chinese?.reason.contains("pinyin does not determine") == true)
        #expect(answer.forms.allSatisfy { !$0.attested })
        #expect(answer.forms.first?.chain == ["pinyin-syllables", "palladius"])
    }

    @Test func chineseCharactersGetPinyinAndPalladiusReadings() {
        #expect(forms("武汉", "en").contains("Wuhan"))
        #expect(forms("武汉", "ru").contains("Ухань"))
        #expect(forms("鲁迅", "en").contains("Lu Xun"))
        #expect(forms("鲁迅", "ru").contains("Лу Сюнь"))
        let answer = NameTransliteration.transliterate("鲁迅", into: core)
        #expect(Set(answer.forms.map(\.reading)) == ["word", "person-name"])
        #expect(answer.unavailable.map(\.language) == ["zh-CN"])
    }

    @Test func palladiusSpellingIsReadBackAsPinyin() {
        #expect(forms("Ухань", "en").contains("Wuhan"))
        #expect(forms("Лу Синь", "en").first == "Lu Xin")
        // Pinyin does not determine the characters: no GB/T 17693 for a Chinese name in Cyrillic.
        #expect(forms("Лу Синь", "zh-CN").isEmpty)
    }

    @Test func russianNamesGetBGNThePressFormAndGBT17693() {
        let answer = NameTransliteration.transliterate("Достоевский", into: core)
        #expect(answer.input == "cyrillic")
        #expect(forms("Достоевский", "en").prefix(2) == ["Dostoyevskiy", "Dostoyevsky"])
        #expect(!forms("Достоевский", "zh-CN").isEmpty)
        #expect(answer.forms.first { $0.language == "zh-CN" }?.scheme == "gbt17693")
    }

    @Test func romanizedRussianNamesAreReversedToCyrillicThenToChinese() {
        #expect(forms("Dostoevsky", "ru").first == "Достоевский")
        #expect(forms("Tomsk", "ru").first == "Томск")
        #expect(forms("Yekaterinburg", "ru").first == "Екатеринбург")
        #expect(forms("Tolstoy", "ru").first == "Толстой")
        #expect(forms("Irkutsk", "ru").first == "Иркутск")
        let answer = NameTransliteration.transliterate("Dostoevsky", into: core)
        #expect(answer.input == "latin-russian")
        #expect(answer.forms.first { $0.language == "zh-CN" }?.chain == ["reverse-romanization", "gbt17693"])
    }

    @Test func noStandardIsClaimedWhereNoneApplies() {
        let answer = NameTransliteration.transliterate("Smith", into: core)
        #expect(answer.input == "latin")
        #expect(answer.unavailable.contains { $0.language == "zh-CN" && $0.reason.contains("no standard") })
        #expect(answer.forms.filter { $0.language == "ru" }.allSatisfy { $0.confidence <= 0.2 && $0.scheme == "latin-cyrillic" })
    }

    @Test(arguments: ["محمد", "თბილისი", "Putin Путин", "🙂🙂", "   ", "Pu\u{200D}tin\u{0301}", "שלום"])
    func hostileOrUnsupportedInputSaysWhyInsteadOfGuessing(name: String) {
        let answer = NameTransliteration.transliterate(name, into: core)
        if ["unsupported-script", "mixed", "no-letters"].contains(answer.input) {
            #expect(answer.forms.isEmpty)
            #expect(answer.unavailable.count == 3)
        }
        #expect(answer.forms.allSatisfy { !$0.attested && (0...1).contains($0.confidence) })
    }

    @Test func aLongNameIsTransliteratedWithoutBlowingUp() {
        let answer = NameTransliteration.transliterate(String(repeating: "а", count: 6_000), into: core)
        #expect(answer.input == "cyrillic")
        #expect(!answer.forms.isEmpty)
    }
}

@Suite struct InflectionTests {
    @Test(arguments: ["Путина", "Путину", "Путиным", "Путине"])
    func russianCaseFormsShareTheStemOfTheNominative(form: String) {
        #expect(Inflection.stem(form, with: .russian) == Inflection.stem("Путин", with: .russian))
        #expect(Inflection.isForm(form, of: "Путин", with: .russian))
    }

    @Test func adjectivesAndFeminineNounsDeclineToo() {
        #expect(Inflection.stem("Москвы", with: .russian) == Inflection.stem("Москва", with: .russian))
        #expect(Inflection.isForm("Москве", of: "Москва", with: .russian))
        #expect(Inflection.isForm("Харбинского", of: "Харбинский", with: .russian))
        #expect(Inflection.isForm("Ukraine's", of: "Ukraine", with: .english))
        #expect(Inflection.stem("Харбинского", with: .russian) == Inflection.stem("Харбинский", with: .russian))
    }

    @Test func englishPossessivesAndPlurals() {
        #expect(Inflection.stem("Putin's", with: .english) == "putin")
        #expect(Inflection.stem("Kremlin’s", with: .english) == "kremlin")
        #expect(Inflection.stem("summits", with: .english) == Inflection.stem("summit", with: .english))
    }

    @Test func aWordWithTheSameStemIsNotAFormOfTheName() {
        // лавры (laurels) stems like Лавров but does not start with the name.
        #expect(!Inflection.isForm("Лавры", of: "Лавров", with: .russian))
        #expect(Inflection.isForm("Лаврова", of: "Лавров", with: .russian))
        // Derived words are other words: Putinism, путинский.
        #expect(!Inflection.isForm("Putinism", of: "Putin", with: .english))
        #expect(!Inflection.isForm("путинский", of: "Путин", with: .russian))
    }

    @Test func shortWordsKeepTheirFormWhenTheStemWouldSayTooLittle() {
        #expect(Inflection.stem("Си", with: .russian) == "си")
        #expect(Inflection.stem("И", with: .russian) == "и")
    }

    @Test func queriesDropLeadingPrepositions() throws {
        let read = try #require(Inflection.queryWords("в Доме народных собраний", with: .russian))
        #expect(read.surface.map(\.text) == ["Доме", "народных", "собраний"])
    }

    @Test func editDistanceCountsTranspositionsAsOneEdit() {
        #expect(EditDistance.distance("putim", "putin", limit: 1) == 1)
        #expect(EditDistance.distance("puitn", "putin", limit: 1) == 1)
        #expect(EditDistance.distance("xijinpin", "xijinping", limit: 2) == 1)
        #expect(EditDistance.distance("medvedev", "putin", limit: 2) == nil)
    }

    @Test func pinyinSyllablesParseWholeWordsOnly() {
        #expect(ChineseSyllables.pinyin("wuhan") == ["wu", "han"])
        #expect(ChineseSyllables.pinyin("xi'an") == ["xi", "an"])
        #expect(ChineseSyllables.pinyin("dostoevsky") == nil)
        #expect(ChineseSyllables.palladius("ухань") == ["у", "хань"])
        #expect(ChineseSyllables.palladius("достоевский") == nil)
    }
}
