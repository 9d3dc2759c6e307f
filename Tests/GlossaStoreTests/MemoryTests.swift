import Foundation
import GlossaModel
import GlossaStore
import GlossaTestSupport
import GlossaText
import Testing

/// Named memories over the sample news memory: units kept apart per memory, searched by name,
/// penalized, filtered on their props and dates, with their provenance.
@Suite struct MemoryTests {
    let memory: TranslationMemory

    init() async throws {
        memory = TranslationMemory(store: try await Fixtures.newStore())
    }

    func name(_ text: String) throws -> MemoryName { try MemoryName(text) }

    @discardableResult
    func create(_ text: String, penalty: Int = 0, client: String? = nil) async throws -> StoredMemory {
        try await memory.createMemory(try MemorySettings(name: name(text), client: client, penalty: penalty))
    }

    func lookup(_ text: String, scope: MemoryScope? = nil, min: Int = 70, limit: Int = 10) async throws -> [Match] {
        try await memory.lookup(
            LookupQuery(text: text, source: LanguageTag("en"), target: LanguageTag("ru"), minimum: min, limit: limit, scope: scope))
    }

    /// A unit with TMX dates and props, as CAT tools write them.
    static func tmx(_ units: [(en: String, ru: String, changed: String, client: String)]) -> String {
        let body = units.map { unit in
            """
            <tu changedate="\(unit.changed)" creationid="anna" changeid="boris"><prop type="client">\(unit.client)</prop>\
            <tuv xml:lang="en"><seg>\(unit.en)</seg></tuv><tuv xml:lang="ru"><seg>\(unit.ru)</seg></tuv></tu>
            """
        }.joined(separator: "\n")
        return Fixtures.tmxDocument(body: body + "\n")
    }

    @Test func theSameFileInTwoMemoriesIsStoredTwiceAndOnceInEach() async throws {
        try await create("news-2024")
        let first = try await memory.importer.importFile(at: Fixtures.sampleTMX, into: name("news-2024"))
        let other = try await memory.importer.importFile(at: Fixtures.sampleTMX)
        let again = try await memory.importer.importFile(at: Fixtures.sampleTMX, into: name("news-2024"))
        let news = try name("news-2024")
        #expect(first.imported == 91 && first.memory == news)
        #expect(other.imported == 91 && other.memory == .defaultMemory)
        #expect(again.imported == 0 && again.duplicates == 91)
        let counts = try await memory.memories().reduce(into: [String: Int]()) { $0[$1.memory.name.value] = $1.units }
        #expect(counts == ["default": 91, "news-2024": 91])
        let imports = try await memory.imports(in: [try await memory.memory(named: name("news-2024"))])
        #expect(imports.map(\.counts.imported) == [0, 91])
    }

    @Test func lookupsSearchTheMemoriesNamedAndSayWhereEachMatchComesFrom() async throws {
        let news = try await create("news-2024")
        _ = try await memory.importer.importFile(at: Fixtures.sampleTMX, into: news.name, origin: "state-visit.tmx")
        let other = Fixtures.tmx([[("en", "Putin arrives in Beijing"), ("ru", "Путин приезжает в Пекин")]])
        _ = try await memory.importer.importFile(at: try Fixtures.write(other))

        let onlyNews = try await memory.scope(names: [news.name])
        let matches = try await lookup("Putin arrives in Beijing", scope: onlyNews)
        #expect(!matches.isEmpty)
        #expect(matches.allSatisfy { $0.provenance?.memory == news.name })
        let first = try #require(matches.first)
        #expect(first.target.text == "Путин прибыл в Пекин")
        #expect(first.provenance?.origin == "state-visit.tmx")
        let newsImport = try #require(try await memory.imports(in: [news]).first)
        #expect(first.provenance?.importID == newsImport.id)

        let everywhere = try await lookup("Putin arrives in Beijing", min: 100)
        #expect(Set(everywhere.map(\.target.text)) == ["Путин прибыл в Пекин", "Путин приезжает в Пекин"])
        #expect(everywhere.allSatisfy { $0.alternatives == 2 })
        await #expect(throws: MemoryError.notFound("old-tm")) { try await memory.scope(names: [try name("old-tm")]) }
    }

    @Test func aPenalizedExactMatchIsNoLongerExactAndARequestMaySetAnotherPenalty() async throws {
        let old = try await create("old-tm", penalty: 5)
        _ = try await memory.importer.importFile(at: Fixtures.sampleTMX, into: old.name)
        let penalized = try #require(try await lookup("Putin arrives in Beijing").first)
        #expect(penalized.score.value == 95 && penalized.score.kind == .fuzzy && penalized.score.penalty == 5)

        let waived = try #require(
            try await lookup("Putin arrives in Beijing", scope: try await memory.scope(names: nil, penalties: [old.name: 0])).first)
        #expect(waived.score.value == 100 && waived.score.kind == .exact)

        // Below the minimum once penalized: left out.
        let harsh = try await memory.scope(names: nil, penalties: [old.name: 40])
        #expect(try await lookup("Putin arrives in Beijing", scope: harsh, min: 70).isEmpty)

