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
}
