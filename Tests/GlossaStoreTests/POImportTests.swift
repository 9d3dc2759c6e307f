import Foundation
import GlossaFormats
import GlossaStore
import GlossaTestSupport
import GlossaText
import Testing

@Suite struct POImportTests {
    @Test("Django's Russian catalogue imports its distinct translations once: a second import adds nothing")
    func importTwice() async throws {
        let memory = TranslationMemory(store: try await Fixtures.newStore())
        let path = Fixtures.corpusFile("po/django_django/ru-django.po")
        let report = try await memory.importer.importFile(at: path)
        // 393 units: plural forms 2 and 3 often say the same, and a few texts recur under other contexts.
        #expect((report.unitsRead, report.imported, report.duplicates, report.rejectedCount) == (393, 366, 27, 0))
        #expect(report.languages == ["en": 393, "ru": 393])
        let again = try await memory.importer.importFile(at: path)
        #expect((again.imported, again.duplicates) == (0, 393))
        #expect(try await memory.store.statistics(memories: nil).units == 366)
    }

    @Test("A PO file broken after good entries is refused whole, with nothing stored")
    func brokenFileStoresNothing() async throws {
        let memory = TranslationMemory(store: try await Fixtures.newStore())
        let path = try Fixtures.write(
            "msgid \"\"\nmsgstr \"Language: ru\\n\"\n\nmsgid \"one\"\nmsgstr \"раз\"\n\nmsgstr \"два\"\n", name: "broken.po")
        await #expect(throws: FormatError.syntax(format: "PO", message: "msgstr before msgid", line: 7)) {
            try await memory.importer.importFile(at: path)
        }
        #expect(try await memory.store.statistics(memories: nil).units == 0)
    }

    @Test("A PO file without Language: takes the languages the importer is given")
    func givenLanguages() async throws {
        let memory = TranslationMemory(store: try await Fixtures.newStore())
        let path = try Fixtures.write("msgid \"House\"\nmsgstr \"Haus\"\n", name: "plain.po")
        let report = try await memory.importer.importFile(at: path, languages: [try LanguageTag("en"), try LanguageTag("de")])
        #expect(report.imported == 1)
        #expect(report.languages == ["en": 1, "de": 1])
    }
}
