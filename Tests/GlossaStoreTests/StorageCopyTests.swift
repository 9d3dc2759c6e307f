import Foundation
import GlossaStore
import GlossaTestSupport
import GlossaText
import Testing

/// `glossa copy`: a whole memory and glossary moved to another store, and moved again.
@Suite struct StorageCopyTests {
    func exported(_ store: any Storage) async throws -> (tmx: String, tbx: String) {
        var tmx = "", tbx = ""
        try await TranslationMemory(store: store).export(source: nil, target: nil) { tmx += $0 }
        try await Glossary(store: store).exportTBX { tbx += $0 }
        return (tmx.replacingOccurrences(of: #"creationdate="[0-9TZ]+""#, with: "", options: .regularExpression), tbx)
    }

    @Test func aCopyHoldsWhatTheOriginalHoldsAndASecondCopyAddsNothing() async throws {
        let original = try await Fixtures.newStore()
        for file in [Fixtures.sampleTMX, Fixtures.corpusFile("tmx/okapi-framework_okapi/html_test.tmx")] {
            _ = try await TranslationMemory(store: original).importer.importFile(at: file)
        }
        _ = try await Glossary(store: original).importGlossary(at: Fixtures.repository.appendingPathComponent("glossary/seed-names.tbx").path)
        let copy = try await Fixtures.newStore()

        let first = try await StorageCopy(from: original, to: copy).run()
        #expect(first.unitsRead > 90 && first.unitsCopied == first.unitsRead && first.unitsPresent == 0)
        #expect(first.conceptsRead > 90 && first.conceptsCopied == first.conceptsRead)
        let (tmx, tbx) = try await exported(original)
        let copied = try await exported(copy)
        #expect(copied.tmx == tmx && copied.tbx == tbx)

        let again = try await StorageCopy(from: original, to: copy).run()
        #expect(again.unitsCopied == 0 && again.unitsPresent == first.unitsRead && again.conceptsCopied == 0)
        #expect(try await copy.statistics(memories: nil).units == original.statistics(memories: nil).units)
    }
}
