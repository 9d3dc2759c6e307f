import GlossaText
import Testing

@Suite struct TransliterationTests {
    func run(_ text: String, _ scheme: String) throws -> String {
        try Transliteration.transliterate(text, scheme: #require(Transliteration.scheme(named: scheme)))
    }

    @Test func textsThatGrowOrSpanScriptsComeBackWhole() throws {
        // UTF-8 in and out; a text growing past four times its length takes the UTF-16 path.
        let grow = try Transliterator(id: "Glossa-Test-Grow", rules: "a > bbbbbbbbbbbbbbbbbbbb ;")
        #expect(grow.transliterate(String(repeating: "a", count: 100)) == String(repeating: "b", count: 2_000))
        let latin = try Transliterator(id: "Any-Latin")
        #expect(latin.transliterate("Путин 🇷🇺 普京") == "Putin 🇷🇺 pǔ jīng")
        #expect(latin.transliterate(String(repeating: "Ж", count: 3_000)) == String(repeating: "Ž", count: 3_000))
    }

    @Test func namedSchemes() throws {
        #expect(try run("Путин", "bgn-pcgn") == "Putin")
        #expect(try run("Владимир Путин", "iso9") == "Vladimir Putin")
        #expect(try run("习近平", "pinyin-names") == "Xí Jìnpíng")
        #expect(try run("北京", "pinyin-plain") == "beijing")
        #expect(try run("北京", "palladius") == "бэйцзин")
        #expect(try run("习近平", "palladius-names") == "Си Цзиньпин")
        #expect(try run("Путин", "gbt17693") == "普京")
        #expect(try run("哈爾濱", "traditional-simplified") == "哈尔滨")
    }

    @Test func russianRomanizationsOfOurOwn() throws {
        #expect(try run("Андрей Белоусов", "icao") == "Andrei Belousov")
        #expect(try run("Юрий Щёлоков, Подъём", "icao") == "Iurii Shchelokov, Podieem")
        #expect(try run("Андрей Белоусов", "plain") == "Andrey Belousov")
        #expect(try run("Юрий Ефимов, Достоевский, Ельцин, Подъезд", "plain") == "Yury Yefimov, Dostoyevsky, Yeltsin, Podyezd")
    }

    @Test func nameReadingsOfSurnames() throws {
        // Plain Han-Latin reads these characters as common words; the names transform as surnames.
        #expect(try run("曾", "pinyin-names") == "Zēng")
        #expect(try run("单", "pinyin-names") == "Shàn")
        #expect(try run("解", "pinyin-names") == "Xiè")
    }

    @Test func syllablesOfAWordAreWrittenTogether() throws {
        // ICU's Han-Latin writes a space after every syllable; pinyin and Palladius join a word's
        // syllables and mark a vowel-initial syllable: ' in pinyin, ъ after -н in Palladius.
        #expect(try run("天安门", "pinyin") == "tiān'ānmén")
        #expect(try run("西安", "pinyin-plain") == "xi'an")
        #expect(try run("长安", "palladius") == "чанъань")  // ICU alone: чан ань, or Чанань when joined naively
        #expect(try run("江阴", "palladius") == "цзянъинь")
        #expect(try run("延安", "palladius") == "яньань")  // after -нь the soft sign separates already
        #expect(try run("西安", "palladius") == "сиань")
        #expect(try run("G20峰会在北京举行", "pinyin-plain") == "G20 fenghui zai beijing juxing")
    }

    @Test func personNamesSplitTheSurnameFromTheGivenName() throws {
        #expect(try run("欧阳修", "pinyin-names") == "Ōuyáng Xiū")  // a two-character surname
        #expect(try run("毛泽东", "palladius-names") == "Мао Цзэдун")
        #expect(try run("周恩来", "palladius-names") == "Чжоу Эньлай")
        #expect(try run("弗拉基米尔·普京", "pinyin-names") == "Fúlājīmǐ'ěr·Pǔjīng")  // a foreign name: no surname first
    }

    @Test func palladiusRoundTripsThroughPinyin() throws {
        for name in ["习近平", "毛泽东", "邓小平", "李强", "王毅"] {
            let russian = try run(name, "palladius-names")
            #expect(try run(russian, "palladius-pinyin").filter { $0 != " " } == run(name, "pinyin-plain").filter { $0 != " " })
        }
    }

    @Test func palladiusBackToPinyin() throws {
        for (russian, pinyin) in [
            ("Си Цзиньпин", "xi jinping"), ("Ли Цян", "li qiang"), ("Мао Цзэдун", "mao zedong"),
            ("Чжоу Эньлай", "zhou enlai"), ("Дэн Сяопин", "deng xiaoping"), ("Ван И", "wang yi"),
            ("Цзян Цзэминь", "jiang zemin"), ("Чанъань", "changan"),
        ] {
            #expect(try run(russian, "palladius-pinyin") == pinyin)
        }
    }

    @Test func gbt17693WorksLineByLine() throws {
        #expect(try run("Путин\nЛавров", "gbt17693").split(separator: "\n").count == 2)
        #expect(try run("Путин\nЛавров", "gbt17693").hasPrefix("普京\n"))
    }

    @Test func unknownICUTransformIsAnError() {
        #expect(throws: TransliterationError.self) { try Transliterator(id: "No-Such-Transform") }
    }

    @Test func transliteratorsWorkFromManyThreadsAtOnce() async throws {
        let scheme = try #require(Transliteration.scheme(named: "bgn-pcgn"))
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    (0..<200).allSatisfy { _ in (try? Transliteration.transliterate("Путин", scheme: scheme)) == "Putin" }
                }
            }
            for try await ok in group { #expect(ok) }
        }
    }
}

@Suite struct SearchKeysTests {
    @Test(arguments: ["Путин", "putin", "PUTIN", "Putin"])
    func putinInAnyScript(query: String) {
        #expect(SearchKeys.queryKeys(for: query).latin.first == "putin")
    }

    @Test(arguments: ["普京", "Pǔjīng", "pujing", "Pu Jing", "pu-jing"])
    func pujingInAnyScript(query: String) {
        #expect(SearchKeys.queryKeys(for: query).latin == ["pujing"])
    }

    @Test func russianSpellingsOfChineseNamesReadAsPalladius() {
        #expect(SearchKeys.queryKeys(for: "Си Цзиньпин").latin.contains("xijinping"))
        #expect(SearchKeys.keys(for: "Си Цзиньпин").contains(SearchKeys.Key(kind: .latin, value: "xijinping")))
    }

    @Test func traditionalFoldsToSimplified() {
        #expect(SearchKeys.queryKeys(for: "習近平").fold == SearchKeys.queryKeys(for: "习近平").fold)
    }

    @Test func multiWordNamesAreFoundByEachWord() {
        let keys = SearchKeys.keys(for: "Vladimir Putin")
        #expect(keys.contains(SearchKeys.Key(kind: .fold, value: "vladimirputin")))
        #expect(keys.contains(SearchKeys.Key(kind: .latinWord, value: "putin")))
        let chinese = SearchKeys.keys(for: "习近平")
        #expect(chinese.contains(SearchKeys.Key(kind: .latin, value: "xijinping")))
    }
}
