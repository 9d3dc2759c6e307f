import Foundation
import GRDB
import GlossaModel
import GlossaStore
import GlossaTestSupport
import GlossaText
import Testing

@testable import GlossaSQLite

/// A command's first import into a database nobody else has open writes under a rollback journal
/// (`FirstImportJournal`): the database it leaves must be the one a server's import through the
/// WAL leaves, in WAL mode again, and whatever fails must leave the database as it was.
@Suite struct FirstImportJournalTests {
    static let units = [
        TranslationUnit(segments: [
            Segment(language: try! LanguageTag("en"), text: "Putin arrived in Beijing."),
            Segment(language: try! LanguageTag("ru"), text: "Путин прибыл в Пекин."),
        ]),
        TranslationUnit(segments: [
            Segment(language: try! LanguageTag("en"), text: "Xi met Putin."), Segment(language: try! LanguageTag("zh-CN"), text: "习近平会见了普京。"),
        ]),
    ]

    func journalMode(_ path: String) throws -> String? {
        try DatabaseQueue(path: path).read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
    }

    /// Writes the units, noting where the import's pages went while it ran.
    func writeUnits(into store: SQLiteStore) async throws -> (walFile: Bool, journalFile: Bool) {
        var seen = (walFile: false, journalFile: false)
        try await store.write(into: SQLiteStore.defaultMemoryID, origin: "test") { insert in
            _ = try await insert(Self.units.map(PreparedUnit.init))
            // The writer spills nothing this small: the journal is made when the transaction writes.
            seen = (
                FileManager.default.fileExists(atPath: store.path + "-wal"),
                FileManager.default.fileExists(atPath: store.path + "-journal")
            )
            return ImportCounts(read: Self.units.count, imported: Self.units.count, duplicates: 0, rejected: 0)
        }
        return seen
    }

    @Test func aCommandsFirstImportWritesUnderARollbackJournalAndAServersThroughTheWAL() async throws {
        let command = try SQLiteStore(path: Fixtures.databasePath(), role: .command)
        let server = try SQLiteStore(path: Fixtures.databasePath(), role: .server)
        let commandFiles = try await writeUnits(into: command)
        let serverFiles = try await writeUnits(into: server)
        #expect(!commandFiles.walFile && commandFiles.journalFile)
        #expect(serverFiles.walFile && !serverFiles.journalFile)
        #expect(try journalMode(command.path) == "wal")
    }

    @Test func aCommandsFirstImportStoresWhatAServersImportStores() async throws {
        let command = try SQLiteStore(path: Fixtures.databasePath(), role: .command)
        let server = try SQLiteStore(path: Fixtures.databasePath(), role: .server)
        try await DeferredIndexTests().importEach(into: command)
        try await DeferredIndexTests().importEach(into: server)
        for table in DeferredIndexTests.tables {
            let expected = try await server.pool.read { try Row.fetchAll($0, sql: table) }
            #expect(!expected.isEmpty, "\(table)")
            #expect(try await command.pool.read { try Row.fetchAll($0, sql: table) } == expected, "\(table)")
        }
        #expect(try journalMode(command.path) == "wal")
        #expect(try await command.pool.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") } == ["ok"])
    }

    @Test func aFirstImportGoesThroughTheWALWhileAnotherConnectionHasTheDatabaseOpen() async throws {
        let path = Fixtures.databasePath()
        let command = try SQLiteStore(path: path, role: .command)
        let other = try DatabaseQueue(path: path)
        _ = try await other.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM unit") }
        let files = try await writeUnits(into: command)
        #expect(files.walFile)
        #expect(try await other.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM unit") } == Self.units.count)
    }

    @Test func onlyTheFirstImportLeavesTheWAL() async throws {
        let command = try SQLiteStore(path: Fixtures.databasePath(), role: .command)
        _ = try await writeUnits(into: command)
        #expect(try await FirstImportJournal.enter(command.pool) == nil)
        #expect(try journalMode(command.path) == "wal")
    }

    @Test func aFailedFirstImportUnderTheRollbackJournalLeavesAnEmptyDatabaseInWALMode() async throws {
        let command = try SQLiteStore(path: Fixtures.databasePath(), role: .command)
        let broken = Fixtures.tmx([[("en", "Putin arrived."), ("ru", "Путин прибыл.")]]).replacingOccurrences(of: "</body>", with: "<tu>")
        await #expect(throws: (any Error).self) {
            _ = try await TranslationMemory(store: command).importer.importFile(at: try Fixtures.write(broken))
        }
        #expect(try journalMode(command.path) == "wal")
        #expect(!FileManager.default.fileExists(atPath: command.path + "-journal"))
        for table in ["unit", "segment", "token", "posting", "import_log"] {
            #expect(try await command.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM \(table)") } == 0, "\(table)")
        }
        // The next import is a first import again, and completes.
        let report = try await TranslationMemory(store: command).importer.importFile(at: Fixtures.sampleTMX)
        #expect(report.imported > 0)
        #expect(try await command.pool.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") } == ["ok"])
    }
}
