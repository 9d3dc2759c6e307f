import Testing

@testable import GlossaText

@Suite struct LanguageTagTests {
    @Test(arguments: [
        ("EN-us", "en-US"), ("en_US", "en-US"), ("zh_CN", "zh-CN"), ("zh-Hans-CN", "zh-Hans-CN"),
        ("eN-uS", "en-US"), ("FR-CA", "fr-CA"), ("sr-latn-rs", "sr-Latn-RS"), ("DE-DE", "de-DE"), (" ru ", "ru"),
    ])
    func canonicalizes(raw: String, canonical: String) throws {
        #expect(try LanguageTag(raw).canonical == canonical)
    }

    @Test(arguments: ["", "*all*", "e", "english language", "en--US", "123", "en-US-", "xx_12345678901"])
    func rejectsInvalidTags(raw: String) {
        #expect(throws: LanguageTagError.self) { try LanguageTag(raw) }
    }

    @Test func fallbackGroupsFollowLikelyScripts() throws {
        #expect(try LanguageTag("en-US").fallbackGroup == "en-Latn")
        #expect(try LanguageTag("en").fallbackGroup == (try LanguageTag("en-GB").fallbackGroup))
        #expect(try LanguageTag("zh-CN").fallbackGroup == "zh-Hans")
        #expect(try LanguageTag("zh").fallbackGroup == "zh-Hans")
        #expect(try LanguageTag("zh-TW").fallbackGroup == "zh-Hant")
        #expect(try LanguageTag("sr-Latn").fallbackGroup != (try LanguageTag("sr").fallbackGroup))
    }

    @Test func truncationsRunFromSpecificToGeneral() throws {
        #expect(try LanguageTag("zh-Hant-TW").truncations == ["zh-Hant-TW", "zh-Hant", "zh"])
        #expect(try LanguageTag("en").truncations == ["en"])
    }
}

@Suite struct NormalizationTests {
    @Test func foldKeyIgnoresCaseWidthAndSpacing() {
        #expect(Normalization.foldKey("ＰＵＴＩＮ  Visits\tBeijing ") == "putin visits beijing")
        #expect(Normalization.foldKey("Straße") == Normalization.foldKey("STRASSE"))
        #expect(Normalization.foldKey("Путин") == "путин")
    }

    @Test("Whitespace collapses by Unicode's White_Space property: each such character of the BMP, and no other, becomes one space")
    func collapsesExactlyUnicodeWhitespace() {
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "дом\(Character(scalar)) \(Character(scalar))x"
            let expected = scalar.properties.isWhitespace ? "дом x" : "дом\(Character(scalar)) \(Character(scalar))x"
            #expect(Normalization.collapseWhitespace(text) == expected, "U+\(String(value, radix: 16))")
        }
        #expect(Normalization.collapseWhitespace("\u{3000} Путин\u{A0}\u{2009}в  Пекине\u{2029}") == "Путин в Пекине")
    }

    @Test func nfcComposes() {
        #expect(Normalization.nfc("e\u{301}") == "\u{E9}")
    }
}

@Suite struct WordTokenizerTests {
    @Test func segmentsChineseWithoutSpaces() {
        #expect(WordTokenizer.words("我们抵达北京") == ["我们", "抵达", "北京"])
        // ICU's dictionary does not know every name: 普京 comes out as two characters, consistently.
        #expect(WordTokenizer.words("普京抵达北京") == ["普", "京", "抵达", "北京"])
    }

    @Test func separatesPunctuationAndDropsSpaces() {
        let tokens = WordTokenizer.tokens("Putin, Xi: talks 2024.")
        #expect(tokens.map(\.text) == ["Putin", ",", "Xi", ":", "talks", "2024", "."])
        #expect(tokens.filter { $0.kind == .punctuation }.count == 3)
        #expect(tokens.first { $0.text == "2024" }?.kind == .number)
    }

    @Test func keepsWordsWholeAndTellsKinds() {
        // UTF-8 offsets from ICU must land on the right characters in every script.
        let tokens = WordTokenizer.tokens("don't\u{3000}stop — Путин 普京，2,5 %")
        #expect(tokens.map(\.text) == ["don't", "stop", "—", "Путин", "普", "京", "，", "2,5", "%"])
        #expect(tokens.map(\.kind) == [.word, .word, .punctuation, .word, .word, .word, .punctuation, .number, .punctuation])
        #expect(WordTokenizer.tokens("").isEmpty && WordTokenizer.tokens(" \t\n").isEmpty)
        // More tokens than the first buffer holds.
        #expect(WordTokenizer.words(String(repeating: "a ", count: 500)).count == 500)
    }
}
