import Foundation
import GlossaModel
import GlossaPostgres
import GlossaSQLite
import GlossaStore
import GlossaTestSupport
import GlossaText
import Testing

/// After the same deletions and edits, both engines give the same answers, and both indexes pass
/// the check (SQLite keeps a word's count in `token`, PostgreSQL in its blocks).
@Suite(.enabled(if: Fixtures.postgresURL != nil, "GLOSSA_TEST_POSTGRES names no database"))
struct MaintenanceParityTests {
    static let removed = ["visit-002", "visit-011", "visit-040", "visit-041", "visit-077"]
    static let edited = "visit-003"

    func maintained(_ store: any Storage) async throws -> TranslationMemory {
        let memory = TranslationMemory(store: store)
        _ = try await memory.importer.importFile(at: Fixtures.sampleTMX)
        var ids: [String: Int64] = [:]
        try await store.forEachUnit(withLanguageGroups: [], memories: nil) { ids[$0.tuid ?? ""] = $0.id }
        _ = try await memory.deleteUnits(ids: Self.removed.map { ids[$0]! })
        _ = try await memory.updateUnit(
            id: ids[Self.edited]!,
            segments: [
                Segment(language: LanguageTag("en"), text: "Putin leaves Harbin for Moscow"),
                Segment(language: LanguageTag("ru"), text: "Путин вылетел из Харбина в Москву"),
            ], date: Date(timeIntervalSince1970: 1_780_000_000))
        return memory
    }

    func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func lookupsAndConcordanceMatchAfterDeletesAndEdits() async throws {
        let sqlite = try await maintained(try SQLiteStore(path: Fixtures.databasePath()))
        let postgres = try await maintained(try await Fixtures.newPostgresStore())
        let en = try LanguageTag("en"), ru = try LanguageTag("ru")
        var queries = ["Putin leaves Harbin for Beijing", "Putin arrives in Beijing", "Putin arrives in Harbin"]
        try await sqlite.store.forEachUnit(withLanguageGroups: [en.fallbackGroup], memories: nil) { unit in
            queries += unit.segments.filter { $0.segment.language == en }.map(\.segment.text)
        }
        for query in queries {
            let lookup = LookupQuery(text: query, source: en, target: ru, minimum: 50, limit: 5)
            #expect(try json(await sqlite.lookup(lookup)) == json(await postgres.lookup(lookup)), "\(query)")
        }
        for phrase in ["Harbin", "Putin arrives", "Москву"] {
            #expect(try json(await sqlite.concordance(phrase, language: nil)) == json(await postgres.concordance(phrase, language: nil)))
        }
        for memory in [sqlite, postgres] {
            let report = try await TermIndexCheck(store: memory.store).run()
            #expect(report.isConsistent, "\(report)")
        }
    }
}
