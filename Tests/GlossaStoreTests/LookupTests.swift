import Foundation
import GlossaStore
import GlossaTestSupport
import GlossaText
import Testing

@Suite struct LookupTests {
    let memory: TranslationMemory

    init() async throws {
        memory = TranslationMemory(store: try await Fixtures.newStore())
        _ = try await memory.importer.importFile(at: Fixtures.sampleTMX)
        let variants = Fixtures.tmx([
            [("en", "The pipeline talks stalled again."), ("ru-RU", "Переговоры о трубопроводе снова зашли в тупик.")],
            [("en-GB", "The colour of the flag was red."), ("fr", "La couleur du drapeau était rouge.")],
        ])
        _ = try await memory.importer.importFile(at: try Fixtures.write(variants))
    }

    func lookup(_ text: String, _ source: String, _ target: String, min: Int = 70, limit: Int = 5) async throws -> [Match] {
        try await memory.lookup(LookupQuery(text: text, source: LanguageTag(source), target: LanguageTag(target), minimum: min, limit: limit))
    }

    @Test func exactMatchScores100AndComesFirst() async throws {
        let matches = try await lookup("Putin arrives in Beijing", "en", "ru", min: 50)
        #expect(matches.first?.score.value == 100)
        #expect(matches.first?.target.text == "Путин прибыл в Пекин")
        #expect(matches.dropFirst().allSatisfy { $0.score.value < 100 })
    }

    @Test func languageVariantsFallBackAndSaySo() async throws {
        let matches = try await lookup("The pipeline talks stalled again.", "en-US", "ru")
        let match = try #require(matches.first)
        #expect(match.score.value == 100)
        #expect(match.source.language.canonical == "en")
        #expect(match.source.languageMatch == .broader)
        #expect(match.target.language.canonical == "ru-RU")
        #expect(match.target.languageMatch == .narrower)
        let related = try #require(try await lookup("The colour of the flag was red.", "en-US", "fr").first)
        #expect(related.source.languageMatch == .related)
        // zh-TW is another script: no fallback to zh-CN.
        #expect(try await lookup("Putin arrives in Beijing", "en", "zh-TW").isEmpty)
    }

    @Test func fuzzyMatchesExplainTheirScore() async throws {
        let match = try #require(try await lookup("Putin arrived in Beijing", "en", "zh-CN").first)
        #expect(match.score.kind == .fuzzy)
        #expect(match.score.value == 75)
        #expect(match.score.edits == 1)
        #expect(match.target.text == "普京抵达北京")
    }

    @Test func anyLanguageCanBeTheSourcePivot() async throws {
        let matches = try await lookup("普京抵达北京", "zh-CN", "ru")
        #expect(matches.first?.target.text == "Путин прибыл в Пекин")
        let fuzzy = try await lookup("普京抵达上海", "zh", "en", min: 60)
        #expect(fuzzy.first?.source.text == "普京抵达北京")
    }

    @Test func inlineCodesAreNotCountedButReturned() async throws {
        let match = try #require(try await lookup("Key figures: trade of $240.1 billion in 2023", "en", "ru").first)
        #expect(match.score.value == 100)
        #expect(match.target.markup?.contains("<bpt") == true)
    }

    @Test func searchSyntaxIsLiteral() async throws {
        for query in ["\"Putin", "NEAR(Putin Xi)", "Putin OR Xi", "-Putin", "en:Putin", "^Putin*", "\"\"", "*"] {
            _ = try await lookup(query, "en", "ru", min: 0)
            _ = try await memory.concordance(query, language: nil)
        }
    }

    @Test func tiesAmongManyNearDuplicatesGoToTheOldest() async throws {
        // 300 units that score alike: the first five stored win the tie, as an exhaustive ranking
        // (score, then language, then age) would have it, without scoring all 300.
        let numbered = (1...300).map { [("en", "Putin arrives in Beijing by train \($0)"), ("ru", "Путин прибыл в Пекин на поезде \($0)")] }
        _ = try await memory.importer.importFile(at: try Fixtures.write(Fixtures.tmx(numbered)))
        let matches = try await lookup("Putin arrives in Beijing by plane", "en", "ru", min: 60, limit: 5)
        #expect(matches.map(\.source.text) == (1...5).map { "Putin arrives in Beijing by train \($0)" })
        #expect(Set(matches.map(\.score.value)).count == 1)
    }

    @Test func minimumAndLimitAreHonoured() async throws {
        let matches = try await lookup("Putin and Xi signed a joint statement", "en", "ru", min: 30, limit: 3)
        #expect(matches.count <= 3)
        #expect(matches.allSatisfy { $0.score.value >= 30 })
        #expect(matches.map(\.score.value) == matches.map(\.score.value).sorted(by: >))
    }

    @Test func concordanceFindsPhrasesInAnyScript() async throws {
        let hits = try await memory.concordance("Power of Siberia", language: LanguageTag("en"), target: LanguageTag("ru"))
        #expect(!hits.isEmpty)
        #expect(hits.allSatisfy { $0.segment.text.contains("Power of Siberia") })
        #expect(hits.allSatisfy { $0.translations.allSatisfy { $0.language.canonical == "ru" } })
        let chinese = try await memory.concordance("哈尔滨", language: nil)
        #expect(!chinese.isEmpty)
    }

    @Test func exportReimportsToTheSameUnits() async throws {
        var tmx = ""
        let count = try await memory.export(source: LanguageTag("en"), target: LanguageTag("ru")) { tmx += $0 }
        #expect(count == 92)
        let copy = TranslationMemory(store: try await Fixtures.newStore())
        let report = try await copy.importer.importFile(at: try Fixtures.write(tmx))
        #expect(report.imported == 92)
        #expect(report.rejectedCount == 0)
        #expect(try await copy.store.languages(memories: nil).map(\.language.canonical).sorted() == ["en", "ru", "ru-RU"])
        // Everything, all languages.
        var all = ""
        #expect(try await memory.export(source: nil, target: nil) { all += $0 } == 93)
    }
}
