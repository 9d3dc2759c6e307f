import Foundation
import GlossaModel
import GlossaStore
import GlossaTestSupport
import GlossaText
import Testing

/// Weblate replaces HTML/XML tags by `[X6X]` tokens before it asks a tmserver and puts the tags
/// back in place of the tokens in the answer: the tokens are inline codes, matched as stored codes are.
@Suite struct TokenizedTextTests {
    @Test(
        "Tokens are left out of the matched text, the whitespace around each counted once",
        arguments: [
            ("Click [X6X]here[X15X] now", "Click here now", 2), ("Press [X6X] to continue", "Press to continue", 1),
            ("[X0X] Putin arrives in Beijing [X30X]", "Putin arrives in Beijing", 2), ("No tokens [X] here [Xa1X]", "No tokens [X] here [Xa1X]", 0),
            ("[X0X]", "", 1), ("Read the <g1>statement</g1> of <x2/>May", "Read the statement of May", 3),
            ("a <b1/>bold<e1/> word and <gx> or <g1 >", "a bold word and <gx> or <g1 >", 2),
        ])
    func tokensAreStripped(text: String, plain: String, tokens: Int) {
        let tokenized = TokenizedText(text)
        #expect(tokenized.plain == plain)
        #expect(tokenized.tokens.count == tokens)
    }

    func memory(with file: String) async throws -> TranslationMemory {
        let memory = TranslationMemory(store: try await Fixtures.newStore())
        _ = try await memory.importer.importFile(at: file)
        return memory
    }

    func lookup(_ memory: TranslationMemory, _ text: String, _ source: String, _ target: String) async throws -> (TokenizedText, [Match]) {
        let tokenized = TokenizedText(text)
        let query = LookupQuery(text: tokenized.plain, source: try LanguageTag(source), target: try LanguageTag(target))
        return (tokenized, try await memory.lookup(query))
    }

    @Test("Heartsome's RTF codes (bpt/ept) come back as Weblate's tokens, each where its code is in the Chinese target")
    func bptEptPairsCarryTheTokens() async throws {
        let memory = try await memory(with: Fixtures.corpusFile("tmx/heartsome_tmxeditor8/ImportTMXTest.tmx"))
        // `<b>7 </b><i>External microphone</i>` as Weblate sends it.
        let (tokenized, matches) = try await lookup(memory, "[X0X]7 [X8X][X12X]External microphone[X35X]", "en_us", "zh_hans")
        let match = try #require(matches.first)
        #expect(match.score.value == 100)
        let restored = tokenized.restore(match)
        #expect(restored.source == "[X0X]7 [X8X][X12X]External microphone[X35X]")
        #expect(restored.target == "[X0X]7 [X8X][X12X]外置麦克风[X35X]")
    }

    @Test("A stored match with another number of codes than the query's tokens gives its plain text")
    func mismatchedCodesGivePlainText() async throws {
        let memory = try await memory(with: Fixtures.corpusFile("tmx/heartsome_tmxeditor8/ImportTMXTest.tmx"))
        // Six codes in English, ten in Chinese: no token can be placed with confidence.
        let (tokenized, matches) = try await lookup(
            memory, "[X0X]Headset [X12X][X15X](SPC505NC only) [X34X][X38X]with:[X47X]", "en-US", "zh-CN")
        let match = try #require(matches.first)
        #expect(match.score.value == 100)
        #expect(tokenized.restore(match).target == "耳机（仅 SPC505NC）配有：")
    }

    @Test("OmegaT's placeholder (ph x) is paired with the target's by its x attribute")
    func placeholdersPairByX() async throws {
        let memory = try await memory(with: Fixtures.corpusFile("tmx/omegat-org_omegat/test-level2.tmx"))
        let (tokenized, matches) = try await lookup(memory, "First part [X11X] end.", "en", "be")
        let match = try #require(matches.first)
        #expect(match.score.value >= 90)
        #expect(tokenized.restore(match).target == "First [X11X] tr.")
    }

