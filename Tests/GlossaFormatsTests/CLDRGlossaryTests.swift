import Foundation
import GlossaModel
import GlossaTestSupport
import GlossaText
import Testing

@testable import GlossaFormats

/// The glossary generated from ICU's CLDR data (`glossa cldr-glossary`).
@Suite struct CLDRGlossaryTests {
    let languages = try! ["en", "ru", "zh-CN"].map(LanguageTag.init)

    func concept(_ id: String, in concepts: [Concept]) throws -> [String: String] {
        let concept = try #require(concepts.first { $0.id == id }, "\(id) missing")
        return Dictionary(concept.terms.map { ($0.language.canonical, $0.text) }, uniquingKeysWith: { first, _ in first })
    }

    @Test func namesCountriesLanguagesScriptsAndCities() throws {
        let concepts = CLDRGlossary(languages: languages).concepts()
        #expect(try concept("cldr-region-RU", in: concepts) == ["en": "Russia", "ru": "Россия", "zh-CN": "俄罗斯"])
        #expect(try concept("cldr-language-zh", in: concepts) == ["en": "Chinese", "ru": "китайский", "zh-CN": "中文"])
        #expect(try concept("cldr-script-Cyrl", in: concepts) == ["en": "Cyrillic", "ru": "кириллица", "zh-CN": "西里尔文"])
        #expect(try concept("cldr-city-Europe.Moscow", in: concepts) == ["en": "Moscow", "ru": "Москва", "zh-CN": "莫斯科"])
        let domains = Dictionary(grouping: concepts, by: { $0.domain ?? "" }).mapValues(\.count)
        #expect(domains["country"]! >= 240 && domains["language"]! >= 150 && domains["script"]! >= 100 && domains["city"]! >= 350)
        #expect(concepts.allSatisfy { concept in concept.terms.allSatisfy { $0.status == .preferred } })
        #expect(Set(concepts.map(\.contentKey)).count == concepts.count)
    }

    @Test func aNameCLDRLacksIsLeftOutNotFilledWithLatin() throws {
        // ICU answers an exemplar city it has no Russian name for in Latin letters (from the zone id).
        #expect(CLDRGlossary.isWritten("Москва", inScriptOf: try LanguageTag("ru")))
        #expect(!CLDRGlossary.isWritten("Dumont d'Urville", inScriptOf: try LanguageTag("ru")))
        #expect(CLDRGlossary.isWritten("Dumont d'Urville", inScriptOf: try LanguageTag("fr")))
        let concepts = CLDRGlossary(languages: languages, sections: [.cities]).concepts()
        for concept in concepts {
            for term in concept.terms where term.language.language != "en" {
                #expect(term.text.unicodeScalars.contains { $0.value > 0x24F }, "\(term.text) in \(term.language)")
            }
        }
    }

    @Test func theShippedFileIsWhatTheGeneratorWrites() throws {
        let languages = try ["en", "ru", "zh-CN", "uk", "de", "fr", "es", "ja"].map(LanguageTag.init)
        var generated = ""
        try CLDRGlossary(languages: languages).writeTBX { generated += $0 }
        let shipped = try String(contentsOf: Fixtures.repository.appendingPathComponent("glossary/cldr-names.tbx"), encoding: .utf8)
        #expect(generated == shipped, "regenerate with: glossa cldr-glossary --output glossary/cldr-names.tbx")
    }
}
