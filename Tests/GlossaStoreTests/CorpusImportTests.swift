import Foundation
import GlossaFormats
import GlossaStore
import GlossaTestSupport
import Testing

/// Every TMX file of the peer corpus, imported into a new database, with the counts its MANIFEST.md
/// measured and what Glossa's policy makes of them.
@Suite struct CorpusImportTests {
    /// Expected (imported, duplicates, rejected) where not every unit is simply imported.
    static let exceptions: [String: (imported: Int, duplicates: Int, rejected: Int)] = [
        // Same unit (en + the same ru variants) twice in the file.
        "tmx/akutuzov_rus-ltc/new_rltc2demultiplicate.tmx": (9, 1, 0),
        // A TU with one tuv: nothing to translate to.
        "tmx/okapi-framework_okapi/okapi-confusion.tmx": (0, 0, 1),
        "tmx/okapi-framework_okapi/sample14b.tmx": (24, 1, 0),
        // Both segments are only codes and whitespace.
        "tmx/omegat-org_omegat/invalid.tmx": (0, 0, 1),
        // UI strings repeated in the file.
        "tmx/omegat-org_omegat/test-match-stat-en-ca.tmx": (209, 50, 0),
        // TU2 holds one language only.
        "tmx/omegat-org_omegat/test-missingSource.tmx": (3, 0, 1),
    ]

    static let entries = (try? Fixtures.manifestTMX()) ?? []

    @Test func manifestListsAll47Files() {
        #expect(Self.entries.count == 47)
    }

    @Test(arguments: entries.map(\.file))
    func importsWithTheManifestCounts(file: String) async throws {
        let entry = try #require(Self.entries.first { $0.file == file })
        let memory = TranslationMemory(store: try await Fixtures.newStore())
        let path = Fixtures.corpusFile(file)
        if entry.units == 0, (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue == 0 {
            await #expect(throws: FormatError.emptyFile) { try await memory.importer.importFile(at: path) }
            #expect(try await memory.store.statistics(memories: nil).units == 0)
            return
        }
        let report = try await memory.importer.importFile(at: path)
        #expect(report.unitsRead == entry.units)
        #expect(report.segmentsRead == entry.variants)
        let expected = Self.exceptions[file] ?? (entry.units, 0, 0)
        #expect(report.imported == expected.imported)
        #expect(report.duplicates == expected.duplicates)
        #expect(report.rejectedCount == expected.rejected)
        #expect(try await memory.store.statistics(memories: nil).units == expected.imported)

        // The same file again adds nothing.
        let again = try await memory.importer.importFile(at: path)
        #expect(again.imported == 0)
        #expect(again.duplicates == expected.imported + expected.duplicates)
        #expect(try await memory.store.statistics(memories: nil).units == expected.imported)
    }
}
