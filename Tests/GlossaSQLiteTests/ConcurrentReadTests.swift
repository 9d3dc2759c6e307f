import Foundation
import GlossaSQLite
import GlossaStore
import GlossaTestSupport
import GlossaText
import Testing

/// SQLite in WAL mode: lookups are answered while an import writes.
@Suite struct ConcurrentReadTests {
    @Test func lookupsGoOnDuringAnImport() async throws {
        let path = Fixtures.databasePath()
        let memory = TranslationMemory(store: try SQLiteStore(path: path))
        _ = try await memory.importer.importFile(at: Fixtures.sampleTMX)
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))  // WAL mode
        let units = (0..<5_000).map { [("en", "Generated sentence number \($0) about trade"), ("ru", "Сгенерированное предложение \($0)")] }
        let file = try Fixtures.write(Fixtures.tmx(units))

        let importing = Task.detached { try await memory.importer.importFile(at: file) }
        var lookupsDuringImport = 0
        let query = LookupQuery(text: "Putin arrives in Beijing", source: try LanguageTag("en"), target: try LanguageTag("ru"))
        while true {
            let matches = try await memory.lookup(query)
            #expect(matches.first?.score.value == 100)
            lookupsDuringImport += 1
            if lookupsDuringImport > 20_000 { break }
            if try await memory.store.statistics(memories: nil).units > 91 { break }  // the import committed
            try await Task.sleep(for: .milliseconds(1))
        }
        let report = try await importing.value
        #expect(report.imported == 5_000)
        #expect(lookupsDuringImport > 1)
        print("lookups answered while a 5,000-unit import ran: \(lookupsDuringImport)")
    }
}