    @Test("Codes the translation reorders take their tokens along, paired by their x attribute")
    func reorderedCodesFollowTheirTokens() async throws {
        // A link and an emphasis swap places between English and Russian word order.
        let body = #"""
            <tu><tuv xml:lang="en"><seg>Read the <bpt i="1" x="1">&lt;a&gt;</bpt>statement<ept i="1">&lt;/a&gt;</ept> of <ph x="2">&lt;br/&gt;</ph>May</seg></tuv>
            <tuv xml:lang="ru"><seg>Прочтите <ph x="2">&lt;br/&gt;</ph>майское <bpt i="1" x="1">&lt;a&gt;</bpt>заявление<ept i="1">&lt;/a&gt;</ept></seg></tuv></tu>
            """#
        let memory = try await memory(with: try Fixtures.write(Fixtures.tmxDocument(body: body)))
        let (tokenized, matches) = try await lookup(memory, "Read the [X9X]statement[X21X] of [X28X]May", "en", "ru")
        let match = try #require(matches.first)
        #expect(match.score.value == 100)
        // The `ept` has no x: it pairs with the `ept` of the same i.
        #expect(tokenized.restore(match).source == "Read the [X9X]statement[X21X] of [X28X]May")
        #expect(tokenized.restore(match).target == "Прочтите [X28X]майское [X9X]заявление[X21X]")
    }

    @Test(
        "Escaped text between codes comes back as the text it stands for",
        arguments: ["Tom & Jerry <3 > 2", "a&amp;b", "x &#10; y", "R&D; &unknown;"])
    func escapedTextRoundTrips(text: String) {
        #expect(XMLEscaping.unescape(XMLEscaping.escapeText(text)) == text)
    }

    @Test(
        "References and entities of other writers resolve",
        arguments: [
            ("&lt;b&gt; &amp; &quot;x&quot; &apos;y&apos;", "<b> & \"x\" 'y'"), ("&#x41;&#66;", "AB"), ("&#xD800; & &", "&#xD800; & &"),
        ])
    func referencesResolve(markup: String, text: String) {
        #expect(XMLEscaping.unescape(markup) == text)
    }

    @Test("Okapi's letter codes are tokens as Weblate's are, and come back where the target's codes are")
    func okapiLetterCodesAreTokens() async throws {
        let memory = try await memory(with: Fixtures.corpusFile("tmx/heartsome_tmxeditor8/ImportTMXTest.tmx"))
        let (tokenized, matches) = try await lookup(memory, "<g1>7 </g1><g2>External microphone</g2>", "en_US", "zh_CN")
        let match = try #require(matches.first)
        #expect(match.score.value == 100)
        #expect(tokenized.restore(match).target == "<g1>7 </g1><g2>外置麦克风</g2>")
    }

    @Test("A query with tokens matches a segment stored without codes at full quality, and gets its plain target")
    func tokensDoNotSpoilAPlainMatch() async throws {
        let memory = try await memory(with: Fixtures.sampleTMX)
        let (tokenized, matches) = try await lookup(memory, "Putin arrives in [X17X]Beijing[X30X]", "en", "ru")
        let match = try #require(matches.first)
        #expect(match.score.value == 100)
        #expect(tokenized.restore(match) == TokenizedMatch(source: "Putin arrives in Beijing", target: "Путин прибыл в Пекин", score: match.score))
    }

    func tokenizedLookup(_ text: String, minimum: Int = 70) async throws -> [TokenizedMatch] {
        let memory = try await memory(with: Fixtures.corpusFile("po/django_django/ru-django.po"))
        return try await memory.lookup(
            tokenized: LookupQuery(text: text, source: try LanguageTag("en"), target: try LanguageTag("ru"), minimum: minimum))
    }

    @Test("Django's python-format placeholders, stored as text, take Weblate's tokens at full quality, reordered in Russian")
    func placeholdersTakeTokens() async throws {
        // `%(model)s instance with %(field)s %(value)r is not a valid choice.` as Weblate sends it.
        let matches = try await tokenizedLookup("[X0X] instance with [X24X] [X34X] is not a valid choice.")
        let best = try #require(matches.first)
        #expect(best.score.value == 100)
        #expect(best.source == "[X0X] instance with [X24X] [X34X] is not a valid choice.")
        #expect(best.target == "Значение \"[X34X]\" не является допустимым для поля \"[X24X]\" объекта типа [X0X]")
    }

    @Test("Brace placeholders take tokens too, and a near query gets a fuzzy match with them in place")
    func bracePlaceholdersAndFuzzyMatches() async throws {
        let exact = try #require(try await tokenizedLookup("The number of days must be between [X35X] and [X50X].").first)
        #expect(exact.score.value == 100)
        #expect(exact.target == "Количество дней должно быть в диапазоне от [X35X] до [X50X].")
        let fuzzy = try #require(try await tokenizedLookup("The number of weeks must be between [X36X] and [X51X].").first)
        #expect((70..<100).contains(fuzzy.score.value))
        #expect(fuzzy.target == "Количество дней должно быть в диапазоне от [X36X] до [X51X].")
    }

    @Test("A query with as many tokens as a stored text has placeholders, but other words, stays below the minimum")
    func placeholdersDoNotLiftUnrelatedText() async throws {
        #expect(try await tokenizedLookup("The weather in [X15X] is [X24X] today.").isEmpty)
    }
}
