import Foundation
import GRDB
import GlossaStore
import GlossaTestSupport
import GlossaText
import Testing

@testable import GlossaSQLite

/// The first import into a database builds the fold index at its end (`DeferredIndexes`): the
/// database must be the one an import that grows the index row by row makes.
@Suite struct DeferredIndexTests {
    static let files = [
        Fixtures.sampleTMX, Fixtures.corpusFile("tmx/okapi-framework_okapi/sample14b.tmx"),
        Fixtures.corpusFile("tmx/omegat-org_omegat/en-US_en-GB_fr_sr.tmx"),
    ]
    /// Every table an import writes, whole, in a fixed order (the import's time left out).
    static let tables = [
        "SELECT * FROM unit ORDER BY id", "SELECT * FROM segment ORDER BY id", "SELECT * FROM token ORDER BY id",
        "SELECT * FROM posting ORDER BY id", "SELECT id, origin, memory_id, units_read, imported, duplicates, rejected FROM import_log ORDER BY id",
        "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name",
    ]

    func importEach(into store: SQLiteStore) async throws {
        for file in Self.files { _ = try await TranslationMemory(store: store).importer.importFile(at: file) }
    }

    @Test func aFirstImportThatBuildsItsFoldIndexAtTheEndStoresWhatARowByRowImportStores() async throws {
        let deferred = try SQLiteStore(path: Fixtures.databasePath())
        let rowByRow = try SQLiteStore(path: Fixtures.databasePath(), termIndexFlushBytes: TermIndexWriter.defaultFlushBytes, defersIndexes: false)
        try await importEach(into: deferred)
        try await importEach(into: rowByRow)
        for table in Self.tables {
            let expected = try await rowByRow.pool.read { try Row.fetchAll($0, sql: table) }
            #expect(!expected.isEmpty, "\(table)")
            #expect(try await deferred.pool.read { try Row.fetchAll($0, sql: table) } == expected, "\(table)")
        }
        // The rebuilt index holds every row, and exact lookups read it.
        #expect(try await deferred.pool.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") } == ["ok"])
        let plan = try await deferred.pool.read {
            try Row.fetchAll($0, sql: "EXPLAIN QUERY PLAN SELECT id FROM segment WHERE language_group = 'en' AND fold = 'putin'")
                .map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.contains("segment_by_fold") }, "\(plan)")
        for (text, source, target) in [("Putin arrives in Beijing", "en", "ru"), ("Putin and Xi met in Beijing", "en", "ru")] {
            let query = LookupQuery(text: text, source: try LanguageTag(source), target: try LanguageTag(target), minimum: 40, limit: 10)
            let expected = try await TranslationMemory(store: rowByRow).lookup(query).map { "\($0.score.value) \($0.target.text)" }
            #expect(!expected.isEmpty)
            #expect(try await TranslationMemory(store: deferred).lookup(query).map { "\($0.score.value) \($0.target.text)" } == expected)
        }
    }

    @Test func aFirstImportThatFailsLeavesTheFoldIndexInPlace() async throws {
        let store = try SQLiteStore(path: Fixtures.databasePath())
        let broken = Fixtures.tmx([[("en", "Putin arrived."), ("ru", "Путин прибыл.")]]).replacingOccurrences(of: "</body>", with: "<tu>")
        await #expect(throws: (any Error).self) {
            _ = try await TranslationMemory(store: store).importer.importFile(at: try Fixtures.write(broken))
        }
        let indexes = try await store.pool.read {
            try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE tbl_name = 'segment' AND type = 'index'")
        }
        #expect(indexes.contains("segment_by_fold"), "\(indexes)")
        #expect(try await store.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM segment") } == 0)
    }
}
