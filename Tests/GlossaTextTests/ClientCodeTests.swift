import Testing

@testable import GlossaText

/// Language codes as tmserver clients send them: Weblate lowercases its codes and writes `_`
/// (`pt_br`, `zh_hans`, `sr_latn`), Okapi sends POSIX ids (`en_US`).
@Suite struct ClientCodeTests {
    @Test(
        "A code as Weblate or Okapi writes it reads as the BCP 47 tag",
        arguments: [
            ("pt_br", "pt-BR"), ("zh_hans", "zh-Hans"), ("zh_hant", "zh-Hant"), ("sr_latn", "sr-Latn"), ("en_US", "en-US"),
            ("en", "en"), ("zh_cn", "zh-CN"), ("zh_hant_hk", "zh-Hant-HK"),
        ])
    func clientCodesCanonicalize(raw: String, canonical: String) throws {
        #expect(try LanguageTag(raw).canonical == canonical)
    }

    @Test("A stored tag is listed under every code a Weblate lookup of its group may use, and none of another group")
    func storedTagsListTheirClientCodes() throws {
        #expect(try LanguageTag("zh-CN").clientCodes == ["zh_cn", "zh", "zh_hans"])
        #expect(try LanguageTag("zh-TW").clientCodes == ["zh_tw", "zh_hant"])
        #expect(try LanguageTag("en-US").clientCodes == ["en_us", "en", "en_latn"])
        #expect(try LanguageTag("sr-Latn").clientCodes == ["sr_latn"])
        #expect(try LanguageTag("pt-BR").clientCodes == ["pt_br", "pt", "pt_latn"])
        // Each code reads back as a tag of the same fallback group, so a lookup under it finds the stored segments.
        for stored in ["zh-CN", "zh-TW", "en-US", "sr-Latn", "sr", "pt-BR", "ru"] {
            let tag = try LanguageTag(stored)
            for code in tag.clientCodes { #expect(try LanguageTag(code).fallbackGroup == tag.fallbackGroup, "\(code) for \(stored)") }
        }
    }

    /// The codes Weblate tries for one of its languages, in order (`get_language_possibilities`):
    /// its code mapped (`replace("-", "_").lower()`), then cut at its last `_`, again and again.
    static func weblatePossibilities(_ code: String) -> [String] {
        var code = code.replacing("-", with: "_")
        var possibilities = [code.lowercased()]
        while let cut = code.lastIndex(of: "_") {
            code = String(code[..<cut])
            possibilities.append(code.lowercased())
        }
        return possibilities
    }

    @Test("Every Weblate language whose segments are stored finds a listed code of its group first, and none finds another group's")
    func weblateFindsEveryAnswerablePair() throws {
        let stored = try ["en", "en-GB", "ru", "zh-CN", "zh-TW", "sr-Latn", "pt-BR", "de-CH"].map { try LanguageTag($0) }
        let listed = Set(stored.flatMap(\.clientCodes))
        let weblateCodes = [
            "en", "en_GB", "en_US", "ru", "zh_Hans", "zh_Hant", "zh_Hant_HK", "sr_Latn", "sr", "pt_BR", "pt_PT", "pt", "de", "de_CH", "fr",
        ]
        for code in weblateCodes {
            let group = try LanguageTag(code).fallbackGroup
            let answerable = stored.contains { $0.fallbackGroup == group }
            let asked = Self.weblatePossibilities(code).first { listed.contains($0) }
            if answerable {
                let asked = try #require(asked, "\(code) is answerable but Weblate would find no listed code")
                #expect(try LanguageTag(asked).fallbackGroup == group, "\(code) is asked as \(asked)")
            } else {
                #expect(asked == nil, "\(code) has nothing stored but would be asked as \(asked ?? "")")
            }
        }
    }
}
