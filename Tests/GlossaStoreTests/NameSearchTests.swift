import GlossaModel
import GlossaStore
import GlossaTestSupport
import GlossaText
import Testing

@Suite struct NameSearchTests {
    let glossary: Glossary

    init() async throws {
        glossary = Glossary(store: try await Fixtures.newStore())
        try await Fixtures.storePutin(in: glossary)
    }

    @Test(arguments: [
        ("Путин", NameMatchKind.exact), ("putin", .folded), ("PUTIN", .folded), ("Pǔjīng", .romanization),
        ("pujing", .romanization), ("普京", .exact), ("vladimir putin", .folded), ("Vladimir-Putin", .folded),
        ("Владимир Путин", .exact), ("vladimir putin", .folded),
    ])
    func findsPutinFromAnyScript(query: String, kind: NameMatchKind) async throws {
        let results = try await glossary.names(query)
        let first = try #require(results.first, "\(query)")
        #expect(first.terms["en"]?.first?.text == "Vladimir Putin", "\(query)")
        #expect(first.match == kind, "\(query): \(first.match)")
    }

    @Test func partialInputFindsByPrefix() async throws {
        let results = try await glossary.names("Vlad")
        #expect(results.first?.match == .prefix)
        #expect(results.first?.terms["ru"]?.first?.text == "Владимир Путин")
        #expect(try await glossary.names("xijin").first?.terms["zh-CN"]?.first?.text == "习近平")
    }

    @Test func deprecatedFormsPointToThePreferredTerm() async throws {
        let result = try #require(try await glossary.names("Nice Corridor of the Individuals").first)
        #expect(result.matchedTerm.status == .deprecated)
        #expect(result.preferredTerm?.text == "Great Hall of the People")
    }

    @Test func missingLanguagesGetMarkedTransliterations() async throws {
        let result = try #require(try await glossary.names("Xi Jinping", to: [LanguageTag("en"), LanguageTag("ru")]).first)
        #expect(result.terms.keys.sorted() == ["en"])
        let russian = try #require(result.transliterations["ru"])
        #expect(russian.attested == false)
        #expect(russian.scheme == "palladius-names")  // Xi's concept is a person: surname apart
        #expect(russian.text == "Си Цзиньпин")
    }

    @Test func russianSpellingFindsAChineseOnlyName() async throws {
        // The Xi concept has no Russian term: Си Цзиньпин is read back as Palladius.
        let result = try #require(try await glossary.names("Си Цзиньпин").first)
        #expect(result.terms["zh-CN"]?.first?.text == "习近平")
        #expect(result.match == .romanization)
    }

    @Test func traditionalCharactersFindSimplifiedTerms() async throws {
        #expect(try await glossary.names("習近平").first?.terms["en"]?.first?.text == "Xi Jinping")
    }

    @Test func nothingMatchesNothing() async throws {
        #expect(try await glossary.names("zzzzqqq").isEmpty)
    }
}
