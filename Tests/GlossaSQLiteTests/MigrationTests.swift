import Foundation
import GRDB
import GlossaStore
import GlossaTestSupport
import GlossaText
import Testing

@testable import GlossaSQLite

/// A database written by an earlier version opens with the current code and answers as a new one.
@Suite struct MigrationTests {
    @Test func aV3DatabaseGetsTheTermIndexAndAnswersLikeANewOne() async throws {
        let migrated = Fixtures.databasePath()
        try FileManager.default.copyItem(
            atPath: Fixtures.repository.appendingPathComponent("Tests/Fixtures/schema/v3-sample-memory.sqlite").path,
            toPath: migrated)
        let old = TranslationMemory(store: try SQLiteStore(path: migrated))
        let fresh = TranslationMemory(store: try SQLiteStore(path: Fixtures.databasePath()))
        _ = try await fresh.importer.importFile(at: Fixtures.sampleTMX)
        #expect(try await old.store.statistics(memories: nil).units == 91)

        func answers(_ memory: TranslationMemory, _ text: String, _ source: String, _ target: String) async throws -> [String] {
            try await memory.lookup(LookupQuery(text: text, source: LanguageTag(source), target: LanguageTag(target), minimum: 50, limit: 10))
                .map { "\($0.score.value) \($0.source.text) → \($0.target.text)" }
        }
        for (text, source, target) in [
            ("Putin arrives in Beijing", "en", "ru"), ("Putin arrived in Beijing today", "en", "zh-CN"),
            ("Путин прибыл в Харбин", "ru", "en"), ("普京抵达北京", "zh-CN", "en"),
        ] {
            let expected = try await answers(fresh, text, source, target)
            #expect(!expected.isEmpty)
            #expect(try await answers(old, text, source, target) == expected)
        }
        let hits = try await old.concordance("Power of Siberia", language: LanguageTag("en"))
        await #expect(hits.count == (try fresh.concordance("Power of Siberia", language: LanguageTag("en"))).count && !hits.isEmpty)

        // New units go into the migrated index like any others.
        let added = try Fixtures.write(Fixtures.tmx([[("en", "Putin arrives in Beijing by train"), ("ru", "Путин прибыл в Пекин на поезде")]]))
        _ = try await old.importer.importFile(at: added)
        await #expect(
            try answers(old, "Putin arrives in Beijing by train", "en", "ru").first
                == "100 Putin arrives in Beijing by train → Путин прибыл в Пекин на поезде")
    }
}

extension MigrationTests {
    /// A glossary stored before the stem and near keys (v4) gets them when the database opens.
    @Test func aGlossaryStoredBeforeStemKeysFindsInflectedFormsAfterMigration() async throws {
        let path = Fixtures.databasePath()
        try FileManager.default.copyItem(
            atPath: Fixtures.repository.appendingPathComponent("Tests/Fixtures/schema/v3-sample-memory.sqlite").path,
            toPath: path)
        // The rows as the v3 code wrote them: a concept, its terms and their fold and Latin keys.
        try await DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT INTO concept (id, content_key, external_id, domain, origin) VALUES (1, 'k', 'putin', 'person', 'old')")
            for (id, language, text) in [(1, "en", "Vladimir Putin"), (2, "en", "Putin"), (3, "ru", "Путин")] {
                try db.execute(
                    sql: "INSERT INTO term (id, concept_id, position, language, text, status) VALUES (?, 1, ?, ?, ?, 'preferred')",
                    arguments: [id, id, language, text])
                for key in SearchKeys.keys(for: text) where [.fold, .latin, .foldWord, .latinWord].contains(key.kind) {
                    try db.execute(
                        sql: "INSERT OR IGNORE INTO term_key (key, kind, term_id) VALUES (?, ?, ?)",
                        arguments: [key.value, key.kind.rawValue, id])
                }
            }
        }
        let glossary = Glossary(store: try SQLiteStore(path: path))
        #expect(try await glossary.names("Путина").first?.match == .inflected)
        #expect(try await glossary.names("Putim").first?.match == .similar)
        #expect(try await glossary.names("Putin").first?.match == .exact)
    }
}
