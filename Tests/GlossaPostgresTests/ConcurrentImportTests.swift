import Foundation
import GlossaPostgres
import GlossaStore
import GlossaTestSupport
import GlossaText
import Testing

/// Several servers on one database: stores sharing a schema, as replicas share it.
@Suite(.enabled(if: Fixtures.postgresURL != nil, "GLOSSA_TEST_POSTGRES names no database"))
struct ConcurrentImportTests {
    static func units(_ range: Range<Int>) -> String {
        Fixtures.tmx(
            range.map { n in
                [("en", "Shared sentence number \(n) about the pipeline"), ("ru", "Общее предложение номер \(n) о трубопроводе")]
            })
    }

    @Test func serversStartingAtOnceMigrateOnce() async throws {
        let schema = Fixtures.newSchemaName()
        let stores = try await withThrowingTaskGroup(of: PostgresStore.self) { group in
            for _ in 0..<4 { group.addTask { try await Fixtures.newPostgresStore(schema: schema) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(stores.count == 4)
        #expect(try await stores[0].statistics(memories: nil).units == 0)
    }

    @Test func overlappingImportsAtOnceStoreEveryUnitOnceAndKeepTheIndexWhole() async throws {
        let schema = Fixtures.newSchemaName()
        let first = try await Fixtures.newPostgresStore(schema: schema, connections: 4)
        let second = try await Fixtures.newPostgresStore(schema: schema, connections: 4)
        let a = try Fixtures.write(Self.units(0..<3_000), name: "a.tmx")
        let b = try Fixtures.write(Self.units(1_500..<4_500), name: "b.tmx")
        async let one = TranslationMemory(store: first).importer.importFile(at: a)
        async let two = TranslationMemory(store: second).importer.importFile(at: b)
        let (reportA, reportB) = try await (one, two)
        #expect(reportA.imported + reportB.imported == 4_500)
        #expect(reportA.duplicates + reportB.duplicates == 1_500)
        #expect(try await first.statistics(memories: nil).units == 4_500)

        // Every word's posting list names each segment holding it once, in id order, and its count agrees.
        let en = try LanguageTag("en").fallbackGroup
        try await first.read { reader in
            let words = ["shared", "sentence", "pipeline", "1500", "2999", "4499"]
            let entries = try await reader.vocabulary(texts: words, languageGroup: en)
            #expect(entries.count == words.count)
            let lists = try await reader.postings(ofTokens: entries.map(\.id))
            for (entry, postings) in zip(entries, lists) {
                let ids = postings.map(\.segmentID)
                #expect(ids == ids.sorted() && Set(ids).count == ids.count, "\(entry.text)")
                #expect(postings.count == entry.segments, "\(entry.text)")
                #expect(postings.count == (Int(entry.text) == nil ? 4_500 : 1), "\(entry.text)")
            }
        }
        // And a lookup on the other server finds units of both files.
        let memory = TranslationMemory(store: second)
        for n in [0, 2_000, 4_499] {
            let query = LookupQuery(
                text: "Shared sentence number \(n) about the pipeline", source: try LanguageTag("en"), target: try LanguageTag("ru"))
            #expect(try await memory.lookup(query).first?.score.value == 100)
        }
    }
}