        // The same translation from an unpenalized memory: shown once, at its best score, from there.
        _ = try await memory.importer.importFile(at: Fixtures.sampleTMX)
        let both = try #require(try await lookup("Putin arrives in Beijing", min: 90).first)
        #expect(both.score.value == 100 && both.occurrences == 2 && both.provenance?.memory == .defaultMemory)
    }

    @Test func translationsOfOneSourceComeNewestFirstThenMostFrequent() async throws {
        let units: [(en: String, ru: String, changed: String, client: String)] = [
            ("The talks resumed.", "Переговоры возобновились.", "20230101T120000Z", "acme"),
            ("The talks resumed.", "Переговоры возобновлены.", "20240601T120000Z", "acme"),
            ("The talks resumed.", "Переговоры продолжились.", "20220101T120000Z", "globex"),
        ]
        _ = try await memory.importer.importFile(at: try Fixtures.write(Self.tmx(units)))
        // The same translation again in another memory: more frequent, but older.
        let second = try await create("second")
        _ = try await memory.importer.importFile(at: try Fixtures.write(Self.tmx([units[2]])), into: second.name)

        let matches = try await lookup("The talks resumed.", min: 100)
        #expect(matches.map(\.target.text) == ["Переговоры возобновлены.", "Переговоры возобновились.", "Переговоры продолжились."])
        #expect(matches.map(\.occurrences) == [1, 1, 2])
        #expect(matches.allSatisfy { $0.alternatives == 3 })
        let provenance = try #require(matches.first?.provenance)
        #expect(provenance.changeDate == "20240601T120000Z" && provenance.creationID == "anna" && provenance.changeID == "boris")
        #expect(provenance.properties == [Property(type: "client", value: "acme")])
    }

    @Test func unitsAreFilteredOnTheirPropsAndChangeDate() async throws {
        let units: [(en: String, ru: String, changed: String, client: String)] = [
            ("The talks resumed.", "Переговоры возобновились.", "20230101T120000Z", "acme"),
            ("The talks resumed today.", "Переговоры возобновились сегодня.", "20240601T120000Z", "globex"),
        ]
        _ = try await memory.importer.importFile(at: try Fixtures.write(Self.tmx(units)))
        var acme = try await memory.scope(names: nil)
        acme.properties = [Property(type: "client", value: "acme")]
        #expect(try await lookup("The talks resumed.", scope: acme).map(\.target.text) == ["Переговоры возобновились."])

        var recent = try await memory.scope(names: nil)
        recent.changedAfter = MemoryScope.tmxDate("2024-01-01")
        #expect(try await lookup("The talks resumed.", scope: recent).map(\.target.text) == ["Переговоры возобновились сегодня."])

        var unknown = try await memory.scope(names: nil)
        unknown.properties = [Property(type: "x-no-such-prop", value: "1")]
        #expect(try await lookup("The talks resumed.", scope: unknown).isEmpty)
        #expect(try await memory.concordance("talks resumed", language: LanguageTag("en"), scope: acme).count == 1)
        #expect(try await memory.concordance("talks resumed", language: LanguageTag("en"), scope: unknown).isEmpty)
    }

    @Test func memoriesAreChosenByClientAndExportedAlone() async throws {
        let acme = try await create("client-acme", client: "ACME")
        try await create("client-globex", client: "Globex")
        _ = try await memory.importer.importFile(at: Fixtures.sampleTMX, into: acme.name)
        let other = Fixtures.tmx([[("en", "Globex only"), ("ru", "Только Глобекс")]])
        _ = try await memory.importer.importFile(at: try Fixtures.write(other), into: name("client-globex"))

        let byClient = try await memory.scope(names: nil, client: "ACME")
        #expect(byClient.memories.values.map(\.name) == [acme.name])
        var exported = ""
        let count = try await memory.export(source: nil, target: nil, scope: byClient) { exported += $0 }
        #expect(count == 91)
        #expect(!exported.contains("Globex only"))
        #expect(try await memory.concordance("Globex", language: LanguageTag("en"), scope: byClient).isEmpty)
        #expect(try await memory.concordance("Globex", language: LanguageTag("en")).count == 1)
        #expect(try await memory.store.statistics(memories: [acme.id]).units == 91)
    }

    @Test func aMemoryIsRenamedWithItsUnitsAndNamesStayUnique() async throws {
        let news = try await create("news")
        _ = try await memory.importer.importFile(at: Fixtures.sampleTMX, into: news.name)
        try await create("other")
        await #expect(throws: MemoryError.exists("news")) { try await create("news") }
        await #expect(throws: MemoryError.exists("other")) { try await memory.updateMemory(named: news.name) { $0.name = try MemoryName("other") } }
        let renamed = try await memory.updateMemory(named: news.name) {
            $0.name = try MemoryName("news-2024")
            $0.penalty = 3
        }
        #expect(renamed.id == news.id && renamed.settings.penalty == 3)
        #expect(try await memory.memories().first { $0.memory.id == news.id }?.units == 91)
        await #expect(throws: MemoryError.notFound("news")) { try await memory.memory(named: name("news")) }
        await #expect(throws: MemoryError.notFound("news")) { try await memory.importer.importFile(at: Fixtures.sampleTMX, into: name("news")) }
        #expect(try await memory.store.statistics(memories: nil).units == 91)
    }

    @Test func namesAreSlugsAndPenaltiesPercentages() throws {
        for bad in ["", "Client", "-x", "a b", "ünï", String(repeating: "a", count: 64), "a/b"] {
            #expect(throws: MemoryError.invalidName(bad)) { try MemoryName(bad) }
        }
        for good in ["a", "client-acme", "news_2024.v2", String(repeating: "a", count: 63)] { #expect(throws: Never.self) { try MemoryName(good) } }
        #expect(throws: MemoryError.invalidPenalty(101)) { try MemorySettings(name: .samples, penalty: 101) }
        #expect(throws: MemoryError.invalidPenalty(-1)) { try MemorySettings(name: .samples, penalty: -1) }
    }
}
