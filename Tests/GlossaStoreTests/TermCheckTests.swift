import GlossaModel
import GlossaStore
import GlossaTestSupport
import GlossaText
import Testing

@Suite struct TermCheckTests {
    let glossary: Glossary

    init() async throws {
        glossary = Glossary(store: try await Fixtures.newStore())
        try await Fixtures.storePutin(in: glossary)
    }

    @Test func annotatesLongestTermsWithOffsets() async throws {
        let text = "Vladimir Putin met Xi Jinping; Putinism is not a name."
        let found = try await glossary.annotate(text, language: LanguageTag("en"), to: [LanguageTag("ru")])
        #expect(found.map(\.text) == ["Vladimir Putin", "Xi Jinping"])  // not "Putin" inside "Vladimir Putin", not "Putinism"
        #expect(found[0].offset == 0 && found[0].length == 14)
        #expect(found[1].offset == 19)
        #expect(found[0].translations["ru"]?.first?.text == "Владимир Путин")
    }

    @Test func chineseNeedsNoSpaces() async throws {
        let found = try await glossary.annotate("普京在人民大会堂会见习近平。", language: LanguageTag("zh-CN"))
        #expect(found.map(\.text) == ["普京", "人民大会堂", "习近平"])
        #expect(found.map(\.offset) == [0, 3, 10])
    }

    @Test func checkFlagsDeprecatedTermsAndSuggestsThePreferredOne() async throws {
        let issues = try await glossary.check(source: "The talks were held in the Nice Corridor of the Individuals.", language: LanguageTag("en"))
        #expect(issues.count == 1)
        #expect(issues.first?.kind == .deprecatedTerm)
        #expect(issues.first?.suggestion?.text == "Great Hall of the People")
    }

    @Test func checkFindsSourceTermsMissingFromTheTranslation() async throws {
        let issues = try await glossary.check(
            source: "Putin arrived.", language: LanguageTag("en"),
            translation: "Президент прибыл.", translationLanguage: LanguageTag("ru"))
        #expect(issues.map(\.kind) == [.missingTranslation])
        #expect(issues.first?.suggestion?.text == "Владимир Путин")
        let fine = try await glossary.check(
            source: "Putin arrived.", language: LanguageTag("en"),
            translation: "Путин прибыл.", translationLanguage: LanguageTag("ru"))
        #expect(fine.isEmpty)
    }
}
