import Foundation
import GlossaModel
import GlossaPostgres
import GlossaSQLite
import GlossaStore
import GlossaTestSupport
import GlossaText
import Testing

/// The same data in both engines gives the same answers, byte for byte: lookups, concordance, name
/// searches, annotation and exports.
@Suite(.enabled(if: Fixtures.postgresURL != nil, "GLOSSA_TEST_POSTGRES names no database"))
struct EngineParityTests {
    /// Memories of several tools (duplicates, inline codes, metadata, many languages) and two glossaries.
    static let memories = [
        Fixtures.sampleTMX, Fixtures.corpusFile("tmx/WeblateOrg_weblate/memory.tmx"),
        Fixtures.corpusFile("tmx/okapi-framework_okapi/html_test.tmx"), Fixtures.corpusFile("tmx/okapi-framework_okapi/sample14b.tmx"),
        Fixtures.corpusFile("tmx/omegat-org_omegat/en-US_en-GB_fr_sr.tmx"),
        Fixtures.corpusFile("tmx/zanata_zanata-platform/valid-tmx-with-metadata.tmx"),
    ]
    static let glossaries = ["seed-names.tbx", "people-russia.tbx", "people-china.tbx", "places-russia.tbx"].map {
        Fixtures.repository.appendingPathComponent("glossary/\($0)").path
    }

    /// Both stores, filled once for every test of the suite (they only read).
    static let loaded = Task { () async throws -> (sqlite: any Storage, postgres: any Storage) in
        let sqlite = try SQLiteStore(path: Fixtures.databasePath())
        let postgres = try await Fixtures.newPostgresStore(connections: 4)
        for store in [sqlite, postgres] as [any Storage] {
            for file in memories + [Fixtures.sampleTMX] { _ = try await TranslationMemory(store: store).importer.importFile(at: file) }
            for file in glossaries { _ = try await Glossary(store: store).importGlossary(at: file) }
        }
        return (sqlite, postgres)
    }

    let sqlite: any Storage
    let postgres: any Storage

    init() async throws {
        (sqlite, postgres) = try await Self.loaded.value
    }

    func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    func bothEngines<T: Encodable>(_ body: (any Storage) async throws -> T) async throws -> (String, String) {
        (try json(await body(sqlite)), try json(await body(postgres)))
    }

    @Test func lookupsMatch() async throws {
        let en = try LanguageTag("en"), ru = try LanguageTag("ru"), zh = try LanguageTag("zh-CN")
        var queries: [LookupQuery] = []
        try await sqlite.forEachUnit(withLanguageGroups: [en.fallbackGroup], memories: nil) { unit in
            for (segment, _) in unit.segments where segment.language.fallbackGroup == en.fallbackGroup {
                let words = segment.text.split(separator: " ")
                queries.append(LookupQuery(text: segment.text, source: en, target: ru, minimum: 50, limit: 5))
                // A word left out: fuzzy matches, ties and all.
                if words.count > 3 {
                    let shorter = words.enumerated().filter { $0.offset != words.count / 2 }.map(\.element).joined(separator: " ")
                    queries.append(LookupQuery(text: shorter, source: en, target: zh, minimum: 50, limit: 5))
                }
            }
        }
        #expect(queries.count > 150)
        for query in queries {
            let (a, b) = try await bothEngines { try await TranslationMemory(store: $0).lookup(query) }
            #expect(a == b, "\(query.text)")
        }
    }

    @Test(arguments: ["Putin", "arrives in Beijing", "Xi Jinping", "the", "Пекин", "file"])
    func concordanceMatches(phrase: String) async throws {
        let (a, b) = try await bothEngines { try await TranslationMemory(store: $0).concordance(phrase, language: nil, limit: 20) }
        #expect(a == b)
        #expect(a != "[]")
    }

    @Test(arguments: ["Путина", "putin", "Pǔjīng", "普京", "Си Цзиньпина", "xi jinpin", "Moskva", "Санкт-Петербурге", "mosc", "Baishuitai"])
    func nameSearchesMatch(query: String) async throws {
        let languages = [try LanguageTag("en"), try LanguageTag("ru"), try LanguageTag("zh-CN")]
        let (a, b) = try await bothEngines { try await Glossary(store: $0).findName(query, to: languages) }
        #expect(a == b, "\(query)")
    }

    @Test func annotationMatches() async throws {
        let text = try String(contentsOf: Fixtures.root.appendingPathComponent("Fixtures/seed/article.txt"), encoding: .utf8)
        let annotate = { (store: any Storage) in try await Glossary(store: store).annotate(text, language: LanguageTag("en"), to: [LanguageTag("ru")])
        }
        let occurrences = try await annotate(sqlite)
        #expect(try json(occurrences) == json(await annotate(postgres)))
        #expect(occurrences.count > 50)
    }

    @Test func exportsMatch() async throws {
        func tmx(_ store: any Storage) async throws -> String {
            var text = ""
            try await TranslationMemory(store: store).export(source: nil, target: nil) { text += $0 }
            // The creation date is the time of the export.
            return text.replacingOccurrences(of: #"creationdate="[0-9TZ]+""#, with: "", options: .regularExpression)
        }
        func tbx(_ store: any Storage) async throws -> String {
            var text = ""
            try await Glossary(store: store).exportTBX { text += $0 }
            return text
        }
        #expect(try await tmx(sqlite) == tmx(postgres))
        #expect(try await tbx(sqlite) == tbx(postgres))
        let (a, b) = try await bothEngines { try await $0.languages(memories: nil) }
        #expect(a == b)
    }
}
