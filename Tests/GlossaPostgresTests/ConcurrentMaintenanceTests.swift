import Foundation
import GlossaModel
import GlossaPostgres
import GlossaStore
import GlossaTestSupport
import GlossaText
import Testing

/// Two servers deleting and editing units of one database while a third imports: every write
/// commits (or loses a race it may run again), and the term index stays whole.
@Suite(.enabled(if: Fixtures.postgresURL != nil, "GLOSSA_TEST_POSTGRES names no database"))
struct ConcurrentMaintenanceTests {
    static let unitsStored = 2_000

    @Test func deletesEditsAndAnImportAtOnceKeepTheIndexWhole() async throws {
        let schema = Fixtures.newSchemaName()
        let stores = [
            try await Fixtures.newPostgresStore(schema: schema, connections: 4), try await Fixtures.newPostgresStore(schema: schema, connections: 4),
            try await Fixtures.newPostgresStore(schema: schema, connections: 4),
        ]
        _ = try await TranslationMemory(store: stores[0]).importer.importFile(
            at: try Fixtures.write(ConcurrentImportTests.units(0..<Self.unitsStored), name: "a.tmx"))
        var stored: [Int64] = []
        try await stores[0].forEachUnit(withLanguageGroups: [], memories: nil) { stored.append($0.id) }
        let ids = stored
        let english = try LanguageTag("en"), russian = try LanguageTag("ru")
        // Even units deleted in pages by one server, every third edited by another (some both),
        // while the third imports new units holding the same words.
        async let deleted: Int = {
            var count = 0
            for page in stride(from: 0, to: ids.count, by: 200) {
                let even = ids[page..<min(page + 200, ids.count)].enumerated().filter { $0.offset.isMultiple(of: 2) }.map(\.element)
                count += try await Self.retryingConflicts { try await stores[1].deleteUnits(ids: even) }
            }
            return count
        }()
        async let edited: Int = {
            var count = 0
            for (index, id) in ids.enumerated() where index.isMultiple(of: 3) {
                let segments = [
                    Segment(language: english, text: "Edited sentence number \(index) about the pipeline"),
                    Segment(language: russian, text: "Исправленное предложение номер \(index) о трубопроводе"),
                ]
                let stored = try await Self.retryingConflicts { try await TranslationMemory(store: stores[2]).updateUnit(id: id, segments: segments) }
                if stored != nil { count += 1 }
            }
            return count
        }()
        async let imported = TranslationMemory(store: stores[0]).importer.importFile(
            at: try Fixtures.write(ConcurrentImportTests.units(Self.unitsStored..<(2 * Self.unitsStored)), name: "b.tmx"))
        let (removed, changed, report) = try await (deleted, edited, imported)
        #expect(removed == Self.unitsStored / 2)
        #expect(changed >= Self.unitsStored / 6)
        #expect(report.imported == Self.unitsStored)
        #expect(try await stores[0].statistics(memories: nil).units == Self.unitsStored + Self.unitsStored / 2)
        let check = try await TermIndexCheck(store: stores[0]).run()
        #expect(check.isConsistent, "\(check)")
    }

    /// A lost race (a deadlock PostgreSQL broke) rolled back whole: run it again, as the API's client would.
    static func retryingConflicts<T>(_ body: () async throws -> T) async throws -> T {
        while true {
            do { return try await body() } catch StoreError.conflict {}
        }
    }
}
