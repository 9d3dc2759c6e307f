import GlossaModel
import GlossaStore
import GlossaTestSupport
import GlossaText
import Testing

/// Names as editors type and paste them, against the glossaries shipped in glossary/.
@Suite struct ShippedNamesTests {
    let glossary: Glossary

    init() async throws {
        glossary = try await Fixtures.shippedGlossary()
    }

    func first(_ query: String, _ language: String = "en", sourceLocation: SourceLocation = #_sourceLocation) async throws -> NameResult {
        try #require(
            try await glossary.names(query, to: [LanguageTag("en"), LanguageTag("ru"), LanguageTag("zh-CN")]).first,
            "\(query)", sourceLocation: sourceLocation)
    }

    @Test(arguments: [
        ("Путина", "Vladimir Putin"), ("Путину", "Vladimir Putin"), ("Путиным", "Vladimir Putin"), ("Путине", "Vladimir Putin"),
        ("в Пекине", "Beijing"), ("Си Цзиньпином", "Xi Jinping"), ("Си Цзиньпина", "Xi Jinping"), ("Харбине", "Harbin"),
        ("Доме народных собраний", "Great Hall of the People"), ("в Доме народных собраний", "Great Hall of the People"),
        ("Москвы", "Moscow"), ("Москве", "Moscow"), ("Putin's", "Vladimir Putin"), ("Lavrov's", "Sergei Lavrov"),
        ("the Kremlin's", "Kremlin"), ("Харбинского политехнического университета", "Harbin Institute of Technology"),
        ("Центра Карнеги по изучению России и Евразии", "Carnegie Russia Eurasia Center"),
    ])
    func inflectedFormsFindTheDictionaryForm(query: String, english: String) async throws {
        let result = try await first(query)
        #expect(result.terms["en"]?.first?.text == english, "\(query)")
        #expect(result.match == .inflected, "\(query): \(result.match)")
        #expect(result.matchedForm != nil)
    }

    @Test func theFormReadIsReported() async throws {
        let result = try await first("в Пекине")
        #expect(result.matchedForm == "Пекине")
        #expect(result.matchedTerm.text == "Пекин")
    }

    @Test(arguments: [("Putim", "Vladimir Putin"), ("Xi Jinpimg", "Xi Jinping"), ("Lavorv", "Sergei Lavrov")])
    func slipsFindTheNearestNamesFromTheIndex(query: String, english: String) async throws {
        let answer = try await glossary.findName(query, to: [LanguageTag("en")])
        let similar = try #require(answer.results.first { $0.match == .similar }, "\(query)")
        #expect(similar.terms["en"]?.first?.text == english)
        #expect(similar.distance == 1)
        // Nothing matched the whole name: the standards say what they can, apart from the terms.
        #expect(answer.transliterations != nil)
    }

    @Test func aNameCutShortIsFoundAsYouType() async throws {
        #expect(try await first("Xi Jinpin").terms["en"]?.first?.text == "Xi Jinping")
    }

    @Test func anExactNameIsNotAlsoAnsweredBySimilarNamesOrTransliterations() async throws {
        let answer = try await glossary.findName("Putin")
        #expect(answer.transliterations == nil)
        #expect(!answer.results.contains { $0.match == .similar })
    }

    @Test func aNameWithNoEntryGetsMarkedTransliterationsInEveryLanguageAskedFor() async throws {
        let answer = try await glossary.findName("Qiongzhou", to: [LanguageTag("en"), LanguageTag("ru"), LanguageTag("zh-CN")])
        let transliterations = try #require(answer.transliterations)
        #expect(transliterations.forms.first { $0.language == "ru" }?.text == "Цюнчжоу")
        #expect(transliterations.forms.allSatisfy { !$0.attested && !$0.chain.isEmpty })
        #expect(Set(transliterations.forms.map(\.language) + transliterations.unavailable.map(\.language)) == ["en", "ru", "zh-CN"])
    }

    @Test(arguments: ["Wuhan", "武汉", "Ухань", "Dostoevsky", "鲁迅", "Лу Синь"])
    func theIssuesExamplesAllGetAnAnswer(query: String) async throws {
        let answer = try await glossary.findName(query, to: [LanguageTag("en"), LanguageTag("ru"), LanguageTag("zh-CN")])
        let attested = answer.results.first { $0.match <= .inflected }
        #expect(attested != nil || !(answer.transliterations?.forms.isEmpty ?? true), "\(query)")
    }
}

/// Inflected mentions in running Russian news text, found by annotate and check.
@Suite struct InflectedAnnotationTests {
    let glossary: Glossary

    init() async throws {
        glossary = try await Fixtures.shippedGlossary()
    }

    static let paragraph = """
        Владимир Путин прибыл в Пекин. Си Цзиньпин встретил Путина у Дома народных собраний, \
        а переговоры Путина и Си Цзиньпина прошли в Доме народных собраний. Затем российский лидер \
        отправился в Харбин: в Харбине он посетил выставку. Рыбаки ждут, когда начнётся путина.
        """

    @Test func annotateFindsNamesInEveryCase() async throws {
        let found = try await glossary.annotate(Self.paragraph, language: LanguageTag("ru"), to: [LanguageTag("en")])
        let surfaces = found.map(\.text)
        for form in [
            "Владимир Путин", "Пекин", "Си Цзиньпин", "Путина", "Дома народных собраний", "Си Цзиньпина",
            "Доме народных собраний", "Харбин", "Харбине",
        ] {
            #expect(surfaces.contains(form), "\(form) in \(surfaces)")
        }
        let inflected = try #require(found.first { $0.text == "Харбине" })
        #expect(inflected.match == .inflected)
        #expect(inflected.term.text == "Харбин")
        #expect(inflected.translations["en"]?.first?.text == "Harbin")
        let scalars = Array(Self.paragraph.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[inflected.offset..<inflected.offset + inflected.length])) == "Харбине")
    }

    @Test func aCommonWordThatSharesAPersonsStemIsNotTakenForTheName() async throws {
        // путина, the fishing season, is written in lower case.
        let found = try await glossary.annotate(Self.paragraph, language: LanguageTag("ru"))
        #expect(!found.contains { $0.text == "путина" })
    }

    @Test func checkReportsTheSurfaceFormOfAnInflectedMention() async throws {
        let issues = try await glossary.check(
            source: "Переговоры в Харбине.", language: LanguageTag("ru"),
            translation: "The talks took place.", translationLanguage: LanguageTag("en"))
        let missing = try #require(issues.first { $0.kind == .missingTranslation })
        #expect(missing.found == "Харбине")
        #expect(missing.suggestion?.text == "Harbin")
    }

    @Test func englishPossessivesAreFound() async throws {
        let found = try await glossary.annotate("The Kremlin's answer came after Lavrov's visit.", language: LanguageTag("en"))
        #expect(found.map(\.text).contains("Kremlin"))
        #expect(found.map(\.text).contains("Lavrov"))
    }
}
