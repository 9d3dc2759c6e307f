import Foundation
import GlossaStore
import GlossaTestSupport
import GlossaText
import Testing

/// A database written by an earlier version opens with the current code and answers as a new one.
@Suite struct MigrationTests {
    @Test func aV3DatabaseGetsTheTermIndexAndAnswersLikeANewOne() throws {
        let migrated = Fixtures.databasePath()
        try FileManager.default.copyItem(atPath: Fixtures.repository.appendingPathComponent("Tests/Fixtures/schema/v3-sample-memory.sqlite").path,
                                         toPath: migrated)
        let old = TranslationMemory(store: try SQLiteStore(path: migrated))
        let fresh = TranslationMemory(store: try SQLiteStore(path: Fixtures.databasePath()))
        _ = try fresh.importer.importTMX(at: Fixtures.sampleTMX)
        #expect(try old.store.statistics().units == 91)

        func answers(_ memory: TranslationMemory, _ text: String, _ source: String, _ target: String) throws -> [String] {
            try memory.lookup(LookupQuery(text: text, source: LanguageTag(source), target: LanguageTag(target), minimum: 50, limit: 10))
                .map { "\($0.score.value) \($0.source.text) → \($0.target.text)" }
        }
        for (text, source, target) in [("Putin arrives in Beijing", "en", "ru"), ("Putin arrived in Beijing today", "en", "zh-CN"),
                                       ("Путин прибыл в Харбин", "ru", "en"), ("普京抵达北京", "zh-CN", "en")] {
            let expected = try answers(fresh, text, source, target)
            #expect(!expected.isEmpty)
            #expect(try answers(old, text, source, target) == expected)
        }
        let hits = try old.concordance("Power of Siberia", language: LanguageTag("en"))
        #expect(hits.count == (try fresh.concordance("Power of Siberia", language: LanguageTag("en"))).count && !hits.isEmpty)

        // New units go into the migrated index like any others.
        let added = try Fixtures.write(Fixtures.tmx([[("en", "Putin arrives in Beijing by train"), ("ru", "Путин прибыл в Пекин на поезде")]]))
        _ = try old.importer.importTMX(at: added)
        #expect(try answers(old, "Putin arrives in Beijing by train", "en", "ru").first == "100 Putin arrives in Beijing by train → Путин прибыл в Пекин на поезде")
    }
}
